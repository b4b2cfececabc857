import { mockServices } from '@backstage/backend-test-utils';
import { RootLifecycleService } from '@backstage/backend-plugin-api';
import { DatabaseAwareRootHealthService } from './DatabaseAwareRootHealthService';
import { DatabaseProbe, ProbeResult } from './postgresProbe';

/** A lifecycle whose hooks the test runs by hand. */
function fakeLifecycle() {
  const hooks = { startup: [] as Function[], beforeShutdown: [] as Function[] };
  const lifecycle = {
    addStartupHook: (hook: Function) => hooks.startup.push(hook),
    addBeforeShutdownHook: (hook: Function) => hooks.beforeShutdown.push(hook),
    addShutdownHook: () => {},
  } as unknown as RootLifecycleService;
  return {
    lifecycle,
    start: () => hooks.startup.forEach(hook => hook()),
    beginShutdown: () => hooks.beforeShutdown.forEach(hook => hook()),
  };
}

/** A database that answers as `state.reachable` says, counting the probes it gets. */
function fakeProbe(state: { reachable: boolean }) {
  const probe = {
    checks: 0,
    async check(): Promise<ProbeResult> {
      probe.checks += 1;
      return state.reachable
        ? { reachable: true }
        : { reachable: false, reason: 'connect ECONNREFUSED 10.0.0.5:5432' };
    },
    async close() {},
  };
  return probe satisfies DatabaseProbe;
}

function setup(options: { reachable?: boolean; cacheMs?: number } = {}) {
  const database = { reachable: options.reachable ?? true };
  const probe = fakeProbe(database);
  const clock = { now: 1_000_000 };
  const logger = mockServices.logger.mock();
  const lifecycle = fakeLifecycle();
  const health = new DatabaseAwareRootHealthService({
    lifecycle: lifecycle.lifecycle,
    logger,
    probe,
    cacheMs: options.cacheMs ?? 1_500,
    now: () => clock.now,
  });
  return { health, database, probe, clock, logger, ...lifecycle };
}

describe('DatabaseAwareRootHealthService', () => {
  it('is not ready before the backend has started, whatever the database says', async () => {
    const { health, probe } = setup();
    await expect(health.getReadiness()).resolves.toEqual({
      status: 503,
      payload: { status: 'error', message: 'Backend has not started yet' },
    });
    expect(probe.checks).toBe(0);
  });

  it('is ready once started while the database answers', async () => {
    const { health, start } = setup();
    start();
    await expect(health.getReadiness()).resolves.toEqual({
      status: 200,
      payload: { status: 'ok' },
    });
  });

  it('is not ready while the database is away, and ready again when it is back', async () => {
    const { health, start, database, clock, logger } = setup();
    start();
    expect((await health.getReadiness()).status).toBe(200);

    database.reachable = false;
    clock.now += 1_500;
    const away = await health.getReadiness();
    expect(away).toEqual({
      status: 503,
      payload: { status: 'error', message: 'Database is unreachable' },
    });
    // Host and driver message stay in the log: the endpoint is unauthenticated.
    expect(JSON.stringify(away)).not.toContain('10.0.0.5');
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('ECONNREFUSED 10.0.0.5:5432'),
    );

    database.reachable = true;
    clock.now += 1_500;
    expect((await health.getReadiness()).status).toBe(200);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('reachable again'),
    );
  });

  it('logs an outage once, not at every probe', async () => {
    const { health, start, clock, logger } = setup({ reachable: false });
    start();
    for (let i = 0; i < 5; i++) {
      expect((await health.getReadiness()).status).toBe(503);
      clock.now += 2_000;
    }
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('keeps liveness at 200 while the database is away', async () => {
    const { health, start } = setup({ reachable: false });
    start();
    expect((await health.getReadiness()).status).toBe(503);
    await expect(health.getLiveness()).resolves.toEqual({
      status: 200,
      payload: { status: 'ok' },
    });
  });

  it('asks the database at most once per cache period', async () => {
    const { health, start, probe, clock } = setup({ cacheMs: 1_500 });
    start();
    for (let i = 0; i < 10; i++) await health.getReadiness();
    expect(probe.checks).toBe(1);

    clock.now += 1_499;
    await health.getReadiness();
    expect(probe.checks).toBe(1);

    clock.now += 1;
    await health.getReadiness();
    expect(probe.checks).toBe(2);
  });

  it('shares one probe between concurrent readiness requests', async () => {
    const { health, start, probe } = setup();
    start();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => health.getReadiness()),
    );
    expect(answers.every(a => a.status === 200)).toBe(true);
    expect(probe.checks).toBe(1);
  });

  it('is not ready once shutdown has begun', async () => {
    const { health, start, beginShutdown } = setup();
    start();
    beginShutdown();
    await expect(health.getReadiness()).resolves.toEqual({
      status: 503,
      payload: { status: 'error', message: 'Backend is shutting down' },
    });
  });

  it('is ready without a probe (a database it cannot check)', async () => {
    const lifecycle = fakeLifecycle();
    const health = new DatabaseAwareRootHealthService({
      lifecycle: lifecycle.lifecycle,
      logger: mockServices.logger.mock(),
    });
    lifecycle.start();
    expect((await health.getReadiness()).status).toBe(200);
  });
});
