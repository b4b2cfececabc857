import { Config } from '@backstage/config';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { readDurationMs } from './durations';

/**
 * How long the backend keeps an idle keep-alive connection open when `backend.server.
 * keepAliveTimeout` is not set: above the idle timeout of the balancers in front of it (the
 * NGINX ingress controller's `upstream-keepalive-timeout` and AWS load balancers: 60 s; HAProxy
 * drops its idle server connections within `pool-purge-delay`, 5 s). Node's own default, 5 s,
 * is below them: a balancer then sends a request on a connection Node is closing and answers 502.
 */
export const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 75_000;

export type ServerTimeouts = {
  keepAliveTimeoutMs: number;
  /** Above keepAliveTimeoutMs, so an idle connection is never ended by the headers timer first. */
  headersTimeoutMs: number;
};

/** A `backend.server` duration as Backstage reads it: milliseconds, or a duration. */
function durationMs(server: Config | undefined, key: string) {
  return server?.has(key) ? readDurationMs(server, key) : undefined;
}

/**
 * The keep-alive and headers timeouts of the backend's HTTP server: `backend.server.
 * keepAliveTimeout` and `headersTimeout` (the keys of Backstage's root HTTP router), with the
 * portal's defaults when they are absent. docs/decisions/http-timeouts-behind-a-balancer.md.
 */
export function readServerTimeouts(config: Config): ServerTimeouts {
  const server = config.getOptionalConfig('backend.server');
  const keepAliveTimeoutMs =
    durationMs(server, 'keepAliveTimeout') ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS;
  const headersTimeoutMs =
    durationMs(server, 'headersTimeout') ?? keepAliveTimeoutMs + 1_000;
  if (headersTimeoutMs <= keepAliveTimeoutMs) {
    throw new Error(
      `backend.server.headersTimeout (${headersTimeoutMs} ms) must be above backend.server.keepAliveTimeout (${keepAliveTimeoutMs} ms)`,
    );
  }
  return { keepAliveTimeoutMs, headersTimeoutMs };
}

/**
 * Makes a stopping server let go of its keep-alive connections at once. Backstage's stop closes
 * the connections that are idle at that moment, but one whose request was still running (an
 * events long poll, a slow page) would then stay open for the whole keep-alive timeout, and the
 * replica would outlive Kubernetes' grace period. Once `close()` is called, every answer asks
 * the client to close the connection, and each connection is closed when its answer is sent.
 */
export function releaseConnectionsOnClose(server: Server): void {
  let closing = false;
  const running = new Set<ServerResponse>();
  const release = (res: ServerResponse) => {
    if (!res.headersSent) res.shouldKeepAlive = false;
  };
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (closing) release(res);
    running.add(res);
    res.on('close', () => {
      running.delete(res);
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
  });
  const close = server.close.bind(server);
  server.close = ((callback?: (error?: Error) => void) => {
    closing = true;
    running.forEach(release);
    return close(callback);
  }) as Server['close'];
}
