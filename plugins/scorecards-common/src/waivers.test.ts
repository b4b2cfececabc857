import { applyWaiver, isWaiverInForce, validateWaiverRequest } from './waivers';

const NOW = new Date('2026-06-15T12:00:00Z');

describe('isWaiverInForce / applyWaiver', () => {
  it.each<[string, 'requested' | 'granted' | 'rejected', string, boolean]>([
    ['granted, expires tomorrow', 'granted', '2026-06-16T12:00:00Z', true],
    [
      'granted, expires one millisecond later',
      'granted',
      '2026-06-15T12:00:00.001Z',
      true,
    ],
    // the expiry instant itself is no longer covered (strictly before)
    ['granted, expires now', 'granted', '2026-06-15T12:00:00Z', false],
    ['granted, expired yesterday', 'granted', '2026-06-14T12:00:00Z', false],
    ['requested, not yet granted', 'requested', '2026-12-31T00:00:00Z', false],
    ['rejected', 'rejected', '2026-12-31T00:00:00Z', false],
  ])('%s', (_, status, expiresAt, inForce) => {
    expect(isWaiverInForce({ status, expiresAt }, NOW)).toBe(inForce);
    expect(applyWaiver('fail', { status, expiresAt }, NOW)).toBe(
      inForce ? 'waived' : 'fail',
    );
    expect(applyWaiver('unknown', { status, expiresAt }, NOW)).toBe(
      inForce ? 'waived' : 'unknown',
    );
    // a passing check stays a pass: the waiver is not needed
    expect(applyWaiver('pass', { status, expiresAt }, NOW)).toBe('pass');
  });

  it('without a waiver the status is unchanged', () => {
    expect(applyWaiver('fail', undefined, NOW)).toBe('fail');
  });
});

describe('validateWaiverRequest', () => {
  it.each([
    // 366 days after 2026-06-15T12:00Z is 2027-06-16T12:00Z (2027 is not a leap year: 365 days to 2027-06-15, +1)
    ['2027-06-16T12:00:00Z', '2027-06-16T12:00:00.000Z'],
    ['2026-06-15T12:00:01Z', '2026-06-15T12:00:01.000Z'],
    // offsets are normalised to UTC: 14:00+02:00 is 12:00Z the next day
    ['2026-06-16T14:00:00+02:00', '2026-06-16T12:00:00.000Z'],
  ])('accepts %s', (expiresAt, normalised) => {
    expect(
      validateWaiverRequest({ reason: ' legacy batch job ', expiresAt }, NOW),
    ).toEqual({
      reason: 'legacy batch job',
      expiresAt: normalised,
    });
  });

  it.each([
    ['  ', '2026-07-01T00:00:00Z', 'reason: must not be blank'],
    ['why', '2026-06-15T12:00:00Z', 'expiresAt: must be in the future'],
    ['why', '2025-01-01T00:00:00Z', 'expiresAt: must be in the future'],
    // one millisecond past 366 days
    [
      'why',
      '2027-06-16T12:00:00.001Z',
      'expiresAt: must be at most 366 days ahead',
    ],
    ['why', 'not a date', 'expiresAt: must be a date-time'],
  ])('refuses reason %p expiring %p', (reason, expiresAt, message) => {
    expect(() => validateWaiverRequest({ reason, expiresAt }, NOW)).toThrow(
      message,
    );
  });
});
