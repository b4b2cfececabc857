import { validateRoiInputs, formatFieldErrors } from './inputs';
import { calculateRoi } from './calculate';
import { ISO_4217_CURRENCIES } from './currencies';
import { SEED_EXAMPLE_INPUTS } from '../seedExample';

function errorsOf(body: unknown) {
  const r = validateRoiInputs(body);
  if (r.ok) {
    throw new Error('expected the validation to fail');
  }
  return formatFieldErrors(r.errors);
}

describe('validateRoiInputs', () => {
  it('applies the defaults of the optional inputs', () => {
    const r = validateRoiInputs(SEED_EXAMPLE_INPUTS);
    expect(r).toEqual({
      ok: true,
      inputs: {
        ...SEED_EXAMPLE_INPUTS,
        periodMonths: 12,
        currency: 'EUR',
        rampUpMonths: 6,
        recurringYearlyCosts: 0,
      },
    });
  });

  it.each([
    [
      { ...SEED_EXAMPLE_INPUTS, devCosts: -1 },
      'devCosts: must be a finite number >= 0',
    ],
    [
      { ...SEED_EXAMPLE_INPUTS, devCosts: '1000' },
      'devCosts: must be a finite number',
    ],
    [
      { ...SEED_EXAMPLE_INPUTS, infraCosts: Infinity },
      'infraCosts: must be a finite number',
    ],
    [
      { ...SEED_EXAMPLE_INPUTS, infraCosts: NaN },
      'infraCosts: must be a finite number',
    ],
    [
      { ...SEED_EXAMPLE_INPUTS, trainingCosts: null },
      'trainingCosts: must be a finite number',
    ],
    [{ ...SEED_EXAMPLE_INPUTS, devCosts: undefined }, 'devCosts: is required'],
    [
      { ...SEED_EXAMPLE_INPUTS, improvedProductivityPct: 101 },
      'improvedProductivityPct: must be between 0 and 100',
    ],
    [
      { ...SEED_EXAMPLE_INPUTS, improvedResourcesPct: -0.5 },
      'improvedResourcesPct: must be between 0 and 100',
    ],
    [
      { ...SEED_EXAMPLE_INPUTS, periodMonths: 61 },
      'periodMonths: must be a whole number of months between 1 and 60',
    ],
    [
      { ...SEED_EXAMPLE_INPUTS, periodMonths: 1.5 },
      'periodMonths: must be a whole number of months between 1 and 60',
    ],
    [
      { ...SEED_EXAMPLE_INPUTS, rampUpMonths: 37 },
      'rampUpMonths: must be a whole number of months between 0 and 36',
    ],
    [
      { ...SEED_EXAMPLE_INPUTS, currency: 'EURO' },
      'currency: must be an ISO 4217 currency code such as EUR',
    ],
    [
      { ...SEED_EXAMPLE_INPUTS, currency: 'eur' },
      'currency: must be an ISO 4217 currency code such as EUR',
    ],
    [
      { ...SEED_EXAMPLE_INPUTS, currency: 'XAU' },
      'currency: must be an ISO 4217 currency code such as EUR',
    ],
    [{ ...SEED_EXAMPLE_INPUTS, colour: 'red' }, 'colour: unknown field'],
    [
      {
        ...SEED_EXAMPLE_INPUTS,
        designCosts: 0,
        addLicenceCosts: 0,
        trainingCosts: 0,
      },
      'investment: designCosts + addLicenceCosts + trainingCosts must be greater than 0 (ROI divides by the investment)',
    ],
    [null, 'body: must be a JSON object'],
    [[1, 2], 'body: must be a JSON object'],
  ])('refuses %j', (body, message) => {
    expect(errorsOf(body)).toContain(message);
  });

  it('knows the common currencies', () => {
    for (const code of ['EUR', 'USD', 'GBP', 'CHF', 'JPY', 'CAD', 'SEK']) {
      expect(ISO_4217_CURRENCIES).toContain(code);
      expect(
        validateRoiInputs({ ...SEED_EXAMPLE_INPUTS, currency: code }).ok,
      ).toBe(true);
    }
  });
});

describe('bounds that keep every figure finite', () => {
  it.each([
    [
      { ...SEED_EXAMPLE_INPUTS, devCosts: 1e308 },
      'devCosts: must be at most 10000000000000',
    ],
    [
      { ...SEED_EXAMPLE_INPUTS, ttmReductionGain: Number.MAX_VALUE },
      'ttmReductionGain: must be at most 10000000000000',
    ],
    [
      { ...SEED_EXAMPLE_INPUTS, recurringYearlyCosts: 1e14 },
      'recurringYearlyCosts: must be at most 10000000000000',
    ],
    [
      {
        ...SEED_EXAMPLE_INPUTS,
        designCosts: 1e-300,
        addLicenceCosts: 0,
        trainingCosts: 0,
      },
      'designCosts: must be 0 or at least 0.01',
    ],
    [
      { ...SEED_EXAMPLE_INPUTS, improvedProductivityPct: 1e-300 },
      'improvedProductivityPct: must be 0 or at least 0.01',
    ],
  ])('refuses %j', (body, message) => {
    expect(errorsOf(body)).toContain(message);
  });

  const amounts = [
    'devCosts',
    'incidentCosts',
    'infraCosts',
    'ttmReductionGain',
    'recurringYearlyCosts',
  ] as const;
  const investments = ['designCosts', 'addLicenceCosts', 'trainingCosts'];
  const percents = [
    'improvedProductivityPct',
    'improvedIncidentsCostsPct',
    'improvedResourcesPct',
  ] as const;

  /** The extremes the schema accepts: largest gains on the smallest investment and back. */
  const extremes = [0, 0.01, 10_000_000_000_000].flatMap(gainAmount =>
    [0.01, 10_000_000_000_000].flatMap(investment =>
      [0, 0.01, 100].flatMap(pct =>
        [1, 60].flatMap(periodMonths =>
          [0, 36].map(rampUpMonths => ({
            ...Object.fromEntries(amounts.map(a => [a, gainAmount])),
            ...Object.fromEntries(investments.map(a => [a, investment])),
            ...Object.fromEntries(percents.map(p => [p, pct])),
            periodMonths,
            rampUpMonths,
          })),
        ),
      ),
    ),
  );

  it.each(extremes)('gives finite figures for %j', inputs => {
    const r = validateRoiInputs(inputs);
    if (!r.ok) throw new Error(formatFieldErrors(r.errors));
    const numbers: number[] = [];
    JSON.stringify(calculateRoi(r.inputs), (_k, v) => {
      if (typeof v === 'number') numbers.push(v);
      return v;
    });
    expect(numbers.filter(n => !Number.isFinite(n))).toEqual([]);
  });
});
