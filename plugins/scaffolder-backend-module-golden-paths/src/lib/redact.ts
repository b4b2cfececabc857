import { Config } from '@backstage/config';
import { readClusters } from '@internal/kubernetes-clusters';

const REDACTED = '[redacted]';

/** Secrets that take recognisable shapes, wherever they come from. */
const SECRET_SHAPES: RegExp[] = [
  // GitHub tokens: classic and fine-grained personal, OAuth, app installation, refresh.
  /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g,
  // JSON Web Tokens (Kubernetes service account tokens, Backstage tokens).
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
  // Authorization headers.
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
];

/** Credentials in a URL's user-info part, e.g. https://x-access-token:secret@github.com. */
const URL_USER_INFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi;

/**
 * The secrets of the portal's configuration that the golden paths' actions could meet: the
 * Kubernetes clusters' service account tokens and the GitHub integration's credentials.
 */
export function configuredSecrets(config: Config): string[] {
  const secrets = readClusters(config).clusters.flatMap(cluster =>
    cluster.serviceAccountToken ? [cluster.serviceAccountToken] : [],
  );
  for (const github of config.getOptionalConfigArray('integrations.github') ??
    []) {
    const token = github.getOptionalString('token');
    if (token) secrets.push(token);
    for (const app of github.getOptionalConfigArray('apps') ?? []) {
      for (const key of ['privateKey', 'clientSecret', 'webhookSecret']) {
        const value = app.getOptionalString(key);
        if (value) secrets.push(value);
      }
    }
  }
  // Short values would redact ordinary words.
  return secrets.filter(secret => secret.length >= 8);
}

/** `text` with every known secret and every secret-shaped string replaced. */
export function redact(text: string, secrets: string[] = []): string {
  let result = text;
  for (const secret of secrets) result = result.split(secret).join(REDACTED);
  for (const shape of SECRET_SHAPES) {
    result = result.replace(shape, match => {
      const scheme = /^(Bearer|Basic)\s/i.exec(match)?.[1];
      return scheme ? `${scheme} ${REDACTED}` : REDACTED;
    });
  }
  return result.replace(URL_USER_INFO, `$1${REDACTED}@`);
}

type Logger = Record<string, unknown>;
const LOG_METHODS = ['error', 'warn', 'info', 'debug'];

function redactingLogger<T extends Logger>(logger: T, secrets: string[]): T {
  return new Proxy(logger, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || !LOG_METHODS.includes(property)) {
        // Bound to the logger itself: its methods may use private fields.
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (message: unknown, ...rest: unknown[]) =>
        (value as (...args: unknown[]) => unknown).call(
          target,
          typeof message === 'string' ? redact(message, secrets) : message,
          ...rest,
        );
    },
  });
}

/**
 * An action whose log lines and errors never carry a secret: what the task page shows (the
 * step's log and the error that failed it) is redacted before it is written.
 */
export function withRedactedOutput<
  A extends { handler: (ctx: any) => Promise<void> },
>(action: A, secrets: string[]): A {
  return {
    ...action,
    async handler(ctx: { logger: Logger }) {
      try {
        await action.handler({
          ...ctx,
          logger: redactingLogger(ctx.logger, secrets),
        });
      } catch (error) {
        if (error instanceof Error) {
          error.message = redact(error.message, secrets);
          if (error.stack) error.stack = redact(error.stack, secrets);
        }
        throw error;
      }
    },
  };
}
