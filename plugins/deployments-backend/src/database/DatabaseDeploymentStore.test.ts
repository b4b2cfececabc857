import { DatabaseService } from '@backstage/backend-plugin-api';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { Knex } from 'knex';
import { DatabaseDeploymentStore } from './DatabaseDeploymentStore';
import { ActionRecord } from './DeploymentStore';

jest.setTimeout(60_000);

const databases = createPostgresTestDatabases();

function databaseService(knex: Knex): DatabaseService {
  return { getClient: async () => knex, migrations: { skip: false } };
}

const action = (id: string, requestedAt: string): ActionRecord => ({
  id,
  entityRef: 'component:default/checkout',
  repository: 'acme/checkout',
  action: 'deploy',
  environment: 'staging',
  ref: 'v1.2.0',
  actor: 'user:default/elena.rossi',
  requestedAt,
  result: 'pending',
});

describe('DatabaseDeploymentStore', () => {
  it.each(databases.eachSupportedId())(
    'audits a request, its outcome and its run, on %p',
    async databaseId => {
      const store = await DatabaseDeploymentStore.create({
        database: databaseService(await databases.init(databaseId)),
      });
      const first = action(
        '00000000-0000-4000-8000-000000000001',
        '2026-12-03T10:00:00.000Z',
      );
      const second = action(
        '00000000-0000-4000-8000-000000000002',
        '2026-12-03T11:00:00.000Z',
      );
      await store.addAction(first);
      await store.addAction({
        ...second,
        result: 'refused',
        reason: 'workflow: missing',
      });
      await store.updateAction(first.id, {
        result: 'dispatched',
        sha: 'a'.repeat(40),
        run: {
          id: 42,
          url: 'https://github.com/acme/checkout/actions/runs/42',
        },
      });
      await store.updateAction(first.id, {
        run: {
          id: 42,
          url: 'https://github.com/acme/checkout/actions/runs/42',
          status: 'completed',
          conclusion: 'success',
          startedAt: '2026-12-03T10:00:05.000Z',
          updatedAt: '2026-12-03T10:01:05.000Z',
        },
      });

      expect(await store.getAction(first.id)).toEqual({
        ...first,
        result: 'dispatched',
        sha: 'a'.repeat(40),
        run: {
          id: 42,
          url: 'https://github.com/acme/checkout/actions/runs/42',
          status: 'completed',
          conclusion: 'success',
          startedAt: '2026-12-03T10:00:05.000Z',
          updatedAt: '2026-12-03T10:01:05.000Z',
        },
      });
      // newest first; limit applies
      const listed = await store.listActions('component:default/checkout', 1);
      expect(listed).toEqual([
        { ...second, result: 'refused', reason: 'workflow: missing' },
      ]);
      expect(await store.listActions('component:default/other', 10)).toEqual(
        [],
      );
      expect(
        await store.getAction('00000000-0000-4000-8000-000000000009'),
      ).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'gives per environment the latest deployment of its two latest commits, on %p',
    async databaseId => {
      const store = await DatabaseDeploymentStore.create({
        database: databaseService(await databases.init(databaseId)),
      });
      const deploy = (
        deploymentId: number,
        environment: string,
        sha: string,
        day: number,
        repository = 'acme/checkout',
      ) =>
        store.recordDeployment(repository, {
          deploymentId,
          environment,
          sha,
          succeededAt: `2026-11-0${day}T10:00:00.000Z`,
        });
      await deploy(1, 'staging', 'aaa', 1);
      await deploy(2, 'staging', 'bbb', 2);
      await deploy(3, 'staging', 'ccc', 3);
      await deploy(4, 'staging', 'ccc', 4); // ccc again
      await deploy(5, 'production', 'aaa', 5);
      await deploy(6, 'staging', 'zzz', 9, 'acme/other');
      // a second success status of deployment 5 changes nothing
      await store.recordDeployment('acme/checkout', {
        deploymentId: 5,
        environment: 'production',
        sha: 'aaa',
        succeededAt: '2026-11-08T10:00:00.000Z',
      });

      const recent = await store.recentDeployments('acme/checkout');
      // staging: ccc's latest is #4, then bbb (#2); aaa (#1) is older than two commits back.
      // production: only #5, first success kept.
      expect(recent.map(d => [d.environment, d.deploymentId, d.sha])).toEqual([
        ['production', 5, 'aaa'],
        ['staging', 4, 'ccc'],
        ['staging', 2, 'bbb'],
      ]);
      expect(recent[0].succeededAt).toBe('2026-11-05T10:00:00.000Z');
    },
  );
});
