import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CostConnection,
  costsCollectPermission,
  costWindowSchema,
  CostWindowQuery,
  daysBetween,
  quarterDays,
} from '@internal/plugin-costs-common';
import { CostStore } from '../../database/CostStore';
import { CostCollector } from '../Collector/types';
import { CostService } from './types';

export const NO_CLUSTER_MESSAGE =
  'No Kubernetes cluster is connected: the portal reads none with its own service account (kubernetes.clusterLocatorMethods), so it has no costs to show.';

function window(query: CostWindowQuery) {
  const parsed = costWindowSchema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** A ref as the store keeps it: full and lower-case. */
function normalisedRef(ref: string, defaultKind: string, field: string) {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');
  } catch (error) {
    throw new InputError(`${field}: ${(error as Error).message}`);
  }
}

export function createCostService(options: {
  store: CostStore;
  collector: CostCollector;
  currency: string;
  permissions: PermissionsService;
}): CostService {
  const { store, collector, currency } = options;

  const connection = (): CostConnection => {
    const clusters = collector.clusters();
    return clusters.length > 0
      ? { connected: true, clusters }
      : { connected: false, clusters, message: NO_CLUSTER_MESSAGE };
  };

  const coverage = (daysWithData: number, from: string, to: string) => ({
    daysWithData,
    daysInWindow: daysBetween(from, to),
  });

  return {
    async overview(query) {
      const days = window(query);
      const [scope, teams, namespaces] = await Promise.all([
        store.scopeCosts({ kind: 'organisation' }, days),
        store.costsByTeam(days),
        store.namespaceIdle(days),
      ]);
      return {
        connection: connection(),
        currency,
        ...days,
        coverage: coverage(scope.daysWithData, days.from, days.to),
        total: scope.total,
        daily: scope.daily,
        teams,
        namespaces,
      };
    },

    async team(teamRef, query) {
      const days = window(query);
      const ownerRef = normalisedRef(teamRef, 'group', 'teamRef');
      const [scope, services] = await Promise.all([
        store.scopeCosts({ kind: 'team', ownerRef }, days),
        store.costsByService(ownerRef, days),
      ]);
      return {
        connection: connection(),
        currency,
        teamRef: ownerRef,
        ...days,
        coverage: coverage(scope.daysWithData, days.from, days.to),
        total: scope.total,
        daily: scope.daily,
        services,
      };
    },

    async entity(entityRef, query) {
      const days = window(query);
      const ref = normalisedRef(entityRef, 'component', 'entityRef');
      const [scope, workloads] = await Promise.all([
        store.scopeCosts({ kind: 'entity', entityRef: ref }, days),
        store.costsByWorkload(ref, days),
      ]);
      return {
        connection: connection(),
        currency,
        entityRef: ref,
        ...days,
        coverage: coverage(scope.daysWithData, days.from, days.to),
        total: scope.total,
        daily: scope.daily,
        workloads,
      };
    },

    async period({ quarter, from, to, teamRef }) {
      let days: CostWindowQuery;
      if (quarter !== undefined) {
        if (from !== undefined || to !== undefined) {
          throw new InputError(
            'quarter: give either a quarter, or from and to, not both',
          );
        }
        const range = quarterDays(quarter);
        if (!range) {
          throw new InputError(
            'quarter: must be a quarter such as 2026-Q3, from 2000',
          );
        }
        days = { from: range.from, to: range.to };
      } else {
        if (from === undefined || to === undefined) {
          throw new InputError(
            `${
              from === undefined ? 'from' : 'to'
            }: give a quarter, or from and to`,
          );
        }
        days = window({ from, to });
      }
      const ownerRef =
        teamRef === undefined
          ? undefined
          : normalisedRef(teamRef, 'group', 'teamRef');
      const scope = await store.scopeCosts(
        ownerRef ? { kind: 'team', ownerRef } : { kind: 'organisation' },
        days,
      );
      return {
        connection: connection(),
        scope: ownerRef ? 'team' : 'organisation',
        ...(ownerRef ? { teamRef: ownerRef } : {}),
        ...(quarter !== undefined ? { quarter } : {}),
        ...days,
        currency,
        coverage: coverage(scope.daysWithData, days.from, days.to),
        total: scope.total?.total ?? null,
        sources: scope.sources,
      };
    },

    async collect(credentials: BackstageCredentials) {
      const [decision] = await options.permissions.authorize(
        [{ permission: costsCollectPermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          'Only platform admins may collect the costs now',
        );
      }
      return collector.collect();
    },
  };
}
