import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { createScorecardEvidence } from './createScorecardEvidence';

const READ_AT = new Date('2026-12-03T19:10:42.000Z');

/** An answer of `GET /api/scorecards/summary`, with the golden path counts given. */
const summary = (
  goldenPaths: {
    services: number;
    fromGoldenPath: number;
    onLatestVersion: number;
  },
  days: string[] = ['2026-12-01', '2026-12-03', '2026-12-02'],
) => ({
  ownerRef: null,
  levels: ['bronze', 'silver', 'gold'],
  entities: goldenPaths.services,
  byTeam: [],
  checks: [],
  trend: days.map(day => ({ day, counts: { bronze: 1 } })),
  goldenPaths: {
    ...goldenPaths,
    adoptedShare: null,
    currentShare: null,
    aim: 0.8,
    meetsAim: false,
  },
});

function setup(read: (owner: string | undefined, token: string) => unknown) {
  const calls: Array<{ owner: string | undefined; token: string }> = [];
  const evidence = createScorecardEvidence({
    auth: mockServices.auth(),
    discovery: mockServices.discovery(),
    logger: mockServices.logger.mock(),
    now: () => READ_AT,
    read: async (owner, token) => {
      calls.push({ owner, token });
      return read(owner, token);
    },
  });
  return { evidence, calls };
}

const caller = mockCredentials.user('user:default/elena');

describe('maturity proposals from the scorecards', () => {
  it('reads one team on behalf of the caller and proposes from its figures', async () => {
    const { evidence, calls } = setup(() =>
      // 12 × 2 > 15 → newServices 3; 5 × 2 > 12? no → no upgrades proposal
      summary({ services: 15, fromGoldenPath: 12, onLatestVersion: 5 }),
    );
    const proposals = await evidence.propose({
      groupRefs: ['group:default/payments-team'],
      organisation: false,
      credentials: caller,
    });
    expect(calls).toEqual([
      {
        owner: 'group:default/payments-team',
        token: mockCredentials.service.token({
          onBehalfOf: caller,
          targetPluginId: 'scorecards',
        }),
      },
    ]);
    expect(proposals.map(p => [p.question, p.level])).toEqual([
      ['adoption.newServices', 3],
      ['operations.upgrades', null],
    ]);
    expect(proposals[0].measuredAt).toBe('2026-12-03T19:10:42.000Z');
    // the last of the trend's days, whatever their order
    expect(proposals[0].source).toMatch(
      /^Scorecards, group:default\/payments-team, read 2026-12-03 19:10 UTC from the latest collected golden path facts \(services last evaluated 2026-12-03\): 12 of 15 services \(80\.0%\)/,
    );
    expect(proposals[1].source).toMatch(
      /5 of the 12 services made from a golden path \(41\.7%\) are on their template's latest version\. Not more than half/,
    );
  });

  it('reads the whole organisation without an owner', async () => {
    const { evidence, calls } = setup(() =>
      summary({ services: 0, fromGoldenPath: 0, onLatestVersion: 0 }, []),
    );
    const proposals = await evidence.propose({
      groupRefs: ['group:default/acme', 'group:default/payments-team'],
      organisation: true,
      credentials: caller,
    });
    expect(calls.map(c => c.owner)).toEqual([undefined]);
    expect(proposals.every(p => !p.available)).toBe(true);
    expect(proposals[0].source).toMatch(
      /^Scorecards, the whole organisation, .*no recent evaluation of these services recorded\): no service has a collected golden path fact yet/,
    );
  });

  it('does not ask for several teams at once', async () => {
    const { evidence, calls } = setup(() => {
      throw new Error('not called');
    });
    const proposals = await evidence.propose({
      groupRefs: ['group:default/a', 'group:default/b'],
      organisation: false,
      credentials: caller,
    });
    expect(calls).toEqual([]);
    expect(proposals.map(p => p.available)).toEqual([false, false]);
    expect(proposals[0].source).toMatch(
      /^The scorecards summarise one team or the whole organisation at a time/,
    );
  });

  const refusal = (status: number, message: string) =>
    ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'Error', message },
          request: { method: 'GET', url: '/summary' },
          response: { statusCode: status },
        }),
        { status, headers: { 'Content-Type': 'application/json' } },
      ) as any,
    );

  it.each([
    [
      'not installed',
      async () => {
        throw await refusal(404, 'Not Found');
      },
      'No scorecard figures: the scorecards plugin is not installed (/summary not found); answer from your own knowledge.',
    ],
    [
      'a caller without the scorecards read permission',
      async () => {
        throw await refusal(403, 'Not allowed: scorecards.read');
      },
      'You may not read the scorecards (Not allowed: scorecards.read); answer from your own knowledge.',
    ],
    [
      'an error',
      async () => {
        throw await refusal(500, 'database down');
      },
      'Scorecards answered 500: database down; answer from your own knowledge.',
    ],
    [
      'unreachable',
      async () => {
        throw new TypeError('fetch failed');
      },
      'Scorecards could not be reached (fetch failed); answer from your own knowledge.',
    ],
    [
      'a changed answer',
      async () => ({ goldenPaths: { services: 3 }, trend: [] }),
      'Scorecards answered in an unexpected form (goldenPaths.fromGoldenPath: Invalid input: expected number, received undefined); answer from your own knowledge.',
    ],
    [
      'counts that cannot be',
      async () =>
        summary({ services: 2, fromGoldenPath: 3, onLatestVersion: 0 }),
      'Scorecards answered in an unexpected form (goldenPaths: onLatestVersion ≤ fromGoldenPath ≤ services must hold); answer from your own knowledge.',
    ],
  ])('proposes nothing, and says why, when %s', async (_, read, reason) => {
    const { evidence } = setup(read);
    const proposals = await evidence.propose({
      groupRefs: ['group:default/payments-team'],
      organisation: false,
      credentials: caller,
    });
    expect(proposals).toEqual([
      expect.objectContaining({
        question: 'adoption.newServices',
        available: false,
        level: null,
        measuredAt: null,
        source: reason,
      }),
      expect.objectContaining({
        question: 'operations.upgrades',
        available: false,
        level: null,
        source: reason,
      }),
    ]);
  });
});
