import {
  AuthService,
  coreServices,
  createBackendModule,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  EventsService,
  eventsServiceRef,
  HttpBodyParser,
  RequestDetails,
  RequestValidationContext,
  RequestValidator,
  SubTopicEventRouter,
} from '@backstage/plugin-events-node';
import { eventsExtensionPoint } from '@backstage/plugin-events-node/alpha';
import { SUPPORTED_EVENTS } from '../services/Github/types';
import { verifyGithubSignature } from './webhookSignature';

/** The events topic of the portal's one GitHub webhook: `POST /api/events/http/github`. */
export const GITHUB_TOPIC = 'github';

/** A `repository` delivery as the coverage list reads it. */
function repositoryIssue(body: unknown): string | undefined {
  const p = body as {
    action?: unknown;
    repository?: { name?: unknown; html_url?: unknown };
  };
  if (typeof p?.action !== 'string') return 'payload.action: required';
  if (typeof p.repository !== 'object' || p.repository === null)
    return 'payload.repository: required';
  if (typeof p.repository.name !== 'string')
    return 'payload.repository.name: required';
  if (typeof p.repository.html_url !== 'string')
    return 'payload.repository.html_url: required';
  return undefined;
}

/** The secrets a delivery may be signed with: the organisation's webhook and GitHub Apps'. */
export function readGithubWebhookSecrets(config: Config): string[] {
  const secrets = [
    config.getOptionalString('events.modules.github.webhookSecret'),
  ];
  for (const integration of config.getOptionalConfigArray(
    'integrations.github',
  ) ?? []) {
    for (const app of integration.getOptionalConfigArray('apps') ?? []) {
      secrets.push(app.getOptionalString('webhookSecret'));
    }
  }
  return secrets.filter((s): s is string => Boolean(s));
}

/** Hands a delivery of an event type insights uses to insights; its answer is the webhook's. */
export type InsightsDeliverySink = (delivery: {
  eventType: string;
  deliveryId: string;
  raw: Buffer;
}) => Promise<{ status: number; payload: unknown }>;

export function insightsDeliverySink(options: {
  discovery: Pick<DiscoveryService, 'getBaseUrl'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials' | 'getPluginRequestToken'>;
}): InsightsDeliverySink {
  return async ({ eventType, deliveryId, raw }) => {
    const { token } = await options.auth.getPluginRequestToken({
      onBehalfOf: await options.auth.getOwnServiceCredentials(),
      targetPluginId: 'insights',
    });
    const res = await fetch(
      `${await options.discovery.getBaseUrl('insights')}/github/deliveries`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'x-github-event': eventType,
          'x-github-delivery': deliveryId,
        },
        body: raw,
      },
    );
    const text = await res.text();
    let payload: unknown = {};
    try {
      payload = text ? JSON.parse(text) : {};
    } catch {
      payload = { error: { name: 'Error', message: text.slice(0, 500) } };
    }
    return { status: res.status, payload };
  };
}

/** What is wrong with a signed delivery's headers or body, named as the sender knows it. */
function deliveryProblem(
  eventType: string | undefined,
  deliveryId: string | undefined,
  body: unknown,
): string | undefined {
  if (!eventType) return 'X-GitHub-Event: missing';
  if (!deliveryId) return 'X-GitHub-Delivery: missing';
  if (deliveryId.length > 200) return 'X-GitHub-Delivery: too long';
  if (body === undefined) return 'body: malformed JSON';
  return eventType === 'repository' ? repositoryIssue(body) : undefined;
}

const refusal = (name: string, message: string) => ({
  error: { name, message },
});

/**
 * The check of every delivery to the portal's one GitHub webhook, before the events backend
 * publishes it (the validator is the one place where the stock ingress can still answer):
 * signature (401 missing, 403 wrong, 403 for everything when no secret is configured), headers
 * and JSON (400), the payload of an event type the portal uses (400), and for insights' event
 * types the insights store's own answer, so a 2xx means insights has stored the delivery.
 * Event types nobody uses pass and are published to no one.
 */
export function createGithubWebhookValidator(options: {
  secrets: string[];
  insights: InsightsDeliverySink;
  logger: LoggerService;
}): RequestValidator {
  const { secrets, insights, logger } = options;
  const header = (request: RequestDetails, name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return async (request: RequestDetails, context: RequestValidationContext) => {
    if (secrets.length === 0) {
      context.reject({
        status: 403,
        payload: refusal(
          'NotAllowedError',
          'webhook secret is not configured (events.modules.github.webhookSecret): delivery refused',
        ),
      });
      return;
    }
    const signature = header(request, 'x-hub-signature-256');
    if (!signature) {
      context.reject({
        status: 401,
        payload: refusal('AuthenticationError', 'X-Hub-Signature-256: missing'),
      });
      return;
    }
    const raw = request.raw.body;
    if (!secrets.some(s => verifyGithubSignature(s, raw, signature))) {
      context.reject({
        status: 403,
        payload: refusal(
          'NotAllowedError',
          'X-Hub-Signature-256: does not match the body',
        ),
      });
      return;
    }
    const eventType = header(request, 'x-github-event');
    const deliveryId = header(request, 'x-github-delivery');
    const problem = deliveryProblem(eventType, deliveryId, request.body);
    if (problem || !eventType || !deliveryId) {
      context.reject({
        status: 400,
        payload: refusal('InputError', problem ?? 'X-GitHub-Event: missing'),
      });
      return;
    }
    if ((SUPPORTED_EVENTS as readonly string[]).includes(eventType)) {
      const form = header(request, 'content-type')?.startsWith(
        'application/x-www-form-urlencoded',
      );
      const json = form ? Buffer.from(formPayload(raw) ?? '', 'utf-8') : raw;
      const answer = await insights({ eventType, deliveryId, raw: json });
      if (answer.status < 200 || answer.status > 299) {
        if (answer.status >= 500 || answer.status === 401) {
          logger.warn('github webhook: insights did not store a delivery', {
            deliveryId,
            eventType,
            status: answer.status,
          });
        }
        // 401 would be the events backend's own token: not the sender's fault, retry later.
        context.reject({
          status: answer.status === 401 ? 503 : answer.status,
          payload: answer.payload,
        });
      }
    }
  };
}

/**
 * JSON bodies of the GitHub topic are parsed without throwing, so that the signature is checked
 * before the body is judged (a malformed body is then a 400 from the validator, not a 500).
 * Other topics get a 400 for malformed JSON instead of the stock parser's 500.
 */
export const githubJsonBodyParser: HttpBodyParser = async (
  request,
  parsedMediaType,
  topic,
) => {
  const bodyBuffer = request.body;
  if (!Buffer.isBuffer(bodyBuffer)) {
    throw new InputError(`body: not readable for topic ${topic}`);
  }
  const encoding = parsedMediaType.parameters.charset ?? 'utf-8';
  if (!Buffer.isEncoding(encoding)) {
    throw new InputError(`Content-Type: unsupported charset ${encoding}`);
  }
  try {
    return {
      bodyParsed: JSON.parse(bodyBuffer.toString(encoding)),
      bodyBuffer,
      encoding,
    };
  } catch (e) {
    if (topic === GITHUB_TOPIC) {
      return { bodyParsed: undefined, bodyBuffer, encoding };
    }
    throw new InputError(`body: malformed JSON (${(e as Error).message})`);
  }
};

/** The stock ingress's answer to a media type it has no parser for. */
class UnsupportedMediaTypeError extends Error {
  name = 'UnsupportedMediaTypeError';
  statusCode = 415;
}

/**
 * GitHub's other content type, `application/x-www-form-urlencoded`: the JSON is the `payload`
 * field, the signature covers the form body. Other topics keep the stock ingress's 415.
 */
export const githubFormBodyParser: HttpBodyParser = async (
  request,
  parsedMediaType,
  topic,
) => {
  const bodyBuffer = request.body;
  if (topic !== GITHUB_TOPIC || !Buffer.isBuffer(bodyBuffer)) {
    throw new UnsupportedMediaTypeError(
      `Unsupported media type: ${parsedMediaType.type}`,
    );
  }
  const encoding = 'utf-8';
  const json = formPayload(bodyBuffer);
  try {
    return {
      bodyParsed: json === undefined ? undefined : JSON.parse(json),
      bodyBuffer,
      encoding,
    };
  } catch {
    return { bodyParsed: undefined, bodyBuffer, encoding };
  }
};

/** The JSON text of a form-encoded delivery (its `payload` field). */
function formPayload(raw: Buffer): string | undefined {
  return new URLSearchParams(raw.toString('utf-8')).get('payload') ?? undefined;
}

/** Publishes each `github` event again under `github.<X-GitHub-Event>` (as the stock module). */
class GithubEventRouter extends SubTopicEventRouter {
  constructor(events: EventsService) {
    super({ events, topic: GITHUB_TOPIC });
  }
  getSubscriberId() {
    return 'GithubEventRouter';
  }
  determineSubTopic(params: { metadata?: Record<string, unknown> }) {
    const event = params.metadata?.['x-github-event'];
    return typeof event === 'string' ? event : undefined;
  }
}

/**
 * The portal's one GitHub webhook, `POST /api/events/http/github`, in place of
 * `@backstage/plugin-events-backend-module-github` (whose validator answers neither 401 nor 400,
 * and lets every delivery through when no secret is set).
 */
export const githubWebhookModule = createBackendModule({
  pluginId: 'events',
  moduleId: 'portal-github-webhook',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        extension: eventsExtensionPoint,
        events: eventsServiceRef,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
      },
      async init({ config, extension, events, discovery, auth, logger }) {
        const secrets = readGithubWebhookSecrets(config);
        if (secrets.length === 0) {
          logger.warn(
            'github webhook: events.modules.github.webhookSecret is not set; every delivery is refused',
          );
        }
        extension.addHttpPostBodyParser({
          contentType: 'application/json',
          parser: githubJsonBodyParser,
        });
        extension.addHttpPostBodyParser({
          contentType: 'application/x-www-form-urlencoded',
          parser: githubFormBodyParser,
        });
        extension.addHttpPostIngress({
          topic: GITHUB_TOPIC,
          validator: createGithubWebhookValidator({
            secrets,
            insights: insightsDeliverySink({ discovery, auth }),
            logger,
          }),
        });
        await new GithubEventRouter(events).subscribe();
      },
    });
  },
});
