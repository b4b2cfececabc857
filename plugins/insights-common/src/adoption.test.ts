import {
  catalogCompleteness,
  ComponentFacts,
  isOnPlatform,
  platformBaseline,
  repositoryFromRepoUrl,
  selfServiceCompletionRate,
  teamAdoption,
} from './adoption';
import { above, atLeast, atMost, KPI_TARGETS } from './targets';

const full: ComponentFacts = {
  owner: 'group:default/payments-team',
  description: 'Payments',
  system: 'checkout',
  lifecycle: 'production',
  annotations: {
    'backstage.io/techdocs-ref': 'dir:.',
    'github.com/project-slug': 'acme/payments',
    'backstage.io/kubernetes-id': 'payments',
  },
  hasWorkflowRuns: true,
};

describe('platform baseline', () => {
  it('all four criteria met → on the platform', () => {
    expect(platformBaseline(full)).toEqual({
      owner: true,
      docs: true,
      ci: true,
      kubernetes: true,
    });
    expect(isOnPlatform(full)).toBe(true);
  });
  it('CI needs a repository and a recorded workflow run', () => {
    expect(platformBaseline({ ...full, hasWorkflowRuns: false }).ci).toBe(
      false,
    );
    expect(isOnPlatform({ ...full, hasWorkflowRuns: false })).toBe(false);
  });
  it('created from a golden path → on the platform even without the baseline', () => {
    const c: ComponentFacts = {
      annotations: {
        'backstage.io/source-template': 'template:default/node-service',
      },
      hasWorkflowRuns: false,
    };
    expect(isOnPlatform(c)).toBe(true);
    expect(isOnPlatform({ annotations: {}, hasWorkflowRuns: false })).toBe(
      false,
    );
  });
});

describe('catalogCompleteness', () => {
  it.each([
    [full, 1, '6 of 6 fields'],
    [{ ...full, system: undefined, description: undefined }, 4 / 6, '4 of 6'],
    [
      { annotations: {}, hasWorkflowRuns: false, owner: 'x' },
      1 / 6,
      'owner only: 1 of 6',
    ],
  ])('%#: %p (%s)', (c, expected) => {
    expect(catalogCompleteness(c as ComponentFacts)).toBeCloseTo(
      expected as number,
      12,
    );
  });
});

describe('selfServiceCompletionRate', () => {
  it.each<[number, number, number | null, string]>([
    [9, 10, 0.9, '9 succeeded ÷ 10 finished'],
    [0, 3, 0, 'none succeeded'],
    [0, 0, null, 'no finished tasks'],
  ])('%p of %p → %p', (s, f, expected) => {
    expect(selfServiceCompletionRate(s, f)).toBe(expected);
  });
});

describe('teamAdoption', () => {
  it('3 teams with components, 2 use the platform → 2 ÷ 3; a team without components is not counted', () => {
    const r = teamAdoption(
      new Map([
        ['a', [true, false]],
        ['b', [false]],
        ['c', [true]],
        ['d', []],
      ]),
    );
    expect(r).toEqual({ teams: 3, onPlatform: 2, share: 2 / 3 });
  });
});

describe('targets', () => {
  it.each([
    ['adoption 0.8 meets 80%+', atLeast(0.8, KPI_TARGETS.teamAdoption), true],
    ['adoption 0.79 misses', atLeast(0.79, KPI_TARGETS.teamAdoption), false],
    ['NPS 30 is not above 30', above(30, KPI_TARGETS.nps), false],
    ['NPS 31 is above 30', above(31, KPI_TARGETS.nps), true],
    [
      'satisfaction 4.0 is not above 4',
      above(4, KPI_TARGETS.satisfaction),
      false,
    ],
    ['satisfaction 4.2 is above 4', above(4.2, KPI_TARGETS.satisfaction), true],
    [
      'self-service 0.9 meets 90%+',
      atLeast(0.9, KPI_TARGETS.selfServiceCompletion),
      true,
    ],
    ['first deployment 24 h is within one day', atMost(24, 24), true],
    ['no value → unknown', atLeast(null, 0.8), null],
  ])('%s', (_label, actual, expected) => {
    expect(actual).toBe(expected);
  });
});

describe('repositoryFromRepoUrl', () => {
  it.each([
    ['github.com?owner=Acme&repo=Cart', 'acme/cart'],
    ['github.com?repo=cart', undefined],
    [undefined, undefined],
  ])('%p → %p', (url, expected) => {
    expect(repositoryFromRepoUrl(url)).toBe(expected);
  });
});
