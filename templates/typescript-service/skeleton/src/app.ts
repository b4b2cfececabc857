import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { Logger } from './logger.js';
import { Metrics } from './metrics.js';

export type AppOptions = {
  name: string;
  logger: Logger;
  metrics: Metrics;
  /** Readiness: resolves when the dependencies this service needs answer. */
  ready?: () => Promise<void>;
};

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** The HTTP service: health, readiness, metrics and the API itself. */
export function createApp(options: AppOptions): Server {
  const { name, logger, metrics, ready } = options;
  const routes: Record<string, Handler> = {
    'GET /healthz': (_req, res) => json(res, 200, { status: 'ok' }),
    'GET /readyz': async (_req, res) => {
      try {
        await ready?.();
        json(res, 200, { status: 'ready' });
      } catch (error) {
        logger.warn('not ready', { error: String(error) });
        json(res, 503, { status: 'not ready' });
      }
    },
    'GET /metrics': async (_req, res) => {
      res.writeHead(200, { 'content-type': metrics.registry.contentType });
      res.end(await metrics.registry.metrics());
    },
    'GET /': (_req, res) => json(res, 200, { service: name, message: `Hello from ${name}` }),
  };

  return createServer(async (req, res) => {
    const started = process.hrtime.bigint();
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const key = `${req.method} ${path}`;
    const handler = routes[key];
    const route = handler ? path : 'unmatched';
    try {
      if (handler) {
        await handler(req, res);
      } else {
        json(res, 404, { error: `No route for ${key}` });
      }
    } catch (error) {
      logger.error('request failed', { route, error: String(error) });
      if (!res.headersSent) json(res, 500, { error: 'Internal error' });
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.requests.inc({ method: req.method, route, status: String(res.statusCode) });
      metrics.duration.observe({ method: req.method, route }, seconds);
      if (route !== '/healthz' && route !== '/readyz' && route !== '/metrics') {
        logger.info('request', {
          method: req.method,
          path,
          status: res.statusCode,
          durationMs: Math.round(seconds * 1000),
        });
      }
    }
  });
}
