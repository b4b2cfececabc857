import type {
  CostConnection,
  CostOverview,
  EntityCosts,
  TeamCosts,
} from '@internal/plugin-costs-common';
import { CostsApi } from '../../api';

export const connected: CostConnection = {
  connected: true,
  clusters: ['eu-1'],
};

export const notConnected: CostConnection = {
  connected: false,
  clusters: [],
  message:
    'No Kubernetes cluster is connected: the portal reads none with its own service account (kubernetes.clusterLocatorMethods), so it has no costs to show.',
};

const window = { from: '2026-05-17', to: '2026-06-16' };

export const overview: CostOverview = {
  connection: connected,
  currency: 'EUR',
  ...window,
  coverage: { daysWithData: 2, daysInWindow: 30 },
  total: { cpu: 2.4, memory: 0.6, storage: 0.13, total: 3.13 },
  daily: [
    { day: '2026-06-14', total: 1.5 },
    { day: '2026-06-15', total: 1.63 },
  ],
  teams: [
    {
      ownerRef: 'group:default/payments-team',
      services: 2,
      cost: { cpu: 2.2, memory: 0.5, storage: 0.13, total: 2.83 },
    },
    {
      ownerRef: null,
      services: 0,
      cost: { cpu: 0.2, memory: 0.1, storage: 0, total: 0.3 },
    },
  ],
  namespaces: [
    {
      cluster: 'eu-1',
      namespace: 'payments',
      days: 2,
      quotaCost: 9.6,
      idleCost: 6.378,
      idleShare: 0.664375,
    },
  ],
};

export const entityCosts: EntityCosts = {
  connection: connected,
  currency: 'EUR',
  entityRef: 'component:default/checkout',
  ...window,
  coverage: { daysWithData: 2, daysInWindow: 30 },
  total: { cpu: 1.44, memory: 0.36, storage: 0, total: 1.8 },
  daily: [
    { day: '2026-06-14', total: 0.9 },
    { day: '2026-06-15', total: 0.9 },
  ],
  workloads: [
    {
      cluster: 'eu-1',
      namespace: 'payments',
      kind: 'Deployment',
      name: 'checkout',
      source: 'requests',
      days: 2,
      cost: { cpu: 1.44, memory: 0.36, storage: 0, total: 1.8 },
    },
  ],
};

export const teamCosts: TeamCosts = {
  connection: connected,
  currency: 'EUR',
  teamRef: 'group:default/payments-team',
  ...window,
  coverage: { daysWithData: 2, daysInWindow: 30 },
  total: { cpu: 2.2, memory: 0.5, storage: 0.13, total: 2.83 },
  daily: overview.daily,
  services: [
    {
      entityRef: 'component:default/checkout',
      cost: { cpu: 1.44, memory: 0.36, storage: 0, total: 1.8 },
    },
    {
      entityRef: 'component:default/payments-ledger',
      cost: { cpu: 0.76, memory: 0.14, storage: 0.13, total: 1.03 },
    },
  ],
};

/** A fake of the costs client; each test overrides what it needs. */
export function fakeCostsApi(overrides: Partial<CostsApi> = {}): CostsApi {
  return {
    getOverview: jest.fn(async () => overview),
    getTeamCosts: jest.fn(async () => teamCosts),
    getEntityCosts: jest.fn(async () => entityCosts),
    getPeriodCost: jest.fn(),
    collect: jest.fn(),
    ...overrides,
  } as CostsApi;
}
