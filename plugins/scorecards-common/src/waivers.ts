import { InputError } from '@backstage/errors';
import { CheckStatus, Waiver } from './types';

/** The longest a waiver may run: a year, so every exception is looked at again. */
export const MAX_WAIVER_DAYS = 366;

const DAY_MS = 24 * 60 * 60 * 1000;

/** A waiver is in force when it was granted and its expiry is still ahead (strictly). */
export function isWaiverInForce(
  waiver: Pick<Waiver, 'status' | 'expiresAt'>,
  now: Date,
): boolean {
  return (
    waiver.status === 'granted' && Date.parse(waiver.expiresAt) > now.getTime()
  );
}

/**
 * A check's status once waivers are applied: a failing or unknown check with a waiver in force
 * is `waived`; a passing one stays `pass` (the waiver is not needed).
 */
export function applyWaiver(
  status: CheckStatus,
  waiver: Pick<Waiver, 'status' | 'expiresAt'> | undefined,
  now: Date,
): CheckStatus {
  if (status === 'pass' || !waiver) return status;
  return isWaiverInForce(waiver, now) ? 'waived' : status;
}

/**
 * The rules of a waiver request a schema cannot express: the expiry is after now and at most
 * {@link MAX_WAIVER_DAYS} days ahead, and the reason is not blank.
 */
export function validateWaiverRequest(
  request: { reason: string; expiresAt: string },
  now: Date,
): { reason: string; expiresAt: string } {
  const reason = request.reason.trim();
  if (!reason) throw new InputError('reason: must not be blank');
  const expires = Date.parse(request.expiresAt);
  if (!Number.isFinite(expires)) {
    throw new InputError('expiresAt: must be a date-time');
  }
  if (expires <= now.getTime()) {
    throw new InputError('expiresAt: must be in the future');
  }
  if (expires - now.getTime() > MAX_WAIVER_DAYS * DAY_MS) {
    throw new InputError(
      `expiresAt: must be at most ${MAX_WAIVER_DAYS} days ahead`,
    );
  }
  return { reason, expiresAt: new Date(expires).toISOString() };
}
