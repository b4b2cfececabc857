import { Config } from '@backstage/config';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import {
  EXEMPT_PATH_PREFIXES,
  isDirectCallFromExemptAddress,
} from './userRateLimit';

type RequestHandler = ReturnType<MiddlewareFactory['rateLimit']>;

export type RequestConcurrencyOptions = {
  /** Requests a replica works on at once; the others wait in its queue. */
  maxInFlight: number;
  /** Requests that may wait; beyond them the replica answers 503 with Retry-After. */
  maxQueued: number;
  exemptAddresses: string[];
};

export const DEFAULT_MAX_IN_FLIGHT = 16;
export const DEFAULT_MAX_QUEUED = 2_000;
const LOOPBACK = ['127.0.0.1', '::1', '::ffff:127.0.0.1'];

export function readRequestConcurrencyOptions(
  config: Config,
): RequestConcurrencyOptions {
  const limit = config.getOptionalConfig('requestConcurrency');
  return {
    maxInFlight:
      limit?.getOptionalNumber('maxInFlight') ?? DEFAULT_MAX_IN_FLIGHT,
    maxQueued: limit?.getOptionalNumber('maxQueued') ?? DEFAULT_MAX_QUEUED,
    exemptAddresses:
      config.getOptionalStringArray('userRateLimit.exemptAddresses') ??
      LOOPBACK,
  };
}

/**
 * At most `maxInFlight` requests at once, the rest in a first-come queue. Node runs every
 * request on one event loop: with hundreds in flight, the callbacks of their queries queue up
 * in front of any new request, and the readiness probe, which answers in a millisecond on an
 * idle replica, waited more than its 2 s timeout, so the load balancer took a busy but healthy
 * replica out (docs/decisions/readiness-under-saturation.md). Waiting here costs no CPU, so the
 * probe answers at once however long the queue.
 *
 * Never queued: health probes; GitHub's webhook deliveries (cheap to check, and the store
 * behind them bounds its own queue and answers 503 when full, so GitHub redelivers); the
 * backend's own loopback calls (a request in flight waits for them; queueing them behind it
 * could deadlock); and event streams (`Accept: text/event-stream`), open for minutes.
 */
export function createRequestConcurrencyLimit(
  options: RequestConcurrencyOptions,
): RequestHandler {
  let inFlight = 0;
  const queue: Array<{ start: () => void; leave: () => void }> = [];

  const release = () => {
    inFlight -= 1;
    queue.shift()?.start();
  };

  return (req, res, next) => {
    if (
      EXEMPT_PATH_PREFIXES.some(prefix => req.path.startsWith(prefix)) ||
      isDirectCallFromExemptAddress(req, options.exemptAddresses) ||
      (req.headers.accept ?? '').includes('text/event-stream')
    ) {
      next();
      return;
    }
    const start = () => {
      inFlight += 1;
      let released = false;
      const done = () => {
        if (released) return;
        released = true;
        release();
      };
      res.once('finish', done);
      res.once('close', done);
      next();
    };
    if (inFlight < options.maxInFlight) {
      start();
      return;
    }
    if (queue.length >= options.maxQueued) {
      res.setHeader('Retry-After', '1');
      res.status(503).json({
        error: {
          name: 'ServiceUnavailableError',
          message: `This replica has ${queue.length} requests waiting; try again shortly`,
        },
        response: { statusCode: 503 },
      });
      return;
    }
    const waiting = {
      start: () => {
        res.off('close', waiting.leave);
        start();
      },
      // A caller that gives up while waiting leaves the queue.
      leave: () => {
        const index = queue.indexOf(waiting);
        if (index >= 0) queue.splice(index, 1);
      },
    };
    res.once('close', waiting.leave);
    queue.push(waiting);
  };
}
