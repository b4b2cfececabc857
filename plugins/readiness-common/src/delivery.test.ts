import {
  DeliveryScope,
  DoraBand,
  DoraDelivery,
  describeDeliveryScope,
  onboardingDaysFromHours,
  proposeDeploymentFriction,
  proposeOnboardingTime,
} from './delivery';
import { Colour } from './factors';

// 2025-03-03 to 2025-06-01: 28 days of March after the 3rd + 30 of April + 31 of May = 90.
const team: DeliveryScope = {
  groupRef: 'group:default/payments-team',
  from: '2025-03-03T00:00:00.000Z',
  to: '2025-06-01T00:00:00.000Z',
};
const organisation: DeliveryScope = { ...team, groupRef: null };

const dora = (
  leadTime: DoraBand | null,
  deploymentFrequency: DoraBand | null,
  overrides: Partial<DoraDelivery> = {},
): DoraDelivery => ({
  deployments: 40,
  medianDeployDaysPerWeek: 3,
  deploymentFrequency,
  leadTimeMedianHours: leadTime === null ? null : 5,
  leadTime,
  ...overrides,
});

describe('describeDeliveryScope', () => {
  it('names the window and what was measured', () => {
    expect(describeDeliveryScope(team)).toBe(
      'the 90 days before 2025-06-01, group:default/payments-team',
    );
    expect(describeDeliveryScope(organisation)).toBe(
      'the 90 days before 2025-06-01, the whole organisation',
    );
  });
});

describe('proposeDeploymentFriction', () => {
  // Lead time: elite → red, high → yellow, medium and low → green.
  // Frequency: elite and high → red, medium → yellow, low → green.
  // The proposal is the colour with more friction (green > yellow > red).
  it.each<[DoraBand | null, DoraBand | null, Colour, string]>([
    [
      'elite',
      'elite',
      'red',
      'red and red → red: same-day changes, deploying on most days',
    ],
    [
      'elite',
      'high',
      'red',
      'red and red → red: weekly deployments are still routine',
    ],
    ['elite', 'medium', 'yellow', 'red and yellow → yellow: monthly batches'],
    [
      'elite',
      'low',
      'green',
      'red and green → green: fewer than one deploy day a month',
    ],
    [
      'high',
      'elite',
      'yellow',
      'yellow and red → yellow: changes wait a day to a week',
    ],
    ['high', 'medium', 'yellow', 'yellow and yellow → yellow'],
    [
      'medium',
      'elite',
      'green',
      'green and red → green: changes wait a week or more',
    ],
    ['low', 'high', 'green', 'green and red → green: a month or more'],
    [null, 'high', 'red', 'no traced change: frequency alone, high → red'],
    [
      null,
      'medium',
      'yellow',
      'no traced change: frequency alone, medium → yellow',
    ],
    [null, 'low', 'green', 'no traced change: frequency alone, low → green'],
    [
      'high',
      null,
      'yellow',
      'no frequency band: lead time alone, high → yellow',
    ],
  ])('lead time %s, frequency %s → %s (%s)', (leadTime, frequency, colour) => {
    expect(
      proposeDeploymentFriction(dora(leadTime, frequency), team),
    ).toMatchObject({
      factor: 'deploymentFriction',
      available: true,
      colour,
      value: null,
    });
  });

  it('says what was measured and how the colour was chosen', () => {
    // 30 hours ≥ 24 → shown in days: 30 ÷ 24 = 1.25 → 1.3 days; 1.25 deploy days a week → 1.3
    const proposal = proposeDeploymentFriction(
      dora('high', 'high', {
        leadTimeMedianHours: 30,
        medianDeployDaysPerWeek: 1.25,
      }),
      team,
    );
    expect(proposal.source).toBe(
      'Insights, the 90 days before 2025-06-01, group:default/payments-team: ' +
        '40 production deployments; median lead time for changes 1.3 days (DORA high → yellow); ' +
        'a median of 1.3 deploy days a week (DORA high → red); the one with more friction.',
    );
    // 5 hours < 24 → shown in hours
    expect(
      proposeDeploymentFriction(dora('elite', null), organisation).source,
    ).toBe(
      'Insights, the 90 days before 2025-06-01, the whole organisation: 40 production deployments; ' +
        'median lead time for changes 5.0 hours (DORA elite → red); ' +
        'no deployment frequency band, so the lead time alone.',
    );
    expect(proposeDeploymentFriction(dora(null, 'medium'), team).source).toBe(
      'Insights, the 90 days before 2025-06-01, group:default/payments-team: ' +
        '40 production deployments; a median of 3.0 deploy days a week (DORA medium → yellow); ' +
        'no change traced to a deployment, so the frequency alone.',
    );
  });

  it('proposes nothing without production deployments, and says so', () => {
    // Insights still gives a "low" frequency band for a window without deployments.
    expect(
      proposeDeploymentFriction(
        dora(null, 'low', { deployments: 0, medianDeployDaysPerWeek: 0 }),
        team,
      ),
    ).toEqual({
      factor: 'deploymentFriction',
      available: false,
      colour: null,
      value: null,
      source:
        'Insights, the 90 days before 2025-06-01, group:default/payments-team: no production deployments recorded.',
    });
    expect(proposeDeploymentFriction(dora(null, null), team)).toMatchObject({
      available: false,
      colour: null,
    });
  });
});

describe('proposeOnboardingTime', () => {
  // Days = hours × 10 ÷ 24 rounded half up, ÷ 10; then ≥ 7 green, over 2 and under 7 yellow, ≤ 2 red.
  it.each<[number, number, Colour, string]>([
    [0.5, 0, 'red', '5 ÷ 24 = 0.21 → 0.0 days ≤ 2'],
    [30, 1.3, 'red', '300 ÷ 24 = 12.5 → 13 → 1.3 days ≤ 2'],
    [48, 2, 'red', '480 ÷ 24 = 20 → 2.0 days ≤ 2: "within a day or two"'],
    [
      49,
      2,
      'red',
      '490 ÷ 24 = 20.42 → 20 → 2.0 days: the colour follows the number shown',
    ],
    [50.4, 2.1, 'yellow', '504 ÷ 24 = 21 → 2.1 days > 2: "several days"'],
    [120, 5, 'yellow', '1200 ÷ 24 = 50 → 5.0 days, over 2 and under 7'],
    [166.8, 7, 'green', '1668 ÷ 24 = 69.5 → 70 → 7.0 days ≥ 7 (half up)'],
    [166.7, 6.9, 'yellow', '1667 ÷ 24 = 69.46 → 69 → 6.9 days < 7'],
    [168, 7, 'green', '1680 ÷ 24 = 70 → 7.0 days ≥ 7: "weeks"'],
    [336, 14, 'green', '3360 ÷ 24 = 140 → 14.0 days'],
  ])('median %d hours → %d days → %s (%s)', (hours, days, colour) => {
    expect(onboardingDaysFromHours(hours)).toBe(days);
    expect(
      proposeOnboardingTime(
        { created: 4, deployed: 4, medianHours: hours },
        team,
      ),
    ).toMatchObject({
      factor: 'onboardingTime',
      available: true,
      value: days,
      colour,
    });
  });

  it('says it is a proxy and what it measured', () => {
    // 30 hours → 1.3 days; 3 of 4 deployed: 3 × 2 = 6 ≥ 4
    expect(
      proposeOnboardingTime({ created: 4, deployed: 3, medianHours: 30 }, team)
        .source,
    ).toBe(
      'Insights, the 90 days before 2025-06-01, group:default/payments-team (proxy): ' +
        'median 30.0 hours, 1.3 days, from a golden path creating a service to its first production deployment, ' +
        'over 3 of 4 new services. It times a new service, not a new developer.',
    );
  });

  // 20 hours → 200 ÷ 24 = 8.33 → 8 → 0.8 days ≤ 2 → red, when proposed at all.
  const proposed = { available: true, value: 0.8, colour: 'red' };
  const none = { available: false, value: null, colour: null };
  it.each<[number, number, number | null, object, string]>([
    [0, 0, null, none, 'no service created: nothing to time'],
    [5, 0, null, none, 'none of 5 reached production'],
    [5, 2, 20, none, '2 × 2 = 4 < 5: fewer than half reached production'],
    [6, 3, 20, proposed, '3 × 2 = 6 ≥ 6: exactly half is enough'],
    [1, 1, 20, proposed, 'the one service created reached production'],
  ])(
    '%d created, %d deployed, median %p hours → %o (%s)',
    (created, deployed, medianHours, expected) => {
      const proposal = proposeOnboardingTime(
        { created, deployed, medianHours },
        team,
      );
      expect(proposal).toMatchObject(expected);
      expect(proposal.source).toMatch(
        /^Insights, the 90 days before 2025-06-01, group:/,
      );
    },
  );

  it('gives the reason when it proposes nothing', () => {
    expect(
      proposeOnboardingTime(
        { created: 5, deployed: 2, medianHours: 20 },
        organisation,
      ).source,
    ).toBe(
      'Insights, the 90 days before 2025-06-01, the whole organisation: only 2 of the 5 services ' +
        'created from a golden path have reached production; their median would understate the wait.',
    );
    expect(
      proposeOnboardingTime(
        { created: 0, deployed: 0, medianHours: null },
        team,
      ).source,
    ).toMatch(/no service was created from a golden path/);
  });
});
