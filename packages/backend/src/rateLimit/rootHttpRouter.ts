import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import {
  createRequestConcurrencyLimit,
  readRequestConcurrencyOptions,
} from './requestConcurrency';
import {
  readServerTimeouts,
  releaseConnectionsOnClose,
} from './serverTimeouts';
import { createUserRateLimit, readUserRateLimitOptions } from './userRateLimit';

/**
 * Backstage's root HTTP router with the portal's per-user limit in the slot where Backstage
 * puts its own rate limit (after helmet, CORS, compression and request logging, before health
 * and the plugins). Backstage's `backend.rateLimit` counts per address, which behind an ingress
 * or an office NAT is everyone at once, and would count GitHub's webhook deliveries too.
 *
 * Then at most `requestConcurrency.maxInFlight` requests are worked on at once, the others
 * wait (requestConcurrency.ts), so the readiness probe answers however busy the replica is.
 *
 * Its server keeps idle connections open longer than the load balancer in front of it
 * (serverTimeouts.ts), so the balancer never reuses a connection the backend has closed.
 */
export const portalRootHttpRouterServiceFactory = rootHttpRouterServiceFactory({
  configure({ server, middleware, config, logger, applyDefaults }) {
    const timeouts = readServerTimeouts(config);
    const options = readUserRateLimitOptions(config);
    const concurrency = createRequestConcurrencyLimit(
      readRequestConcurrencyOptions(config),
    );
    const userLimit = options ? createUserRateLimit(options) : undefined;
    if (options) {
      logger.info(
        `Requests limited to ${options.requestsPerWindow} per ${
          options.windowMs / 1000
        } s per user`,
      );
    }
    // A request over its user's budget is refused before it waits for a place.
    middleware.rateLimit = () => (req, res, next) => {
      if (!userLimit) {
        concurrency(req, res, next);
        return;
      }
      userLimit(req, res, error => {
        if (error) next(error);
        else concurrency(req, res, next);
      });
    };
    applyDefaults();
    // After applyDefaults, which sets only the keys configured under backend.server.
    server.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
    server.headersTimeout = timeouts.headersTimeoutMs;
    releaseConnectionsOnClose(server);
  },
});
