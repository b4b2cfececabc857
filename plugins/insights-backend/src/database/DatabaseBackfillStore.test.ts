import { createPostgresTestDatabases } from '@internal/test-databases';
import { DatabaseBackfillStore } from './DatabaseBackfillStore';
import { DatabaseGithubStore } from './DatabaseGithubStore';
import { insightsMigrations } from './migrations';

jest.setTimeout(120_000);

const databases = createPostgresTestDatabases();

const R = 'acme/payments';

describe.each(databases.eachSupportedId())(
  'DatabaseBackfillStore on %p',
  databaseId => {
    it('records runs, closing one a stopped process left unfinished', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest(insightsMigrations);
      const store = new DatabaseBackfillStore(knex);
      expect(await store.latestRun()).toBeUndefined();

      const first = await store.startRun({
        startedAt: '2025-03-01T00:00:00.000Z',
        repositoriesTotal: 2,
        errors: [],
      });
      await store.countRepositoryDone(first);
      // A second run while the first never finished: the first is closed.
      const second = await store.startRun({
        startedAt: '2025-03-02T00:00:00.000Z',
        repositoriesTotal: 3,
        errors: [{ repository: '*', message: 'one not read' }],
      });
      expect(second).toBeGreaterThan(first);
      const closed = await knex('insights_backfill_runs')
        .where({ id: first })
        .first();
      expect(closed.finished_at).not.toBeNull();
      expect(closed.repositories_done).toBe(1);

      await store.saveRunErrors(second, [
        { repository: R, message: 'HTTP 403: refused' },
      ]);
      expect(await store.latestRun()).toEqual({
        id: second,
        startedAt: '2025-03-02T00:00:00.000Z',
        finishedAt: null,
        repositoriesTotal: 3,
        repositoriesDone: 0,
        errors: [{ repository: R, message: 'HTTP 403: refused' }],
      });
      await store.finishRun(second);
      expect((await store.latestRun())?.finishedAt).toEqual(expect.any(String));
      await knex.destroy();
    });

    it('keeps a repository’s failures until a sync clears them', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest(insightsMigrations);
      const store = new DatabaseBackfillStore(knex);
      const run = await store.startRun({
        startedAt: '2025-03-01T00:00:00.000Z',
        repositoriesTotal: 1,
        errors: [],
      });
      await store.recordFailure(R, {
        lastError: 'HTTP 403: refused',
        failedAttempts: 2,
        nextAttemptAt: '2025-03-01T02:00:00.000Z',
      });
      expect(await store.repositoryStates([R, 'acme/other'])).toEqual(
        new Map([
          [
            R,
            {
              repository: R,
              etags: {},
              issuesSince: null,
              syncedAt: null,
              lastError: 'HTTP 403: refused',
              failedAttempts: 2,
              nextAttemptAt: '2025-03-01T02:00:00.000Z',
            },
          ],
        ]),
      );
      await store.recordSync(R, {
        etags: { 'pulls:1': 'W/"abc"' },
        issuesSince: '2025-02-28T10:00:00.000Z',
        syncedAt: '2025-03-01T03:00:00.000Z',
        runId: run,
      });
      expect(await store.repositoryState(R)).toEqual({
        repository: R,
        etags: { 'pulls:1': 'W/"abc"' },
        issuesSince: '2025-02-28T10:00:00.000Z',
        syncedAt: '2025-03-01T03:00:00.000Z',
        lastError: null,
        failedAttempts: 0,
        nextAttemptAt: null,
      });
      expect(await store.repositoryState('acme/other')).toBeUndefined();
      await knex.destroy();
    });

    it('reads the deployments the backfill still has to complete', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest(insightsMigrations);
      const store = new DatabaseBackfillStore(knex);
      const github = new DatabaseGithubStore(knex, {
        productionPattern: '^production$',
        incidentPattern: 'incident',
      });
      const deployment = (id: number, environment: string, at: string) => ({
        kind: 'deployment' as const,
        deploymentId: id,
        repository: R,
        environment,
        sha: `sha-${id}`,
        createdAt: at,
      });
      await github.apply([
        deployment(1, 'production', '2025-03-01T00:00:00.000Z'),
        deployment(2, 'production', '2025-03-02T00:00:00.000Z'),
        deployment(3, 'production', '2025-03-03T00:00:00.000Z'),
        deployment(4, 'staging', '2025-03-03T00:00:00.000Z'),
        {
          kind: 'deploymentStatus',
          deploymentId: 1,
          state: 'success',
          at: '2025-03-01T01:00:00.000Z',
        },
        {
          kind: 'deploymentStatus',
          deploymentId: 2,
          state: 'success',
          at: '2025-03-02T01:00:00.000Z',
        },
      ]);

      expect(await store.succeededDeployments([1, 2, 3, 4, 5])).toEqual(
        new Set([1, 2]),
      );
      expect(await store.pendingProductionDeployments(R)).toEqual([3]);
      expect(
        await store.pendingProductionDeployments(R, '2025-03-03T00:00:00.000Z'),
      ).toEqual([]);
      const unresolved = await store.unresolvedProductionDeployments(R);
      expect(unresolved.map(d => [d.deploymentId, d.sha])).toEqual([
        [1, 'sha-1'],
        [2, 'sha-2'],
      ]);
      expect(await store.previousProductionSha(R, unresolved[0])).toBe(
        undefined,
      );
      expect(await store.previousProductionSha(R, unresolved[1])).toBe('sha-1');
      await knex.destroy();
    });
  },
);
