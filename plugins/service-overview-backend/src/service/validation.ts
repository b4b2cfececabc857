import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** Parses with zod and throws an InputError naming the offending field. */
export function parseOrThrow<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what = 'query',
): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    throw new InputError(`${issue.keys.join(', ')}: unknown ${what} parameter`);
  }
  const path = issue.path.map(String).join('.') || what;
  throw new InputError(`${path}: ${issue.message}`);
}
