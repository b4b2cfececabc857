import { isCalendarDate, toAdoptBaselineRequest } from './requests';

const valid = {
  scope: 'group:default/payments-team',
  scenarioId: '7f0c3a1e-2b4d-4c5e-8f6a-9b0c1d2e3f40',
  startDate: '2026-01-01',
  costPerIncident: 115000,
};

describe('adopting a baseline', () => {
  it('takes a valid request', () => {
    expect(toAdoptBaselineRequest(valid)).toEqual(valid);
  });

  it.each([
    [{ scope: 'payments-team' }, 'scope: must be "organisation" or a group'],
    [{ scenarioId: 'x' }, 'scenarioId: must be the id of a saved ROI scenario'],
    [{ startDate: '2026-02-30' }, 'startDate: must be a date that exists'],
    [{ startDate: '1999-12-31' }, 'startDate: must be between'],
    [{ costPerIncident: 0 }, 'costPerIncident: must be at least 0.01'],
    [{ costPerIncident: Number.POSITIVE_INFINITY }, 'costPerIncident: must be'],
    [{ costPerIncident: 1e14 }, 'costPerIncident: must be at most'],
  ])('refuses %p naming the field', (change, message) => {
    expect(() => toAdoptBaselineRequest({ ...valid, ...change })).toThrow(
      message,
    );
  });

  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
  ])('%s is a calendar date: %p', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });
});
