import { DEFAULT_DORA_THRESHOLDS } from '@internal/plugin-insights-common';
import {
  DoraMeasureWindow,
  DoraReading,
  DoraStore,
  DoraWindow,
} from '../../database/DoraStore';
import { DoraService } from './DoraService';

/** A store answering empty figures, recording the windows and readings it is asked for. */
function fakeStore(otherRepositories: number) {
  const readings: DoraReading[] = [];
  const windows: DoraWindow[] = [];
  const probes: string[][] = [];
  const measured: { windows: DoraMeasureWindow[]; countsPath: boolean }[] = [];
  const store: DoraStore = {
    otherRepositoriesWithDeployments: async repositories => {
      probes.push(repositories);
      return otherRepositories;
    },
    deliveries: async (window, reading) => {
      windows.push(window);
      readings.push(reading);
      return {
        deployments: 0,
        failedDeployments: 0,
        weekMedian: null,
        monthMedian: null,
        weekly: window.weeks.map(ws => ({
          ws: ws.toISOString(),
          deployments: 0,
          days: 0,
          failed: 0,
        })),
      };
    },
    leadTimes: async (_window, reading) => {
      readings.push(reading);
      return {
        window: { changes: 0, medianHours: null, p90Hours: null },
        weekly: [],
      };
    },
    restores: async () => ({
      window: { incidents: 0, medianHours: null },
      weekly: [],
    }),
    measures: async (_repositories, asked, countsPath) => {
      measured.push({ windows: asked, countsPath });
      return asked.map((w, i) => ({
        changes: w.leadTimes ? i : null,
        medianLeadTimeHours: null,
        incidentsRestored: i,
        medianTimeToRestoreHours: null,
      }));
    },
    foldCounts: async () => {},
  };
  return { store, readings, windows, probes, measured };
}

const repositories = (n: number) =>
  Array.from({ length: n }, (_, i) => `acme/r${i}`);

// Saturday 1 March 12:00 → Tuesday 1 April 06:00: whole weeks 3, 10, 17 and 24 March.
const from = new Date('2025-03-01T12:00:00Z');
const to = new Date('2025-04-01T06:00:00Z');

describe('DoraService', () => {
  it('reads every row of a small scope without probing', async () => {
    const fake = fakeStore(0);
    const service = new DoraService(fake.store, DEFAULT_DORA_THRESHOLDS);
    await service.summary({
      repositories: repositories(19),
      from,
      to,
      scope: { repositories: 19 },
    });
    expect(fake.probes).toEqual([]);
    expect(fake.readings).toEqual([
      { countsPath: false, dayFrom: to, dayTo: to, weekFrom: to, weekTo: to },
      { countsPath: false, dayFrom: to, dayTo: to, weekFrom: to, weekTo: to },
    ]);
  });

  it('reads the counts of the whole days and weeks when the scope leaves out fewer repositories than it names', async () => {
    const fake = fakeStore(19);
    const service = new DoraService(fake.store, DEFAULT_DORA_THRESHOLDS);
    const summary = await service.summary({
      repositories: repositories(20),
      from,
      to,
      scope: { repositories: 20 },
    });
    expect(fake.probes).toEqual([repositories(20)]);
    const counted = {
      countsPath: true,
      dayFrom: new Date('2025-03-02T00:00:00Z'),
      dayTo: new Date('2025-04-01T00:00:00Z'),
      weekFrom: new Date('2025-03-03T00:00:00Z'),
      weekTo: new Date('2025-03-31T00:00:00Z'),
    };
    expect(fake.readings).toEqual([counted, counted]);
    expect(fake.windows[0].weeks).toHaveLength(4);
    expect(fake.windows[0].monthEnds).toEqual([]);
    expect(summary.weekly.map(w => w.weekStart)).toEqual([
      '2025-03-03T00:00:00.000Z',
      '2025-03-10T00:00:00.000Z',
      '2025-03-17T00:00:00.000Z',
      '2025-03-24T00:00:00.000Z',
    ]);
  });

  it('reads the rows when the scope leaves out as many repositories as it names', async () => {
    const fake = fakeStore(20);
    const service = new DoraService(fake.store, DEFAULT_DORA_THRESHOLDS);
    await service.summary({
      repositories: repositories(20),
      from,
      to,
      scope: { repositories: 20 },
    });
    expect(fake.probes).toHaveLength(1);
    expect(fake.readings.every(r => !r.countsPath)).toBe(true);
  });

  it('reads no counted range of a window shorter than a whole day', async () => {
    const fake = fakeStore(0);
    const service = new DoraService(fake.store, DEFAULT_DORA_THRESHOLDS);
    const end = new Date('2025-03-01T20:00:00Z');
    await service.summary({
      repositories: repositories(20),
      from,
      to: end,
      scope: { repositories: 20 },
    });
    expect(fake.readings[0]).toEqual({
      countsPath: true,
      dayFrom: end,
      dayTo: end,
      weekFrom: end,
      weekTo: end,
    });
  });

  it('measures several windows in one read, each with its own whole days and weeks on the counts path', async () => {
    const fake = fakeStore(0);
    const service = new DoraService(fake.store, DEFAULT_DORA_THRESHOLDS);
    const aligned = {
      from: new Date('2025-10-01T00:00:00Z'),
      to: new Date('2026-01-01T00:00:00Z'),
    };
    const answer = await service.measures({
      repositories: repositories(20),
      windows: [
        { from, to },
        { ...aligned, leadTimes: false },
      ],
    });
    expect(fake.probes).toHaveLength(1);
    expect(fake.measured).toEqual([
      {
        countsPath: true,
        windows: [
          {
            from,
            to,
            leadTimes: true,
            // the partial first and last days around, the whole weeks of March inside
            dayFrom: new Date('2025-03-02T00:00:00Z'),
            dayTo: new Date('2025-04-01T00:00:00Z'),
            weekFrom: new Date('2025-03-03T00:00:00Z'),
            weekTo: new Date('2025-03-31T00:00:00Z'),
          },
          {
            ...aligned,
            leadTimes: false,
            // Wednesday 1 October to Wednesday 31 December: weeks 6 October – 29 December
            dayFrom: aligned.from,
            dayTo: aligned.to,
            weekFrom: new Date('2025-10-06T00:00:00Z'),
            weekTo: new Date('2025-12-29T00:00:00Z'),
          },
        ],
      },
    ]);
    expect(answer).toEqual([
      {
        from,
        to,
        changes: 0,
        medianLeadTimeHours: null,
        incidentsRestored: 0,
        medianTimeToRestoreHours: null,
      },
      {
        ...aligned,
        changes: null,
        medianLeadTimeHours: null,
        incidentsRestored: 1,
        medianTimeToRestoreHours: null,
      },
    ]);
  });

  it('measures a small scope from its own rows', async () => {
    const fake = fakeStore(0);
    const service = new DoraService(fake.store, DEFAULT_DORA_THRESHOLDS);
    await service.measures({
      repositories: repositories(3),
      windows: [{ from, to }],
    });
    expect(fake.probes).toEqual([]);
    expect(fake.measured).toEqual([
      {
        countsPath: false,
        windows: [
          {
            from,
            to,
            leadTimes: true,
            dayFrom: to,
            dayTo: to,
            weekFrom: to,
            weekTo: to,
          },
        ],
      },
    ]);
  });
});
