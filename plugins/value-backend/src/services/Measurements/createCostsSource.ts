import { CostsService } from '@internal/plugin-costs-node';
import { scopeGroup } from '@internal/plugin-value-common';
import { InfrastructureCostSource } from './types';

/**
 * The scope's infrastructure cost from the costs plugin, over the days `[from, to)`: no number
 * where no cluster is connected or no day of the window was priced.
 */
export function createCostsSource(
  costs: CostsService,
): InfrastructureCostSource {
  return {
    async cost({ scope, from, to }, { credentials }) {
      const window = { from: from.slice(0, 10), to: to.slice(0, 10) };
      if (window.from >= window.to) {
        return { ok: false, reason: 'No day of the quarter to price yet' };
      }
      const teamRef = scopeGroup(scope);
      const period = await costs.getPeriodCost(
        { ...window, ...(teamRef ? { teamRef } : {}) },
        { credentials, timeoutMs: 10_000 },
      );
      if (!period.connection.connected) {
        return { ok: false, reason: 'No cluster connected' };
      }
      if (period.total === null || period.coverage.daysWithData === 0) {
        return {
          ok: false,
          reason: `No cost recorded from ${window.from} to ${window.to}`,
        };
      }
      return {
        ok: true,
        value: {
          amount: period.total,
          currency: period.currency,
          coveredDays: period.coverage.daysWithData,
          source: `${period.sources.join(
            ' and ',
          )} on ${period.connection.clusters.join(', ')}`,
        },
      };
    },
  };
}
