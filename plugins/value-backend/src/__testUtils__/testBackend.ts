import {
  BackstageCredentials,
  BackstageUserPrincipal,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { costsServiceRef, PeriodQuery } from '@internal/plugin-costs-node';
import {
  DoraSummary,
  DoraWindowsQuery,
} from '@internal/plugin-insights-common';
import {
  InsightsQuery,
  InsightsService,
  insightsServiceRef,
} from '@internal/plugin-insights-node';
// the ROI backend itself, so that adopting reads a scenario through its real routes
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import roiPlugin, {
  decideRoiScenarioForMember,
} from '@internal/plugin-roi-backend';
import { RESOURCE_TYPE_ROI_SCENARIO } from '@internal/plugin-roi-common';
import { RESOURCE_TYPE_VALUE_SCOPE } from '@internal/plugin-value-common';
import { Knex } from 'knex';
import { decideValueScopeForMember } from '../permissions/decision';
import { valuePlugin } from '../plugin';

export const ADA = 'user:default/ada';
export const BOB = 'user:default/bob';
export const EVE = 'user:default/eve';
export const ADMIN = 'user:default/root';

/** Group memberships of the test users (their ownership claims). */
const groups: Record<string, string[]> = {
  [ADA]: ['group:default/finance'],
  [BOB]: ['group:default/Finance'],
  [EVE]: ['group:default/sales'],
  [ADMIN]: ['group:default/platform-team'],
};

/** The portal's policy for the two plugins: admins may do all; members by their groups. */
function decide(
  permission: Parameters<typeof isResourcePermission>[0],
  credentials: BackstageCredentials,
): PolicyDecision {
  const ref = (credentials as BackstageCredentials<BackstageUserPrincipal>)
    .principal.userEntityRef;
  if (ref === ADMIN) return { result: AuthorizeResult.ALLOW };
  const claims = [ref, ...(groups[ref] ?? [])];
  if (isResourcePermission(permission, RESOURCE_TYPE_VALUE_SCOPE)) {
    return decideValueScopeForMember(permission, { claims });
  }
  if (isResourcePermission(permission, RESOURCE_TYPE_ROI_SCENARIO)) {
    return decideRoiScenarioForMember(permission, {
      userEntityRef: ref,
      claims,
    });
  }
  return { result: AuthorizeResult.ALLOW };
}

const permissionsMock = mockServices.permissions.mock({
  authorize: async (requests, { credentials }) =>
    requests.map(r => ({
      result:
        decide(r.permission, credentials).result === AuthorizeResult.ALLOW
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
    })),
  authorizeConditional: async (requests, { credentials }) =>
    requests.map(r => decide(r.permission, credentials)) as any,
});

export const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});

/**
 * Delivery as insights would count it: before `startDate` 20 incidents closed in the window
 * (median lead time 48 h, time to restore 10 h); after it, 8 incidents in any window
 * (30 h, 6 h), 12 repositories in the scope. Every query is kept, to check what was asked.
 */
export function fakeInsights(startDate: string) {
  const queries: InsightsQuery[] = [];
  const summary = (query: InsightsQuery): DoraSummary => {
    queries.push(query);
    const before = Date.parse(query.to) <= Date.parse(startDate);
    return {
      scope: { group: query.group, repositories: 12 },
      window: { from: query.from, to: query.to, days: 0, weeks: 0, months: 0 },
      deploymentFrequency: {
        deployments: 0,
        deploymentsPerWeek: 0,
        medianDeployDaysPerWeek: null,
        medianDeployDaysPerMonth: null,
        category: null,
      },
      leadTimeForChanges: {
        changes: before ? 300 : 320,
        medianHours: before ? 48 : 30,
        p90Hours: null,
        category: null,
      },
      changeFailureRate: {
        deployments: 0,
        failedDeployments: 0,
        rate: null,
        category: null,
      },
      timeToRestore: {
        incidents: before ? 20 : 8,
        medianHours: before ? 10 : 6,
        category: null,
      },
      weekly: [],
    };
  };
  return {
    queries,
    factory: createServiceFactory({
      service: insightsServiceRef,
      deps: {},
      // only DORA is read in these tests; the survey's share is tested on its own
      factory: () =>
        ({
          getDora: async (query: InsightsQuery) => summary(query),
          // each window as its summary gives it, as insights answers
          getDoraWindows: async (query: DoraWindowsQuery) => {
            const of = (
              w: { from: string; to: string },
              leadTimes: boolean,
            ) => {
              const s = summary({ group: query.group, ...w });
              return {
                ...w,
                changes: leadTimes ? s.leadTimeForChanges.changes : null,
                medianLeadTimeHours: leadTimes
                  ? s.leadTimeForChanges.medianHours
                  : null,
                incidentsRestored: s.timeToRestore.incidents,
                medianTimeToRestoreHours: s.timeToRestore.medianHours,
              };
            };
            return {
              scope: { group: query.group, repositories: 12 },
              windows: [
                ...(query.windows ?? []).map(w => of(w, true)),
                ...(query.incidentWindows ?? []).map(w => of(w, false)),
              ],
            };
          },
        } as Partial<InsightsService> as InsightsService),
    }),
  };
}

/** The costs plugin of a portal without a connected cluster. */
const noClusterConnected = createServiceFactory({
  service: costsServiceRef,
  deps: {},
  factory: () => ({
    getPeriodCost: async (query: PeriodQuery) => ({
      connection: {
        connected: false,
        clusters: [],
        message: 'No cluster connected',
      },
      scope: 'organisation' as const,
      from: 'from' in query ? query.from : '',
      to: 'to' in query ? query.to : '',
      currency: 'EUR',
      coverage: { daysWithData: 0, daysInWindow: 0 },
      total: null,
      sources: [],
    }),
  }),
});

/** The value and ROI backends on one test server, each plugin on its own database. */
export async function startValueBackend(
  databases: { value: Knex; roi: Knex },
  startDate: string,
) {
  const insights = fakeInsights(startDate);
  const { server } = await startTestBackend({
    features: [
      valuePlugin,
      roiPlugin,
      createServiceFactory({
        service: coreServices.database,
        deps: { plugin: coreServices.pluginMetadata },
        factory: ({ plugin }) =>
          mockServices.database({
            knex: plugin.getId() === 'roi' ? databases.roi : databases.value,
          }),
      }),
      permissionsMock.factory,
      insights.factory,
      noClusterConnected,
    ],
  });
  return { server, insights };
}
