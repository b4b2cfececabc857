import { InputError } from '@backstage/errors';
import { MAX_AMOUNT } from '@internal/plugin-roi-common';
import { z } from 'zod';
import { scopeSchema, ValueScope } from './scope';

/** What adopting a baseline takes. */
export type AdoptBaselineRequest = {
  scope: ValueScope;
  scenarioId: string;
  startDate: string;
  costPerIncident: number;
};

const DATE_ERROR = 'must be a date that exists, as YYYY-MM-DD (UTC)';

/** A calendar date that exists: 2026-02-30 is refused, not rolled over. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return (
    !Number.isNaN(parsed.getTime()) &&
    parsed.toISOString().slice(0, 10) === value
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const adoptBaselineSchema = z.object({
  scope: scopeSchema,
  scenarioId: z
    .string({ error: 'must be the id of a saved ROI scenario' })
    .regex(UUID, { error: 'must be the id of a saved ROI scenario' }),
  startDate: z
    .string({ error: DATE_ERROR })
    .refine(isCalendarDate, { error: DATE_ERROR })
    .refine(d => d >= '2000-01-01' && d <= '2100-12-31', {
      error: 'must be between 2000-01-01 and 2100-12-31',
    }),
  costPerIncident: z
    .number({ error: 'must be a number' })
    .refine(Number.isFinite, { error: 'must be a finite number' })
    .min(0.01, { error: 'must be at least 0.01' })
    .max(MAX_AMOUNT, { error: `must be at most ${MAX_AMOUNT}` }),
});

/** The request, checked; throws a message naming the first field in error. */
export function toAdoptBaselineRequest(body: unknown): AdoptBaselineRequest {
  const parsed = adoptBaselineSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  return parsed.data;
}
