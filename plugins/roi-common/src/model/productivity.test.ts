import {
  CONTEXT_SWITCH_MINUTES,
  PRODUCTIVITY_HELPERS,
  productivityFromContextSwitches,
  productivityFromTechnicalDebt,
  productivityFromToolSwitching,
  TECHNICAL_DEBT_SHARE_OF_WEEK_PCT,
  TOOL_SWITCHING_HOURS_PER_WEEK,
} from './productivity';

describe("seed 004's figures", () => {
  it('are the numbers printed in the seed', () => {
    // "6 to 15 hours each week"; "23 minutes and 15 seconds" = 23 + 15/60 = 23.25 min; "42%"
    expect(TOOL_SWITCHING_HOURS_PER_WEEK).toEqual({ low: 6, high: 15 });
    expect(CONTEXT_SWITCH_MINUTES).toBe(23.25);
    expect(TECHNICAL_DEBT_SHARE_OF_WEEK_PCT).toBe(42);
  });

  it('each helper names its source', () => {
    expect(PRODUCTIVITY_HELPERS.map(h => h.id)).toEqual([
      'toolSwitching',
      'contextSwitching',
      'technicalDebt',
    ]);
    for (const helper of PRODUCTIVITY_HELPERS) {
      expect(helper.source).toMatch(/^Seed 004 /);
    }
  });
});

describe('productivityFromToolSwitching', () => {
  it.each<[number, number, number, number | null, string]>([
    // [hours lost a week, recovered %, working hours a week, expected %, derivation]
    [6, 50, 40, 7.5, '6 × 50% = 3 h of 40 h → 3 ÷ 40 = 7.5%'],
    [15, 100, 40, 37.5, '15 × 100% = 15 h of 40 → 37.5%'],
    [15, 40, 37.5, 16, '15 × 40% = 6 h of 37.5 → 6 ÷ 37.5 = 16%'],
    [0, 80, 40, 0, 'nothing lost → 0%'],
    [6, 50, 0, null, 'no working hours: no share can be taken'],
    [6, 120, 40, null, 'recovering 120% of the hours is not a share'],
    [-1, 50, 40, null, 'negative hours'],
    [Number.NaN, 50, 40, null, 'not a number'],
    [60, 100, 40, null, '60 h of 40 → 150%, not a share of time'],
  ])('%p h, %p%%, %p h → %p (%s)', (hours, recovered, working, expected) => {
    expect(
      productivityFromToolSwitching({
        hoursLostPerWeek: hours,
        recoveredPct: recovered,
        workingHoursPerWeek: working,
      }),
    ).toBe(expected);
  });
});

describe('productivityFromContextSwitches', () => {
  it.each<[number, number, number | undefined, number | null, string]>([
    // [switches avoided a day, working hours a day, minutes per switch, expected %, derivation]
    [
      2,
      8,
      undefined,
      9.6875,
      '2 × 23.25 = 46.5 min of 480 → 46.5 ÷ 480 = 9.6875%',
    ],
    [1, 7.75, undefined, 5, '23.25 min of 7.75 × 60 = 465 min → 5%'],
    [4, 8, 15, 12.5, '4 × 15 = 60 min of 480 → 12.5%'],
    [0, 8, undefined, 0, 'no switch avoided → 0%'],
    [2, 0, undefined, null, 'no working day'],
    [-2, 8, undefined, null, 'negative switches'],
    [
      30,
      8,
      undefined,
      null,
      '30 × 23.25 = 697.5 min of 480 → 145%, not a share of time',
    ],
  ])('%p switches, %p h, %p min → %p (%s)', (n, hours, minutes, expected) => {
    expect(
      productivityFromContextSwitches({
        switchesAvoidedPerDay: n,
        workingHoursPerDay: hours,
        minutesPerSwitch: minutes,
      }),
    ).toBe(expected);
  });
});

describe('productivityFromTechnicalDebt', () => {
  it.each<[number, number | undefined, number | null, string]>([
    // [reduced %, debt share %, expected %, derivation]
    [25, undefined, 10.5, '42% × 25% = 10.5%'],
    [50, undefined, 21, '42% × 50% = 21%'],
    [100, 30, 30, 'a measured 30% × 100% = 30%'],
    [0, undefined, 0, 'nothing removed → 0%'],
    [150, undefined, null, 'removing 150% is not a share'],
    [25, -5, null, 'a negative share of the week'],
  ])('%p%% of %p%% → %p (%s)', (reduced, debt, expected) => {
    expect(
      productivityFromTechnicalDebt({
        reducedPct: reduced,
        debtSharePct: debt,
      }),
    ).toBe(expected);
  });
});
