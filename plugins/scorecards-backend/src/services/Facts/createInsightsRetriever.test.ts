import { mockServices } from '@backstage/backend-test-utils';
import { DoraSummary } from '@internal/plugin-insights-common';
import { InsightsService } from '@internal/plugin-insights-node';
import { EntityRecord } from '../../database/ScorecardStore';
import { createInsightsRetriever } from './createInsightsRetriever';

const entity = (name: string, kind = 'Component'): EntityRecord => ({
  entityRef: `${kind.toLocaleLowerCase('en-US')}:default/${name}`,
  title: name,
  kind,
  type: 'service',
  lifecycle: 'production',
  tags: [],
  ownerRef: null,
  repository: null,
});

function dora(partial: {
  repositories: number;
  deployments: number;
  perWeek: number;
  lead: number | null;
  leadBand: string | null;
  rate: number | null;
  restore: number | null;
}): DoraSummary {
  return {
    scope: { repositories: partial.repositories },
    window: { from: '', to: '', days: 90, weeks: 12, months: 3 },
    deploymentFrequency: {
      deployments: partial.deployments,
      deploymentsPerWeek: partial.perWeek,
      medianDeployDaysPerWeek: null,
      medianDeployDaysPerMonth: null,
      category: null,
    },
    leadTimeForChanges: {
      changes: 1,
      medianHours: partial.lead,
      p90Hours: null,
      category: partial.leadBand,
    },
    changeFailureRate: {
      deployments: partial.deployments,
      failedDeployments: 0,
      rate: partial.rate,
      category: null,
    },
    timeToRestore: {
      incidents: 0,
      medianHours: partial.restore,
      category: null,
    },
    weekly: [],
  } as unknown as DoraSummary;
}

describe('createInsightsRetriever', () => {
  it('turns each component’s DORA summary into facts; a failing component keeps none', async () => {
    const asked: string[] = [];
    // only what the retriever calls; the service has more
    const insights: Pick<InsightsService, 'getDora' | 'getAdoption'> = {
      getDora: async query => {
        asked.push(`${query.entityRef} ${query.from} ${query.to}`);
        if (query.entityRef === 'component:default/broken')
          throw new Error('503');
        if (query.entityRef === 'component:default/no-repo') {
          return dora({
            repositories: 0,
            deployments: 0,
            perWeek: 0,
            lead: null,
            leadBand: null,
            rate: null,
            restore: null,
          });
        }
        return dora({
          repositories: 1,
          deployments: 24,
          perWeek: 2,
          lead: 31,
          leadBand: 'high',
          rate: 0.125,
          restore: 5,
        });
      },
      getAdoption: async () => {
        throw new Error('not used');
      },
    };
    const logger = mockServices.logger.mock();
    const retriever = createInsightsRetriever({
      insights: insights as InsightsService,
      auth: mockServices.auth(),
      logger,
      now: () => new Date('2026-06-30T00:00:00.000Z'),
    });
    const facts = await retriever.collect([
      entity('checkout'),
      entity('broken'),
      entity('no-repo'),
      entity('api', 'API'),
    ]);
    // APIs are not asked for; the window is the 90 days before now (2026-04-01 → 2026-06-30)
    expect(asked.sort()).toEqual([
      'component:default/broken 2026-04-01T00:00:00.000Z 2026-06-30T00:00:00.000Z',
      'component:default/checkout 2026-04-01T00:00:00.000Z 2026-06-30T00:00:00.000Z',
      'component:default/no-repo 2026-04-01T00:00:00.000Z 2026-06-30T00:00:00.000Z',
    ]);
    const of = (ref: string) =>
      Object.fromEntries(
        facts.filter(f => f.entityRef === ref).map(f => [f.factId, f.value]),
      );
    // rate 0.125 → 12.5 %; band "high" → rank 3
    expect(of('component:default/checkout')).toEqual({
      'insights.leadTimeHours': 31,
      'insights.changeFailureRatePercent': 12.5,
      'insights.deploymentsPerWeek': 2,
      'insights.timeToRestoreHours': 5,
      'insights.leadTimeBandRank': 3,
      'insights.changeFailureRateBandRank': null,
    });
    // no repository: nothing measured, so not 0 deployments a week but not collected
    expect(
      of('component:default/no-repo')['insights.deploymentsPerWeek'],
    ).toBeNull();
    expect(of('component:default/broken')).toEqual({});
    expect(logger.warn).toHaveBeenCalledWith(
      'Scorecards could not read the DORA figures of a component',
      expect.objectContaining({ entityRef: 'component:default/broken' }),
    );
  });
});
