import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { InputError } from '@backstage/errors';
import express, { ErrorRequestHandler, RequestHandler } from 'express';

/** An OpenAPI document as backend-openapi-utils takes it. */
type Contract = Parameters<typeof createValidatedOpenApiRouter>['0'];

/** The JSON body limit of every route of the portal: 64 KB. */
export const BODY_LIMIT_BYTES = 65536;

/**
 * JSON bodies up to BODY_LIMIT_BYTES (64 KB), the limit of every plugin. A body that is too large or not valid
 * JSON is an InputError (400) naming the body, not body-parser's 413 or a bare parse message.
 */
const jsonBody: RequestHandler = (req, res, next) =>
  express.json({ limit: BODY_LIMIT_BYTES })(req, res, (error?: unknown) => {
    if (!error) {
      next();
      return;
    }
    const type = (error as { type?: string }).type;
    let message = `body: ${(error as Error).message}`;
    if (type === 'entity.too.large') {
      message = `body: must be at most ${BODY_LIMIT_BYTES} bytes (64 KB)`;
    } else if (type === 'entity.parse.failed') {
      message = 'body: is not valid JSON';
    }
    next(new InputError(message));
  });

/** `/body/inputs/devCosts` → `inputs.devCosts`; `/query/limit` → `limit`; `/body` → `body`. */
function fieldOf(path: string): string {
  const parts = path.split(/[/.]/).filter(Boolean);
  if (
    parts.length > 1 &&
    ['body', 'query', 'params', 'headers'].includes(parts[0])
  ) {
    parts.shift();
  }
  return parts.join('.') || 'body';
}

/**
 * The validator's refusals as `field: message`, one per field (`inputs.devCosts: must be >= 0`,
 * `devCost: unknown field`). Without it backend-openapi-utils keeps only ajv's summary, which
 * names the object, not the unknown field in it.
 */
const namedFieldErrors: ErrorRequestHandler = (error, req, _res, next) => {
  const { status, errors } = error as {
    status?: number;
    errors?: Array<{ path: string; message: string; errorCode?: string }>;
  };
  if (status === 415) {
    next(
      new InputError(
        req.headers['content-type']
          ? 'body: must be sent as application/json'
          : 'body: is required, as application/json',
      ),
    );
    return;
  }
  const fields = (errors ?? []).filter(e =>
    e.errorCode?.endsWith('.openapi.validation'),
  );
  if (status !== 400 || fields.length === 0) {
    next(error);
    return;
  }
  // Of a oneOf, the branch that got furthest: an error about a field inside the value says
  // more than one about the value itself, and "must match exactly one schema" says nothing.
  const specific = fields.filter(
    e =>
      !fields.some(f => f.path.startsWith(`${e.path}/`)) &&
      !/^(?:oneOf|anyOf)\./.test(e.errorCode ?? ''),
  );
  const messages = (specific.length > 0 ? specific : fields).map(e => {
    if (e.errorCode === 'required.openapi.validation') {
      return `${fieldOf(e.path)}: is required`;
    }
    if (e.errorCode === 'additionalProperties.openapi.validation') {
      return `${fieldOf(e.path)}: unknown field`;
    }
    return `${fieldOf(e.path)}: ${e.message}`;
  });
  next(new InputError([...new Set(messages)].join('; ')));
};

/**
 * The validator turns a numeric query value into a number with JavaScript's `+value`, which
 * also reads `0x10`, ` 5` and `1e999` (Infinity, that then passes every bound). A value it
 * turned into a number must have been written as a plain decimal.
 */
const decimalQueryNumbers: RequestHandler = (req, _res, next) => {
  const raw = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
  for (const [name, value] of Object.entries(req.query)) {
    const values = Array.isArray(value) ? value : [value];
    if (values.some(v => typeof v === 'number')) {
      // none written: the contract's default, which the validator filled in
      const written = raw.getAll(name);
      if (
        (written.length > 0 &&
          !written.every(v => /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/.test(v))) ||
        !values.every(v => typeof v !== 'number' || Number.isFinite(v))
      ) {
        next(
          new InputError(`${name}: must be a number written in decimal digits`),
        );
        return;
      }
    }
  }
  next();
};

/**
 * The typed router of a contract (`createValidatedOpenApiRouter`, as Backstage's own plugins use
 * it), with the request handling every router of the portal shares: the body limit, refusals
 * that name the field, numeric queries written in decimal, dates that exist. Each plugin's
 * generated `createOpenApiRouter` calls it with its spec (scripts/openapi.mjs).
 */
export async function createPortalOpenApiRouter<T extends Contract>(
  spec: T,
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) {
  const router = createValidatedOpenApiRouter<T>(spec, {
    middleware: [jsonBody],
    // dates and times that exist: the fast formats let 2024-02-30 and 2024-13-01 through
    validatorOptions: { ajvFormats: { mode: 'full' } },
    ...options,
  });
  // namedFieldErrors goes right before backend-openapi-utils's error transformer, the first
  // error handler; the startup fails rather than lose the field names after an upgrade.
  const transformer = router.stack.findIndex(
    layer => layer.handle.length === 4,
  );
  if (transformer < 0) {
    throw new Error(
      'backend-openapi-utils: no validation error handler to precede',
    );
  }
  router.use(namedFieldErrors);
  const added = router.stack.splice(router.stack.length - 1, 1);
  router.stack.splice(transformer, 0, ...added);
  router.use(decimalQueryNumbers);
  return router;
}
