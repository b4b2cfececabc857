import { Config } from '@backstage/config';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { readDurationMs } from './durations';

type RequestHandler = ReturnType<MiddlewareFactory['rateLimit']>;
type Request = Parameters<RequestHandler>[0];

export type UserRateLimitOptions = {
  windowMs: number;
  /** Requests one user (or one address, for requests without a token) may make per window. */
  requestsPerWindow: number;
  /**
   * Addresses whose direct calls are never limited: the backend's own plugin-to-plugin calls
   * come over loopback. A request forwarded by a proxy on such an address is limited.
   */
  exemptAddresses: string[];
};

/**
 * Paths outside the limit. GitHub delivers webhooks from a few shared addresses and proves
 * each one with its HMAC signature; the webhook store bounds its own queue and answers 503 when
 * full, so GitHub redelivers. Health probes must answer even while a user is limited.
 */
export const EXEMPT_PATH_PREFIXES = [
  '/api/events/http/',
  '/.backstage/health/',
];

const LOOPBACK = ['127.0.0.1', '::1', '::ffff:127.0.0.1'];

function windowMs(config: Config): number {
  return config.has('window') ? readDurationMs(config, 'window') : 60_000;
}

export function readUserRateLimitOptions(
  config: Config,
): UserRateLimitOptions | undefined {
  const limit = config.getOptionalConfig('userRateLimit');
  if (!limit) return undefined;
  return {
    windowMs: windowMs(limit),
    requestsPerWindow: limit.getNumber('requestsPerWindow'),
    exemptAddresses:
      limit.getOptionalStringArray('exemptAddresses') ?? LOOPBACK,
  };
}

/** The subject of a Backstage token (bearer header or the TechDocs cookie), not verified. */
function tokenSubject(req: Request): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const cookie = /(?:^|;\s*)backstage-auth=([^;]+)/.exec(
    req.headers.cookie ?? '',
  )?.[1];
  const payload = (bearer ?? cookie)?.split('.')[1];
  if (!payload) return undefined;
  try {
    const { sub } = JSON.parse(Buffer.from(payload, 'base64url').toString());
    return typeof sub === 'string' && sub.length <= 256 ? sub : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whose budget a request spends: the token's user, otherwise the caller's address. The token is
 * not verified here (the routes do that); a forged one only buys a bucket whose requests every
 * route refuses with 401 after one signature check.
 */
export function requestKey(req: Request): string {
  const subject = tokenSubject(req);
  if (subject) return `user:${subject.toLocaleLowerCase('en-US')}`;
  return `address:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
}

/** Headers a proxy adds to say whom it forwards for. */
const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

/**
 * A call from an exempt address (loopback: the plugins' calls to each other) that no proxy
 * forwarded. A load balancer, ingress or sidecar on loopback forwards its clients' requests
 * with X-Forwarded-For or Forwarded, and they are counted like any other; otherwise a sidecar
 * would let every user through unlimited. docs/decisions/rate-limit-and-loopback.md.
 */
export function isDirectCallFromExemptAddress(req: Request, exempt: string[]) {
  return (
    exempt.includes(req.socket.remoteAddress ?? '') &&
    !FORWARDING_HEADERS.some(header => req.headers[header] !== undefined)
  );
}

/**
 * A fixed-window request budget per user, kept in this replica's memory (each replica limits
 * on its own). Over the budget the backend answers 429 with Retry-After, before any plugin
 * does work.
 */
export function createUserRateLimit(
  options: UserRateLimitOptions,
  now: () => number = Date.now,
): RequestHandler {
  let windowStart = now();
  let counts = new Map<string, number>();

  return (req, res, next) => {
    if (
      isDirectCallFromExemptAddress(req, options.exemptAddresses) ||
      EXEMPT_PATH_PREFIXES.some(prefix => req.path.startsWith(prefix))
    ) {
      next();
      return;
    }
    const time = now();
    if (time - windowStart >= options.windowMs) {
      windowStart = time;
      counts = new Map();
    }
    const key = requestKey(req);
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (count <= options.requestsPerWindow) {
      next();
      return;
    }
    const retryAfter = Math.ceil(
      (windowStart + options.windowMs - time) / 1000,
    );
    res.setHeader('Retry-After', String(Math.max(retryAfter, 1)));
    res.status(429).json({
      error: {
        name: 'TooManyRequestsError',
        message: `Too many requests: at most ${options.requestsPerWindow} per ${
          options.windowMs / 1000
        } s for each user; try again in ${Math.max(retryAfter, 1)} s`,
      },
      response: { statusCode: 429 },
    });
  };
}
