import { aspects, questionIds } from './maturity';
import {
  MaturityProposal,
  ScorecardFigures,
  proposeMaturityFromScorecards,
  scorecardQuestionIds,
  unavailableMaturityProposals,
} from './scorecardProposals';

const figures = (
  services: number,
  fromGoldenPath: number,
  onLatestVersion: number,
  overrides: Partial<ScorecardFigures> = {},
): ScorecardFigures => ({
  ownerRef: 'group:default/payments-team',
  services,
  fromGoldenPath,
  onLatestVersion,
  readAt: '2026-12-03T19:10:42.000Z',
  lastEvaluatedDay: '2026-12-03',
  ...overrides,
});

const proposalFor = (
  proposals: MaturityProposal[],
  question: string,
): MaturityProposal => proposals.find(p => p.question === question)!;

describe('maturity answers proposed from the scorecards', () => {
  it('speaks only to questions of the questionnaire, and their level 3 says what the figure measures', () => {
    for (const id of scorecardQuestionIds) expect(questionIds).toContain(id);
    const option3 = (id: string) =>
      aspects.flatMap(a => a.questions).find(q => q.id === id)!.options[2];
    expect(option3('adoption.newServices')).toBe(
      'From a golden-path template that most new services use',
    );
    expect(option3('operations.upgrades')).toBe(
      'Planned and announced, with versioned templates',
    );
  });

  // adoption.newServices: fromGoldenPath / services; proposed (level 3) when
  // fromGoldenPath × 2 > services, i.e. strictly more than half.
  it.each([
    // services, fromGoldenPath, proposed level, share, percent shown: derivation
    [15, 12, 3, 0.8, '80.0%'], // 24 > 15 → 3; 12 / 15 = 0.8
    [4, 3, 3, 0.75, '75.0%'], // 6 > 4 → 3; 3 / 4 = 0.75
    [3, 2, 3, 2 / 3, '66.7%'], // 4 > 3 → 3; 2 / 3 = 0.666… → 66.7%
    [201, 101, 3, 101 / 201, '50.2%'], // 202 > 201 → 3; 0.50248… → 50.2%
    [1, 1, 3, 1, '100.0%'], // 2 > 1 → 3
    [10, 5, null, 0.5, '50.0%'], // 10 > 10? no: exactly half is not most
    [200, 100, null, 0.5, '50.0%'], // 200 > 200? no
    [7, 3, null, 3 / 7, '42.9%'], // 6 > 7? no; 3 / 7 = 0.42857… → 42.9%
    [5, 0, null, 0, '0.0%'], // 0 > 5? no
  ])(
    'new services: %i services, %i from a golden path → level %p',
    (services, fromGoldenPath, level, share, shown) => {
      const p = proposalFor(
        proposeMaturityFromScorecards(figures(services, fromGoldenPath, 0)),
        'adoption.newServices',
      );
      expect(p.level).toBe(level);
      expect(p.available).toBe(level !== null);
      expect(p.share).toBeCloseTo(share as number, 12);
      expect(p.source).toContain(
        `${fromGoldenPath} of ${services} services (${shown}) were made from a golden path`,
      );
      expect(p.figure).toBe(
        'Golden path adoption: services made from a golden path',
      );
      expect(p.measuredAt).toBe('2026-12-03T19:10:42.000Z');
    },
  );

  // operations.upgrades: onLatestVersion / fromGoldenPath; proposed (level 3) when
  // onLatestVersion × 2 > fromGoldenPath.
  it.each([
    // services, fromGoldenPath, onLatestVersion, level, share, percent: derivation
    [20, 12, 9, 3, 0.75, '75.0%'], // 18 > 12 → 3; 9 / 12 = 0.75
    [20, 12, 7, 3, 7 / 12, '58.3%'], // 14 > 12 → 3; 0.58333… → 58.3%
    [9, 9, 9, 3, 1, '100.0%'], // 18 > 9 → 3
    [20, 12, 6, null, 0.5, '50.0%'], // 12 > 12? no: exactly half
    [20, 3, 1, null, 1 / 3, '33.3%'], // 2 > 3? no; 0.333… → 33.3%
    [20, 4, 0, null, 0, '0.0%'], // 0 > 4? no
  ])(
    'upgrades: %i services, %i from a golden path, %i on the latest version → level %p',
    (services, fromGoldenPath, onLatest, level, share, shown) => {
      const p = proposalFor(
        proposeMaturityFromScorecards(
          figures(services, fromGoldenPath, onLatest),
        ),
        'operations.upgrades',
      );
      expect(p.level).toBe(level);
      expect(p.available).toBe(level !== null);
      expect(p.share).toBeCloseTo(share as number, 12);
      expect(p.source).toContain(
        `${onLatest} of the ${fromGoldenPath} services made from a golden path (${shown}) are on their template's latest version`,
      );
    },
  );

  it('says what the proposal rests on and what the figures cannot show', () => {
    const [newServices, upgrades] = proposeMaturityFromScorecards(
      figures(15, 12, 9),
    );
    expect(newServices.source).toBe(
      'Scorecards, group:default/payments-team, read 2026-12-03 19:10 UTC from the latest collected golden path facts (services last evaluated 2026-12-03): ' +
        '12 of 15 services (80.0%) were made from a golden path (the organisation aims at 80%). ' +
        'More than half → Scalable (“From a golden-path template that most new services use”). ' +
        'The share counts every service, not only new ones. ' +
        'Whether teams improve and publish templates themselves (Optimizing) the scorecards cannot show.',
    );
    // 9 of 12: 18 > 12 → Scalable
    expect(upgrades.source).toMatch(
      /9 of the 12 services made from a golden path \(75\.0%\) are on their template's latest version\. More than half → Scalable \(“Planned and announced, with versioned templates”\)/,
    );
  });

  it('proposes nothing without golden path facts, and says so', () => {
    const proposals = proposeMaturityFromScorecards(
      figures(0, 0, 0, { ownerRef: null, lastEvaluatedDay: null }),
    );
    expect(proposals.map(p => [p.question, p.available, p.level])).toEqual([
      ['adoption.newServices', false, null],
      ['operations.upgrades', false, null],
    ]);
    expect(proposals[0].share).toBeNull();
    expect(proposals[0].source).toBe(
      'Scorecards, the whole organisation, read 2026-12-03 19:10 UTC from the latest collected golden path facts (no recent evaluation of these services recorded): ' +
        'no service has a collected golden path fact yet, so there is no share to read; answer from your own knowledge.',
    );
    expect(proposals[1].source).toMatch(/no template version to read/);
  });

  it('proposes no upgrade answer when no service was made from a golden path', () => {
    const [newServices, upgrades] = proposeMaturityFromScorecards(
      figures(6, 0, 0),
    );
    // 0 × 2 > 6? no
    expect(newServices.available).toBe(false);
    expect(newServices.share).toBe(0);
    expect(upgrades).toMatchObject({ available: false, share: null });
    expect(upgrades.source).toMatch(
      /none of the 6 services was made from a golden path/,
    );
  });

  it.each([
    [figures(3, 4, 0), /fromGoldenPath ≤ services/],
    [figures(5, 2, 3), /onLatestVersion ≤ fromGoldenPath/],
    [figures(-1, 0, 0), /^services: must be a whole number/],
    [figures(5, 2.5, 0), /^fromGoldenPath: must be a whole number/],
    [figures(5, 2, Number.NaN), /^onLatestVersion: must be a whole number/],
  ])('refuses counts that cannot be (%#)', (input, message) => {
    expect(() => proposeMaturityFromScorecards(input)).toThrow(message);
  });

  it('gives every question the same reason when the scorecards cannot be read', () => {
    const proposals = unavailableMaturityProposals(
      'Scorecards answered 500: boom; answer from your own knowledge.',
    );
    expect(proposals).toEqual(
      scorecardQuestionIds.map(question => ({
        question,
        available: false,
        level: null,
        figure: expect.stringMatching(/^Golden path adoption: /),
        share: null,
        measuredAt: null,
        source:
          'Scorecards answered 500: boom; answer from your own knowledge.',
      })),
    );
  });
});
