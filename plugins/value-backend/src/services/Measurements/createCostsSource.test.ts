import { mockCredentials } from '@backstage/backend-test-utils';
import { CostsService, PeriodCost } from '@internal/plugin-costs-node';
import { createCostsSource } from './createCostsSource';

const credentials = mockCredentials.user('user:default/ada');

const period = (change: Partial<PeriodCost>): PeriodCost => ({
  connection: { connected: true, clusters: ['eu-1'] },
  scope: 'team',
  from: '2026-01-01',
  to: '2026-04-01',
  currency: 'EUR',
  coverage: { daysWithData: 88, daysInWindow: 90 },
  total: 41_250.5,
  sources: ['requests'],
  ...change,
});

function source(answer: PeriodCost) {
  const getPeriodCost = jest.fn(async () => answer);
  return {
    getPeriodCost,
    costs: createCostsSource({ getPeriodCost } as CostsService),
  };
}

describe('the infrastructure cost of a scope', () => {
  it('reads the team’s days priced, with where they came from', async () => {
    const { costs, getPeriodCost } = source(period({}));
    expect(
      await costs.cost(
        {
          scope: 'group:default/finance',
          from: '2026-01-01',
          to: '2026-04-01T00:00:00.000Z',
        },
        { credentials },
      ),
    ).toEqual({
      ok: true,
      value: {
        amount: 41_250.5,
        currency: 'EUR',
        coveredDays: 88,
        source: 'requests on eu-1',
      },
    });
    expect(getPeriodCost).toHaveBeenCalledWith(
      {
        from: '2026-01-01',
        to: '2026-04-01',
        teamRef: 'group:default/finance',
      },
      expect.objectContaining({ credentials }),
    );
  });

  it.each([
    [
      'no cluster connected',
      period({ connection: { connected: false, clusters: [] }, total: null }),
      'No cluster connected',
    ],
    [
      'no day priced',
      period({ total: null, coverage: { daysWithData: 0, daysInWindow: 90 } }),
      'No cost recorded from 2026-01-01 to 2026-04-01',
    ],
  ])('shows no number with %s', async (_, answer, reason) => {
    const { costs } = source(answer);
    expect(
      await costs.cost(
        { scope: 'organisation', from: '2026-01-01', to: '2026-04-01' },
        { credentials },
      ),
    ).toEqual({ ok: false, reason });
  });
});
