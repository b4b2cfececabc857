import { seedSections } from './seeds';
import { Colour, FactorId } from './factors';
import {
  chooseDuration,
  choosePhase,
  chooseTeamSize,
  chooseTeamStructure,
  recommend,
  recommendScale,
  recommendStakeholders,
} from './recommendations';
import { decideVerdict } from './verdict';

const base: Record<FactorId, Colour> = {
  teamSize: 'yellow',
  deploymentFriction: 'yellow',
  infrastructureComplexity: 'yellow',
  developerComplaints: 'yellow',
  shadowIt: 'yellow',
  onboardingTime: 'yellow',
  contextSwitching: 'yellow',
};
const withColours = (over: Partial<Record<FactorId, Colour>>) => ({
  ...base,
  ...over,
});

const now = decideVerdict([
  'green',
  'green',
  'green',
  'green',
  'red',
  'red',
  'red',
]);
const plan = decideVerdict([
  'yellow',
  'yellow',
  'yellow',
  'yellow',
  'red',
  'red',
  'red',
]);
const wait = decideVerdict([
  'red',
  'red',
  'red',
  'red',
  'green',
  'green',
  'green',
]);
const mixed = (t?: 'growing' | 'steady') =>
  decideVerdict(
    ['green', 'green', 'green', 'yellow', 'yellow', 'yellow', 'red'],
    t,
  );

describe('recommendations', () => {
  it.each([
    // scale follows the team size: 100+ organisation, 50-100 domain, <50 project (WeScale, "At what scale")
    ['green', 'organisation', seedSections.wescale.organisationScale],
    ['yellow', 'domain', seedSections.wescale.domainScale],
    ['red', 'project', seedSections.wescale.projectScale],
  ] as const)('team size %s → %s scale', (teamSize, choice, section) => {
    const rec = recommendScale(withColours({ teamSize }));
    expect(rec.choice).toBe(choice);
    expect(rec.sources[0]).toMatchObject({ document: 'wescale', section });
  });

  it.each([
    // wait and "mixed, steady" hold off: no phase yet (the guide's "Mostly red: Wait")
    ['wait', wait, undefined, 'none'],
    ['mixed, steady', mixed('steady'), undefined, 'none'],
    // plan and mixed (growing or unanswered) start with Phase 0: Assessment (the guide's roadmap)
    ['plan', plan, undefined, 'phase0'],
    ['plan at level 3', plan, 3, 'phase0'],
    ['mixed, growing', mixed('growing'), undefined, 'phase0'],
    ['mixed, unanswered', mixed(), undefined, 'phase0'],
    // now: Phase 1 unless maturity shows the earlier phases in place
    ['now without maturity', now, undefined, 'phase1'],
    ['now at level 1', now, 1, 'phase1'],
    ['now at level 2', now, 2, 'phase2'],
    ['now at level 3', now, 3, 'phase3'],
    ['now at level 4', now, 4, 'phase3'],
  ] as const)('%s → %s', (_name, verdict, level, phase) => {
    expect(choosePhase(verdict, level)).toBe(phase);
  });

  it.each([
    // 100+ engineers: centralised (guide 115), hybrid once mature (117: "Most mature platform teams")
    ['green', undefined, 'centralised'],
    ['green', 2, 'centralised'],
    ['green', 3, 'hybrid'],
    ['green', 4, 'hybrid'],
    // 50-100 engineers: embedded (116)
    ['yellow', 4, 'embedded'],
    // under 50: a first generalist hire (118)
    ['red', undefined, 'firstHire'],
  ] as const)('team size %s at maturity %s → %s', (teamSize, level, choice) => {
    expect(chooseTeamStructure(withColours({ teamSize }), level)).toBe(choice);
  });

  it.each([
    [undefined, 'generalists'],
    [0, 'generalists'],
    [3, 'generalists'], // "For 2-3 people" (118)
    [4, 'generalists'], // still under 5
    [5, 'addProductManager'], // "For 5-8 people, add a product manager" (119)
    [8, 'addProductManager'],
    [10, 'addProductManager'], // not yet "more than 10"
    [11, 'specialise'], // "More than 10 people" (119)
  ] as const)('%s platform people → %s', (size, choice) => {
    expect(chooseTeamSize(size)).toBe(choice);
  });

  it.each([
    // complex: 100+ engineers and multi-cloud/microservices (WeScale 718)
    ['green', 'green', 'complex'],
    ['green', 'yellow', 'mediumToLarge'], // 717
    ['yellow', 'green', 'mediumToLarge'],
    ['yellow', 'red', 'mediumToLarge'],
    ['red', 'green', 'small'], // 716
    ['red', 'red', 'small'],
  ] as const)(
    'team size %s, infrastructure %s → %s',
    (teamSize, infra, choice) => {
      expect(
        chooseDuration(
          withColours({ teamSize, infrastructureComplexity: infra }),
        ),
      ).toBe(choice);
    },
  );

  it('involves every stakeholder once a platform is on the table, only those who raise the need otherwise', () => {
    const all = recommendStakeholders(plan);
    expect(all.items).toHaveLength(6);
    expect(all.items[0]).toBe(
      'CTO / CIO: Strategic decision and global validation',
    );
    expect(all.sources.map(s => s.section)).toEqual([
      ...Array(6).fill(seedSections.wescale.stakeholders),
      seedSections.wescale.decisionProcess,
    ]);
    const few = recommendStakeholders(wait);
    expect(few.choice).toBe('needIdentification');
    expect(few.sources[0]).toMatchObject({
      section: seedSections.wescale.decisionProcess,
      quote: expect.stringContaining('The need may be raised'),
    });
  });

  it('gives every kind once, each with at least one source', () => {
    const recs = recommend({ colours: base, verdict: plan });
    expect(recs.map(r => r.kind)).toEqual([
      'verdict',
      'scale',
      'phase',
      'teamStructure',
      'teamSize',
      'duration',
      'stakeholders',
      'cadence',
    ]);
    for (const r of recs) expect(r.sources.length).toBeGreaterThan(0);
    const phase = recs.find(r => r.kind === 'phase')!;
    expect(phase.title).toBe('Phase 0: Assessment');
    expect(phase.items).toEqual([
      'Developer interviews',
      'Pain point mapping',
      'Tool audit',
      'Hire core team members',
    ]);
  });
});
