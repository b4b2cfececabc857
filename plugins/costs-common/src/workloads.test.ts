import { priceDay, UnitPrices } from './pricing';
import {
  addRequests,
  daemonSetPods,
  podHoursInDay,
  podPricing,
  requestsOverDay,
} from './workloads';

const GiB = 1024 ** 3;

/** 0.04 per core-hour, 0.005 per GiB-hour, 0.10 per GiB-month. */
const prices: UnitPrices = {
  cpuCoreHour: 0.04,
  memoryGiBHour: 0.005,
  storageGiBMonth: 0.1,
  currency: 'EUR',
};

describe('podPricing', () => {
  it.each([
    { case: 'no owner references: bare', refs: undefined, expected: 'bare' },
    { case: 'an empty list: bare', refs: [], expected: 'bare' },
    {
      case: 'an owner that is not its controller: bare',
      refs: [{ kind: 'ConfigMap', name: 'x' }],
      expected: 'bare',
    },
    {
      case: 'a ReplicaSet controls it: priced through its Deployment',
      refs: [{ kind: 'ReplicaSet', name: 'web-5d9f', controller: true }],
      expected: 'controller',
    },
    {
      case: 'a StatefulSet controls it',
      refs: [{ kind: 'StatefulSet', name: 'db', controller: true }],
      expected: 'controller',
    },
    {
      case: 'a DaemonSet controls it',
      refs: [{ kind: 'DaemonSet', name: 'agent', controller: true }],
      expected: 'controller',
    },
    {
      case: "an operator's resource controls it: not priced as a bare pod",
      refs: [{ kind: 'Cluster', name: 'pg', controller: true }],
      expected: 'controller',
    },
  ])('$case', ({ refs, expected }) => {
    expect(podPricing(refs).by).toBe(expected);
  });

  it('names the Job that controls it', () => {
    expect(
      podPricing([
        { kind: 'Node', name: 'n1' },
        { kind: 'Job', name: 'report-29112840', controller: true },
      ]),
    ).toEqual({ by: 'job', job: 'report-29112840' });
  });
});

describe('daemonSetPods', () => {
  it.each([
    {
      case: 'placed on every node it should run on',
      status: { desiredNumberScheduled: 5, currentNumberScheduled: 5 },
      // 5 + 0 misscheduled
      expected: 5,
    },
    {
      case: 'one node without room: its pod is not placed and reserves nothing',
      status: { desiredNumberScheduled: 5, currentNumberScheduled: 4 },
      // 4, not the 5 desired
      expected: 4,
    },
    {
      case: 'a pod left on a node it should no longer run on still reserves there',
      status: {
        desiredNumberScheduled: 3,
        currentNumberScheduled: 3,
        numberMisscheduled: 1,
      },
      // 3 + 1
      expected: 4,
    },
    { case: 'no status yet', status: undefined, expected: 0 },
  ])('$case', ({ status, expected }) => {
    expect(daemonSetPods(status)).toBe(expected);
  });
});

describe('podHoursInDay', () => {
  const day = '2026-06-15';
  it.each([
    {
      case: 'a run from 02:00 to 02:30',
      pod: {
        phase: 'Succeeded',
        startTime: '2026-06-15T02:00:00Z',
        finishedAt: ['2026-06-15T02:30:00Z'],
      },
      // 30 minutes = 0.5 h
      expected: 0.5,
    },
    {
      case: 'failed: until its last container ended',
      pod: {
        phase: 'Failed',
        startTime: '2026-06-15T10:00:00Z',
        finishedAt: ['2026-06-15T10:45:00Z', '2026-06-15T11:30:00Z'],
      },
      // 10:00 to 11:30 = 1.5 h
      expected: 1.5,
    },
    {
      case: 'still running: counted to the end of the day',
      pod: { phase: 'Running', startTime: '2026-06-15T18:00:00Z' },
      // 18:00 to 24:00 = 6 h
      expected: 6,
    },
    {
      case: 'started the day before and still running: the whole day',
      pod: { phase: 'Running', startTime: '2026-06-10T08:00:00Z' },
      expected: 24,
    },
    {
      case: 'started the day before, finished at 03:00: the day from midnight',
      pod: {
        phase: 'Succeeded',
        startTime: '2026-06-14T23:00:00Z',
        finishedAt: ['2026-06-15T03:00:00Z'],
      },
      // 00:00 to 03:00 = 3 h (the hour of the 14th is not this day's)
      expected: 3,
    },
    {
      case: 'finished the day before: nothing today',
      pod: {
        phase: 'Succeeded',
        startTime: '2026-06-14T20:00:00Z',
        finishedAt: ['2026-06-14T21:00:00Z'],
      },
      expected: 0,
    },
    {
      case: 'pending, not on a node: nothing',
      pod: { phase: 'Pending' },
      expected: 0,
    },
    {
      case: 'finished without a finishing time: nothing',
      pod: { phase: 'Succeeded', startTime: '2026-06-15T02:00:00Z' },
      expected: 0,
    },
  ])('$case', ({ pod, expected }) => {
    expect(podHoursInDay(pod, day)).toBeCloseTo(expected, 10);
  });
});

describe('requestsOverDay, priced', () => {
  it.each([
    {
      case: 'a job pod of 2 cores and 4Gi for 6 hours',
      requests: { cpuCores: 2, memoryBytes: 4 * GiB, storageBytes: 0 },
      hours: 6,
      // a quarter of the day: 0.5 cores and 1 GiB over the day
      // cpu 0.5 × 24 × 0.04 = 0.48 (= 2 × 6 × 0.04); memory 1 × 24 × 0.005 = 0.12 (= 4 × 6 × 0.005)
      expected: { cpuCores: 0.5, memoryBytes: GiB, total: 0.6 },
    },
    {
      case: 'a bare pod of 250m and 512Mi all day',
      requests: { cpuCores: 0.25, memoryBytes: GiB / 2, storageBytes: 0 },
      hours: 24,
      // cpu 0.25 × 24 × 0.04 = 0.24; memory 0.5 × 24 × 0.005 = 0.06; 0.30
      expected: { cpuCores: 0.25, memoryBytes: GiB / 2, total: 0.3 },
    },
    {
      case: 'no hours: nothing',
      requests: { cpuCores: 1, memoryBytes: GiB, storageBytes: 0 },
      hours: 0,
      expected: { cpuCores: 0, memoryBytes: 0, total: 0 },
    },
  ])('$case', ({ requests, hours, expected }) => {
    const spread = requestsOverDay(requests, hours);
    expect(spread.cpuCores).toBeCloseTo(expected.cpuCores, 10);
    expect(spread.memoryBytes).toBeCloseTo(expected.memoryBytes, 0);
    expect(priceDay(spread, prices).total).toBeCloseTo(expected.total, 10);
  });

  it('adds the pods of a Job', () => {
    // two pods of 1 core and 1Gi, 12 h and 6 h: 0.5 + 0.25 = 0.75 cores, 0.75 GiB over the day
    const pod = { cpuCores: 1, memoryBytes: GiB, storageBytes: 0 };
    const job = addRequests(requestsOverDay(pod, 12), requestsOverDay(pod, 6));
    expect(job).toEqual({
      cpuCores: 0.75,
      memoryBytes: 0.75 * GiB,
      storageBytes: 0,
    });
    // cpu 0.75 × 24 × 0.04 = 0.72; memory 0.75 × 24 × 0.005 = 0.09
    expect(priceDay(job, prices).total).toBeCloseTo(0.81, 10);
  });
});
