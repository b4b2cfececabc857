import {
  namespaceQuota,
  podRequests,
  priceDay,
  QuotaStatus,
  quotaIdle,
  UnitPrices,
} from './pricing';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** The prices of every case below: 0.04 per core-hour, 0.005 per GiB-hour, 0.10 per GiB-month. */
const prices: UnitPrices = {
  cpuCoreHour: 0.04,
  memoryGiBHour: 0.005,
  storageGiBMonth: 0.1,
  currency: 'EUR',
};

describe('priceDay', () => {
  it.each([
    {
      case: 'three replicas of 250m and 512Mi, a 20Gi volume',
      requests: {
        cpuCores: 0.75,
        memoryBytes: 1.5 * GiB,
        storageBytes: 20 * GiB,
      },
      // cpu: 0.75 cores × 24 h × 0.04 = 0.72
      // memory: 1.5 GiB × 24 h × 0.005 = 0.18
      // storage: 20 GiB × 0.10 × 24/730 = 48/730 = 0.065753424…
      expected: {
        cpu: 0.72,
        memory: 0.18,
        storage: 48 / 730,
        total: 0.72 + 0.18 + 48 / 730,
      },
    },
    {
      case: '2 cores and 4Gi, no storage',
      requests: { cpuCores: 2, memoryBytes: 4 * GiB, storageBytes: 0 },
      // cpu: 2 × 24 × 0.04 = 1.92; memory: 4 × 24 × 0.005 = 0.48; total 2.40
      expected: { cpu: 1.92, memory: 0.48, storage: 0, total: 2.4 },
    },
    {
      case: 'only storage, 730Gi',
      requests: { cpuCores: 0, memoryBytes: 0, storageBytes: 730 * GiB },
      // a month of it is 730 × 0.10 = 73; a day is 73 × 24 / 730 = 2.40
      expected: { cpu: 0, memory: 0, storage: 2.4, total: 2.4 },
    },
    {
      case: 'nothing requested',
      requests: { cpuCores: 0, memoryBytes: 0, storageBytes: 0 },
      expected: { cpu: 0, memory: 0, storage: 0, total: 0 },
    },
  ])('$case', ({ requests, expected }) => {
    const cost = priceDay(requests, prices);
    expect(cost.cpu).toBeCloseTo(expected.cpu, 10);
    expect(cost.memory).toBeCloseTo(expected.memory, 10);
    expect(cost.storage).toBeCloseTo(expected.storage, 10);
    expect(cost.total).toBeCloseTo(expected.total, 10);
  });
});

describe('podRequests', () => {
  const c = (cpu?: string, memory?: string) => ({
    resources: {
      requests: {
        ...(cpu ? { cpu } : {}),
        ...(memory ? { memory } : {}),
      },
    },
  });

  it.each([
    {
      case: 'app containers add up',
      spec: { containers: [c('250m', '256Mi'), c('100m', '64Mi')] },
      // cpu 0.25 + 0.10 = 0.35; memory 256 + 64 = 320 MiB
      expected: { cpuCores: 0.35, memoryBytes: 320 * MiB },
    },
    {
      case: 'a larger init container sets the reservation of its resource only',
      spec: {
        containers: [c('250m', '256Mi'), c('100m', '64Mi')],
        initContainers: [c('500m', '128Mi')],
      },
      // cpu max(0.35, 0.5) = 0.5; memory max(320, 128) = 320 MiB
      expected: { cpuCores: 0.5, memoryBytes: 320 * MiB },
    },
    {
      case: 'the pod overhead comes on top',
      spec: {
        containers: [c('250m', '256Mi'), c('100m', '64Mi')],
        initContainers: [c('500m', '128Mi')],
        overhead: { cpu: '50m', memory: '32Mi' },
      },
      // cpu 0.5 + 0.05 = 0.55; memory 320 + 32 = 352 MiB
      expected: { cpuCores: 0.55, memoryBytes: 352 * MiB },
    },
    {
      case: 'containers without requests, or with one that is not a quantity, request nothing',
      spec: { containers: [{}, c('lots', '1Gi')] },
      expected: { cpuCores: 0, memoryBytes: GiB },
    },
    {
      case: 'no containers',
      spec: {},
      expected: { cpuCores: 0, memoryBytes: 0 },
    },
  ])('$case', ({ spec, expected }) => {
    const requests = podRequests(spec);
    expect(requests.cpuCores).toBeCloseTo(expected.cpuCores, 10);
    expect(requests.memoryBytes).toBe(expected.memoryBytes);
  });
});

describe('namespaceQuota and quotaIdle', () => {
  const quotas: QuotaStatus[] = [
    {
      hard: { 'requests.cpu': '4', 'requests.memory': '8Gi' },
      used: { 'requests.cpu': '1500m', 'requests.memory': '3Gi' },
    },
    {
      // the smaller cpu limit binds; this quota also limits storage
      hard: { cpu: '2', 'requests.storage': '100Gi' },
      used: { cpu: '1500m', 'requests.storage': '20Gi' },
    },
  ];

  it('takes the smallest hard of each resource, with its used', () => {
    expect(namespaceQuota(quotas)).toEqual({
      hard: { cpuCores: 2, memoryBytes: 8 * GiB, storageBytes: 100 * GiB },
      used: { cpuCores: 1.5, memoryBytes: 3 * GiB, storageBytes: 20 * GiB },
    });
  });

  it.each([
    {
      case: 'cpu, memory and storage limited',
      quota: namespaceQuota(quotas),
      // priced hard: cpu 2 × 24 × 0.04 = 1.92; memory 8 × 24 × 0.005 = 0.96;
      //   storage 100 × 0.10 × 24/730 = 240/730; total 2.88 + 240/730 = 3.208767…
      // priced idle: cpu (2 − 1.5) × 24 × 0.04 = 0.48; memory (8 − 3) × 24 × 0.005 = 0.60;
      //   storage (100 − 20) × 0.10 × 24/730 = 192/730; total 1.08 + 192/730 = 1.343013…
      // share: × 730 above and below: (788.4 + 192) / (2102.4 + 240) = 980.4 / 2342.4 = 0.418545…
      expected: {
        quotaCost: 2.88 + 240 / 730,
        idleCost: 1.08 + 192 / 730,
        idleShare: 980.4 / 2342.4,
      },
    },
    {
      case: 'a quota lowered under its usage has nothing idle',
      quota: namespaceQuota([
        { hard: { 'requests.cpu': '2' }, used: { 'requests.cpu': '3' } },
      ]),
      // hard 2 × 24 × 0.04 = 1.92; idle max(0, 2 − 3) = 0
      expected: { quotaCost: 1.92, idleCost: 0, idleShare: 0 },
    },
    {
      case: 'only memory limited, a quarter used',
      quota: namespaceQuota([
        { hard: { memory: '4Gi' }, used: { memory: '1Gi' } },
      ]),
      // hard 4 × 24 × 0.005 = 0.48; idle 3 × 24 × 0.005 = 0.36; share 0.36 / 0.48 = 0.75
      expected: { quotaCost: 0.48, idleCost: 0.36, idleShare: 0.75 },
    },
    {
      case: 'a quota of objects only (pods, services) has no idle share',
      quota: namespaceQuota([{ hard: { pods: '10' }, used: { pods: '3' } }]),
      expected: { quotaCost: 0, idleCost: 0, idleShare: undefined },
    },
  ])('$case', ({ quota, expected }) => {
    const idle = quotaIdle(quota, prices);
    expect(idle.quotaCost).toBeCloseTo(expected.quotaCost, 10);
    expect(idle.idleCost).toBeCloseTo(expected.idleCost, 10);
    const rounded = (x: number | undefined) =>
      x === undefined ? undefined : Math.round(x * 1e10) / 1e10;
    expect(rounded(idle.idleShare)).toBe(rounded(expected.idleShare));
  });
});
