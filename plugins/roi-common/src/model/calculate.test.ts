import {
  calculateRoi,
  computeRoiCore,
  projectCashFlow,
  rampShare,
} from './calculate';
import { round2 } from './money';
import { RoiInputs, validateRoiInputs } from './inputs';
import { SEED_EXAMPLE_INPUTS, SEED_EXAMPLE_RESULT } from '../seedExample';

/** Inputs with no ramp-up and no recurring cost unless a case says otherwise. */
function inputs(values: Partial<RoiInputs>): RoiInputs {
  return {
    periodMonths: 12,
    currency: 'EUR',
    devCosts: 0,
    incidentCosts: 0,
    infraCosts: 0,
    designCosts: 0,
    addLicenceCosts: 0,
    trainingCosts: 0,
    improvedProductivityPct: 0,
    improvedIncidentsCostsPct: 0,
    improvedResourcesPct: 0,
    ttmReductionGain: 0,
    rampUpMonths: 0,
    recurringYearlyCosts: 0,
    ...values,
  };
}

type Case = {
  name: string;
  in: Partial<RoiInputs>;
  gain: [number, number, number, number, number];
  investment: number;
  netGain: number;
  roiPercent: number;
  paybackMonths: number | null;
};

const cases: Case[] = [
  {
    // productivity 20% × 1,000,000 = 200,000
    // incidents 40% × 230,000 (2 incidents × €115,000) = 92,000
    // infrastructure 30% × 223,000 (55,000 dev + 168,000 run) = 66,900
    // total = 200,000 + 92,000 + 66,900 + 0 = 358,900
    // investment = 200,000 + 50,000 + 30,000 = 280,000
    // net = 358,900 − 280,000 = 78,900; ROI = 78,900 / 280,000 × 100 = 28.1785… → 28.18
    // payback = 280,000 / (358,900 / 12) = 3,360,000 / 358,900 = 9.3619… → 9.36
    name: 'a medium product with the seed reference costs',
    in: SEED_EXAMPLE_INPUTS,
    gain: [200_000, 92_000, 66_900, 0, 358_900],
    investment: 280_000,
    netGain: 78_900,
    roiPercent: 28.18,
    paybackMonths: 9.36,
  },
  {
    // every impact at 0 → gain 0; investment 100,000
    // net = 0 − 100,000 = −100,000; ROI = −100,000 / 100,000 × 100 = −100; no payback
    name: 'no gain at all',
    in: { devCosts: 500_000, designCosts: 100_000 },
    gain: [0, 0, 0, 0, 0],
    investment: 100_000,
    netGain: -100_000,
    roiPercent: -100,
    paybackMonths: null,
  },
  {
    // gain = TTMReductionGain = 500,000; investment = 250,000
    // net = 250,000; ROI = 250,000 / 250,000 × 100 = 100
    // payback = 250,000 / (500,000 / 12) = 3,000,000 / 500,000 = 6
    name: 'time to market only',
    in: { ttmReductionGain: 500_000, designCosts: 250_000 },
    gain: [0, 0, 0, 500_000, 500_000],
    investment: 250_000,
    netGain: 250_000,
    roiPercent: 100,
    paybackMonths: 6,
  },
  {
    // period 24 months: productivity 10% × 2,400,000 = 240,000
    // investment = 100,000 + 0 + 20,000 = 120,000; net = 120,000; ROI = 100
    // payback = 120,000 / (240,000 / 24) = 120,000 / 10,000 = 12
    name: 'a 24-month period',
    in: {
      periodMonths: 24,
      devCosts: 2_400_000,
      improvedProductivityPct: 10,
      designCosts: 100_000,
      trainingCosts: 20_000,
    },
    gain: [240_000, 0, 0, 0, 240_000],
    investment: 120_000,
    netGain: 120_000,
    roiPercent: 100,
    paybackMonths: 12,
  },
  {
    // 100% of 100 three times = 300; investment 1 + 1 + 1 = 3
    // net = 297; ROI = 297 / 3 × 100 = 9,900; payback = 3 / (300 / 12) = 3 / 25 = 0.12
    name: 'every percentage at 100',
    in: {
      devCosts: 100,
      incidentCosts: 100,
      infraCosts: 100,
      improvedProductivityPct: 100,
      improvedIncidentsCostsPct: 100,
      improvedResourcesPct: 100,
      designCosts: 1,
      addLicenceCosts: 1,
      trainingCosts: 1,
    },
    gain: [100, 100, 100, 0, 300],
    investment: 3,
    netGain: 297,
    roiPercent: 9900,
    paybackMonths: 0.12,
  },
  {
    // productivity 20% × 500,000 = 100,000; investment 30,000
    // net = 70,000; ROI = 70,000 / 30,000 × 100 = 233.333… → 233.33
    // payback = 30,000 / (100,000 / 12) = 360,000 / 100,000 = 3.6
    name: 'a repeating decimal ROI',
    in: { devCosts: 500_000, improvedProductivityPct: 20, designCosts: 30_000 },
    gain: [100_000, 0, 0, 0, 100_000],
    investment: 30_000,
    netGain: 70_000,
    roiPercent: 233.33,
    paybackMonths: 3.6,
  },
  {
    // productivity 5% × 100,000 = 5,000; incidents 10% × 115,000 = 11,500
    // infrastructure 10% × 55,000 = 5,500; total = 22,000
    // investment = 150,000 + 20,000 + 10,000 = 180,000; net = −158,000
    // ROI = −158,000 / 180,000 × 100 = −87.777… → −87.78
    // payback = 180,000 / (22,000 / 12) = 2,160,000 / 22,000 = 98.1818… → 98.18
    name: 'a loss-making case',
    in: {
      devCosts: 100_000,
      incidentCosts: 115_000,
      infraCosts: 55_000,
      improvedProductivityPct: 5,
      improvedIncidentsCostsPct: 10,
      improvedResourcesPct: 10,
      designCosts: 150_000,
      addLicenceCosts: 20_000,
      trainingCosts: 10_000,
    },
    gain: [5_000, 11_500, 5_500, 0, 22_000],
    investment: 180_000,
    netGain: -158_000,
    roiPercent: -87.78,
    paybackMonths: 98.18,
  },
  {
    // infrastructure 12.5% × 12,345.67 = 1,543.20875 → 1,543.21; TTM 1,000.01
    // total = 1,543.20875 + 1,000.01 = 2,543.21875 → 2,543.22; investment 1,000
    // net = 1,543.21875 → 1,543.22; ROI = 1,543.21875 / 1,000 × 100 = 154.321875 → 154.32
    // payback = 1,000 / (2,543.21875 / 12) = 12,000 / 2,543.21875 = 4.7184… → 4.72
    name: 'cents',
    in: {
      infraCosts: 12_345.67,
      improvedResourcesPct: 12.5,
      ttmReductionGain: 1_000.01,
      designCosts: 1_000,
    },
    gain: [0, 0, 1_543.21, 1_000.01, 2_543.22],
    investment: 1_000,
    netGain: 1_543.22,
    roiPercent: 154.32,
    paybackMonths: 4.72,
  },
  {
    // 6-month period in USD: productivity 25% × 600,000 = 150,000
    // incidents 20% × 345,000 = 69,000; infrastructure 20% × 111,500 = 22,300; TTM 50,000
    // total = 150,000 + 69,000 + 22,300 + 50,000 = 291,300
    // investment = 100,000 + 0 + 20,000 = 120,000; net = 171,300
    // ROI = 171,300 / 120,000 × 100 = 142.75
    // payback = 120,000 / (291,300 / 6) = 120,000 / 48,550 = 2.4716… → 2.47
    name: 'a 6-month period in USD',
    in: {
      periodMonths: 6,
      currency: 'USD',
      devCosts: 600_000,
      incidentCosts: 345_000,
      infraCosts: 111_500,
      improvedProductivityPct: 25,
      improvedIncidentsCostsPct: 20,
      improvedResourcesPct: 20,
      ttmReductionGain: 50_000,
      designCosts: 100_000,
      trainingCosts: 20_000,
    },
    gain: [150_000, 69_000, 22_300, 50_000, 291_300],
    investment: 120_000,
    netGain: 171_300,
    roiPercent: 142.75,
    paybackMonths: 2.47,
  },
];

describe('calculateRoi: the method, worked out by hand', () => {
  it.each(cases)('$name', c => {
    const r = calculateRoi(inputs(c.in));
    expect([
      r.gain.productivity,
      r.gain.incidents,
      r.gain.infrastructure,
      r.gain.timeToMarket,
      r.gain.total,
    ]).toEqual(c.gain);
    expect(r.investment).toBe(c.investment);
    expect(r.netGain).toBe(c.netGain);
    expect(r.roiPercent).toBe(c.roiPercent);
    expect(r.paybackMonths).toBe(c.paybackMonths);
    expect(r.currency).toBe(c.in.currency ?? 'EUR');
  });
});

describe("the seed's example", () => {
  it('gives the result documented with it, once its optional inputs take their defaults', () => {
    const validated = validateRoiInputs(SEED_EXAMPLE_INPUTS);
    if (!validated.ok) throw new Error('the seed example must be valid');
    expect(validated.inputs).toMatchObject({
      periodMonths: 12,
      currency: 'EUR',
      rampUpMonths: 6,
      recurringYearlyCosts: 0,
    });
    // the ramp-up delays the break-even, not the ROI of the period
    expect(calculateRoi(validated.inputs)).toMatchObject(SEED_EXAMPLE_RESULT);
  });
});

describe('cash flow, break-even and the 1–3 year view', () => {
  const base = { ttmReductionGain: 120_000, designCosts: 30_000 };

  it('recovers the investment month by month without ramp-up', () => {
    // monthly gain = 120,000 / 12 = 10,000; month 0 = −30,000
    // month 1 = −20,000, month 2 = −10,000, month 3 = 0 → break-even in month 3
    // month 12 = −30,000 + 12 × 10,000 = 90,000 = the net gain of the period
    const r = calculateRoi(inputs(base));
    expect(r.monthlyGain).toBe(10_000);
    expect(r.cashFlow.slice(0, 4).map(m => m.cumulative)).toEqual([
      -30_000, -20_000, -10_000, 0,
    ]);
    expect(r.breakEvenMonth).toBe(3);
    expect(r.cashFlow[12].cumulative).toBe(90_000);
    expect(r.cashFlow).toHaveLength(37);
    // year 1: gain 120,000, net 90,000, cumulative ROI 90,000 / 30,000 = 300%
    // year 2: gain 120,000, net 120,000, cumulative 210,000 / 30,000 = 700%
    expect(r.years[0]).toEqual({
      year: 1,
      gain: 120_000,
      investment: 30_000,
      recurringCosts: 0,
      net: 90_000,
      cumulativeNet: 90_000,
      cumulativeRoiPercent: 300,
    });
    expect(r.years[1].cumulativeNet).toBe(210_000);
    expect(r.years[1].cumulativeRoiPercent).toBe(700);
  });

  it('ramps the gains up linearly to full effect', () => {
    // ramp 4 months: shares 1/4, 2/4, 3/4, 1 → gains 2,500, 5,000, 7,500, 10,000, 10,000
    // cumulative: −27,500, −22,500, −15,000, −5,000, +5,000 → break-even in month 5
    // year 1 gain = 2,500 + 5,000 + 7,500 + 9 × 10,000 = 105,000
    const r = calculateRoi(inputs({ ...base, rampUpMonths: 4 }));
    expect(r.cashFlow.slice(1, 6).map(m => m.gain)).toEqual([
      2_500, 5_000, 7_500, 10_000, 10_000,
    ]);
    expect(r.cashFlow.slice(1, 6).map(m => m.cumulative)).toEqual([
      -27_500, -22_500, -15_000, -5_000, 5_000,
    ]);
    expect(r.breakEvenMonth).toBe(5);
    expect(r.years[0].gain).toBe(105_000);
    expect(rampShare(2, 4)).toBe(0.5);
    expect(rampShare(9, 4)).toBe(1);
    expect(rampShare(1, 0)).toBe(1);
  });

  it('charges the recurring yearly cost after the observed period', () => {
    // 60,000 a year = 5,000 a month from month 13
    // year 2: gain 120,000 − 60,000 = 60,000; cumulative 90,000 + 60,000 = 150,000
    //   cumulative costs 30,000 + 60,000 = 90,000 → 150,000 / 90,000 = 166.666… → 166.67%
    // year 3: cumulative 210,000; costs 150,000 → 140%
    const r = calculateRoi(inputs({ ...base, recurringYearlyCosts: 60_000 }));
    expect(r.cashFlow[12].cost).toBe(0);
    expect(r.cashFlow[13].cost).toBe(5_000);
    expect(r.years[1]).toEqual({
      year: 2,
      gain: 120_000,
      investment: 0,
      recurringCosts: 60_000,
      net: 60_000,
      cumulativeNet: 150_000,
      cumulativeRoiPercent: 166.67,
    });
    expect(r.years[2].cumulativeNet).toBe(210_000);
    expect(r.years[2].cumulativeRoiPercent).toBe(140);
  });

  it('has no break-even when 36 months do not recover the investment', () => {
    // 1,000 a month for 36 months = 36,000 < 100,000 → −64,000 at month 36
    const r = calculateRoi(
      inputs({ ttmReductionGain: 12_000, designCosts: 100_000 }),
    );
    expect(r.cashFlow[36].cumulative).toBe(-64_000);
    expect(r.breakEvenMonth).toBeNull();
  });
});

describe('sensitivity', () => {
  it('varies each impact input by ±25% and ranks by swing', () => {
    // the first hand-worked case: investment 280,000, gain 358,900
    // productivity 15/25%: gain ∓ 5% × 1,000,000 = ∓50,000
    //   → (308,900 − 280,000) / 280,000 = 10.32%, (408,900 − 280,000) / 280,000 = 46.04%
    //   swing = 100,000 / 280,000 = 35.71
    // incidents 30/50%: ∓ 10% × 230,000 = ∓23,000 → 55,900 / 280,000 = 19.96%,
    //   101,900 / 280,000 = 36.39%, swing 46,000 / 280,000 = 16.43
    // resources 22.5/37.5%: ∓ 7.5% × 223,000 = ∓16,725 → 62,175 / 280,000 = 22.21%,
    //   95,625 / 280,000 = 34.15%, swing 33,450 / 280,000 = 11.95
    // time to market 0 → swing 0, last
    const r = calculateRoi(inputs(cases[0].in));
    expect(r.sensitivity.map(s => s.input)).toEqual([
      'improvedProductivityPct',
      'improvedIncidentsCostsPct',
      'improvedResourcesPct',
      'ttmReductionGain',
    ]);
    expect(r.sensitivity[0]).toEqual({
      input: 'improvedProductivityPct',
      value: 20,
      lowValue: 15,
      highValue: 25,
      lowRoiPercent: 10.32,
      highRoiPercent: 46.04,
      swing: 35.71,
    });
    expect(
      r.sensitivity
        .slice(1)
        .map(s => [
          s.lowValue,
          s.highValue,
          s.lowRoiPercent,
          s.highRoiPercent,
          s.swing,
        ]),
    ).toEqual([
      [30, 50, 19.96, 36.39, 16.43],
      [22.5, 37.5, 22.21, 34.15, 11.95],
      [0, 0, 28.18, 28.18, 0],
    ]);
  });

  it('caps a percentage at 100', () => {
    // 90% × 1.25 = 112.5 → 100
    const r = calculateRoi(
      inputs({ devCosts: 1000, improvedProductivityPct: 90, designCosts: 100 }),
    );
    const row = r.sensitivity.find(s => s.input === 'improvedProductivityPct');
    expect(row?.highValue).toBe(100);
    expect(row?.lowValue).toBe(67.5);
  });
});

describe('round2', () => {
  it.each([
    [1.005, 1.01],
    [-1.005, -1.01],
    [2.675, 2.68],
    [28.178571, 28.18],
    [-0.001, 0],
    [0, 0],
    [123456789.125, 123456789.13],
  ])('%p → %p', (x, expected) => {
    expect(round2(x)).toBe(expected);
  });
});

/** A small deterministic generator (mulberry32) so failures can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomInputs(next: () => number): RoiInputs {
  const money = (max: number) => Math.round(next() * max * 100) / 100;
  const pct = () => Math.round(next() * 10000) / 100;
  return inputs({
    periodMonths: 1 + Math.floor(next() * 60),
    devCosts: money(10_000_000),
    incidentCosts: money(2_000_000),
    infraCosts: money(1_000_000),
    designCosts: 1 + money(1_000_000),
    addLicenceCosts: money(200_000),
    trainingCosts: money(100_000),
    improvedProductivityPct: pct(),
    improvedIncidentsCostsPct: pct(),
    improvedResourcesPct: pct(),
    ttmReductionGain: money(1_000_000),
    rampUpMonths: Math.floor(next() * 13),
    recurringYearlyCosts: money(500_000),
  });
}

describe('properties (500 random scenarios, seed 20250101)', () => {
  const next = random(20250101);
  const samples = Array.from({ length: 500 }, () => randomInputs(next));
  const impact = [
    ['improvedProductivityPct', 'devCosts'],
    ['improvedIncidentsCostsPct', 'incidentCosts'],
    ['improvedResourcesPct', 'infraCosts'],
  ] as const;

  /** Runs `check` on every sample and lists the samples (by index) where it fails. */
  function violations(check: (s: RoiInputs) => boolean): number[] {
    return samples.flatMap((s, i) => (check(s) ? [] : [i]));
  }

  it('ROI rises with each impact input', () => {
    expect(
      violations(s => {
        const base = computeRoiCore(s).roiPercent;
        const pctOk = impact.every(([pct, cost]) => {
          const more = computeRoiCore({ ...s, [pct]: s[pct] + 1 }).roiPercent;
          return s[cost] > 0 ? more > base : more === base;
        });
        const ttm = computeRoiCore({
          ...s,
          ttmReductionGain: s.ttmReductionGain + 1000,
        }).roiPercent;
        return pctOk && ttm > base;
      }),
    ).toEqual([]);
  });

  it('ROI falls with each investment item', () => {
    expect(
      violations(s => {
        const base = computeRoiCore(s);
        return (
          ['designCosts', 'addLicenceCosts', 'trainingCosts'] as const
        ).every(item => {
          const more = computeRoiCore({ ...s, [item]: s[item] + 1000 });
          return base.gain.total > 0
            ? more.roiPercent < base.roiPercent
            : more.roiPercent === -100;
        });
      }),
    ).toEqual([]);
  });

  it('gain is the sum of its parts; payback × monthly gain = investment', () => {
    const close = (a: number, b: number) =>
      Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
    expect(
      violations(s => {
        const c = computeRoiCore(s);
        const parts =
          c.gain.productivity +
          c.gain.incidents +
          c.gain.infrastructure +
          c.gain.timeToMarket;
        return (
          close(c.gain.total, parts) &&
          close(c.netGain, c.gain.total - c.investment) &&
          (c.paybackMonths === null ||
            close(c.paybackMonths * c.monthlyGain, c.investment))
        );
      }),
    ).toEqual([]);
  });

  it('without ramp-up or recurring cost, the cash flow at the end of the period is the net gain', () => {
    expect(
      violations(s => {
        const flat = { ...s, rampUpMonths: 0, recurringYearlyCosts: 0 };
        const atEnd = projectCashFlow(flat)[Math.min(s.periodMonths, 36)];
        const expected =
          s.periodMonths <= 36
            ? computeRoiCore(flat).netGain
            : atEnd.cumulative;
        return Math.abs(atEnd.cumulative - expected) < 1e-4;
      }),
    ).toEqual([]);
  });

  it('a ramp-up never brings break-even forward', () => {
    expect(
      violations(s => {
        const flat = calculateRoi({ ...s, rampUpMonths: 0 }).breakEvenMonth;
        const ramped = calculateRoi(s).breakEvenMonth;
        if (flat === null) {
          return ramped === null;
        }
        return ramped === null || ramped >= flat;
      }),
    ).toEqual([]);
  });

  it('sensitivity brackets the base ROI', () => {
    for (const s of samples) {
      const r = calculateRoi(s);
      for (const row of r.sensitivity) {
        expect(row.lowRoiPercent).toBeLessThanOrEqual(r.roiPercent);
        expect(row.highRoiPercent).toBeGreaterThanOrEqual(r.roiPercent);
      }
    }
  });
});
