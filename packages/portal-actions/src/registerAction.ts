import type {
  ActionsRegistryActionOptions,
  ActionsRegistryService,
} from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import type { AnyZodObject, z as zod, ZodError, ZodIssue } from 'zod/v3';

/** The zod 3 namespace the actions registry hands to a schema function. */
export type Zod = typeof zod;

const REFUSED = Symbol('refused input');
type Refused = { [REFUSED]: ZodError };

function isRefused(input: unknown): input is Refused {
  return typeof input === 'object' && input !== null && REFUSED in input;
}

function describeIssue(issue: ZodIssue): string {
  const field = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') {
    const prefix = field ? `${field}.` : '';
    return issue.keys
      .map(key => `${prefix}${key}: is not an input of this action`)
      .join('; ');
  }
  if (issue.code === 'invalid_type' && issue.received === 'undefined') {
    return `${field || 'input'}: is required`;
  }
  return `${field || 'input'}: ${issue.message}`;
}

/** One sentence naming every refused field, in the order zod found them. */
export function describeRefusal(error: ZodError): string {
  return error.issues.map(describeIssue).join('; ');
}

/**
 * `actionsRegistry.register`, with a refusal that names the field. The registry parses the input
 * itself and answers a failure with `Invalid input to action "…"`, dropping zod's issues; so the
 * input schema is registered with a `catch` that hands the issues on to the action, which refuses
 * them as an InputError listing each field. `catch` is transparent to the JSON schema an assistant
 * is shown (zod-to-json-schema describes the inner schema).
 */
export function registerAction<
  TInput extends AnyZodObject,
  TOutput extends AnyZodObject,
>(
  registry: ActionsRegistryService,
  options: ActionsRegistryActionOptions<TInput, TOutput>,
): void {
  const input = options.schema.input;
  registry.register<TInput, TOutput>({
    ...options,
    schema: {
      ...options.schema,
      // The registry only parses and describes this schema; the catch keeps its JSON shape.
      input: (z: Zod) =>
        input(z).catch((ctx: { error: ZodError }) => ({
          [REFUSED]: ctx.error,
        })) as unknown as TInput,
    },
    action: async context => {
      if (isRefused(context.input)) {
        throw new InputError(describeRefusal(context.input[REFUSED]));
      }
      return options.action(context);
    },
  });
}

/**
 * The text input of every action: bounded, and without NUL characters, which PostgreSQL text
 * cannot hold.
 */
export function nulFreeString(z: Zod, max: number) {
  return z
    .string()
    .min(1)
    .max(max)
    .refine(value => !value.includes('\0'), {
      message: 'contains a NUL character',
    });
}
