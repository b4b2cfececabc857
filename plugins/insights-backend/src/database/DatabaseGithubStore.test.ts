import { Knex } from 'knex';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { insightsMigrations } from './migrations';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import knexFactory from 'knex';
import { DatabaseGithubStore } from './DatabaseGithubStore';
import { GithubRecord, WebhookDelivery } from './GithubStore';

jest.setTimeout(120_000);

const databases = createPostgresTestDatabases();

const R = 'acme/payments';
const H = 3_600_000;
const T0 = Date.parse('2025-03-03T12:00:00Z');
const at = (hours: number) => new Date(T0 + hours * H).toISOString();

/** What the lead-time queries read for a deployment's changes. */
async function changesOf(knex: Knex, deploymentId: number) {
  const rows = await knex('insights_deployment_changes')
    .where({ deployment_id: deploymentId })
    .orderBy('sha')
    .select('sha', 'repository', 'deployed_at', 'lead_hours', 'deployed_week');
  return rows.map(r => ({
    sha: r.sha,
    repository: r.repository,
    deployedAt: r.deployed_at && new Date(r.deployed_at).toISOString(),
    leadHours: r.lead_hours === null ? null : Number(r.lead_hours),
    week: r.deployed_week && new Date(r.deployed_week).toISOString(),
  }));
}

describe.each(databases.eachSupportedId())(
  'Deployment changes on %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseGithubStore;
    let nextId = 1;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await knex.migrate.latest(insightsMigrations);
      store = new DatabaseGithubStore(knex, {
        productionPattern: '^prod(uction)?$',
        incidentPattern: 'incident',
      });
    });

    afterAll(async () => {
      await knex.destroy();
    });

    const deploy = async (environment: string, sha: string) => {
      const deploymentId = nextId++;
      await store.apply([
        {
          kind: 'deployment',
          deploymentId,
          repository: R,
          environment,
          sha,
          createdAt: at(-1),
        },
      ]);
      return deploymentId;
    };
    const succeed = (deploymentId: number, hours: number) =>
      store.apply([
        {
          kind: 'deploymentStatus',
          deploymentId,
          state: 'success',
          at: at(hours),
        },
      ]);

    /** Changes as the backfill's compare reports them, commits authored at T0 + hours. */
    const compared = (deploymentId: number, commits: Record<string, number>) =>
      store.apply([
        {
          kind: 'deploymentChanges',
          deploymentId,
          repository: R,
          commits: Object.entries(commits).map(([sha, hours]) => ({
            sha,
            authoredAt: at(hours),
          })),
        },
      ]);

    it('carries the deployment time once the deployment succeeds, and the earliest success', async () => {
      const id = await deploy('production', 'a2');
      // Changes known from compare before any status: counted nowhere yet.
      await compared(id, { a1: -16, a2: -4 });
      expect(await changesOf(knex, id)).toEqual([
        {
          sha: 'a1',
          repository: R,
          deployedAt: null,
          leadHours: null,
          week: null,
        },
        {
          sha: 'a2',
          repository: R,
          deployedAt: null,
          leadHours: null,
          week: null,
        },
      ]);

      // Success at T0 + 2 h (Monday 3 March 2025, 14:00 UTC): lead 2 + 16 = 18 h and 2 + 4 = 6 h.
      await succeed(id, 2);
      expect(await changesOf(knex, id)).toEqual([
        {
          sha: 'a1',
          repository: R,
          deployedAt: at(2),
          leadHours: 18,
          week: '2025-03-03T00:00:00.000Z',
        },
        {
          sha: 'a2',
          repository: R,
          deployedAt: at(2),
          leadHours: 6,
          week: '2025-03-03T00:00:00.000Z',
        },
      ]);

      // A later success changes nothing; an earlier one (T0 − 13 h = Sunday 2 March,
      // 23:00 UTC) moves the changes to it and to the week before: lead 16 − 13 = 3 h, and
      // 4 − 13 = −9 h (authored after the deployment, which the metrics drop).
      await succeed(id, 5);
      expect((await changesOf(knex, id))[0].deployedAt).toBe(at(2));
      await succeed(id, -13);
      expect(await changesOf(knex, id)).toEqual([
        {
          sha: 'a1',
          repository: R,
          deployedAt: at(-13),
          leadHours: 3,
          week: '2025-02-24T00:00:00.000Z',
        },
        {
          sha: 'a2',
          repository: R,
          deployedAt: at(-13),
          leadHours: -9,
          week: '2025-02-24T00:00:00.000Z',
        },
      ]);
    });

    it('carries it on changes resolved from pushed commits', async () => {
      await store.apply([
        {
          kind: 'commits',
          repository: R,
          commits: [
            { sha: 'b1', authoredAt: at(20) },
            { sha: 'b2', authoredAt: at(21) },
          ],
        },
      ]);
      const first = await deploy('production', 'b1');
      await succeed(first, 22);
      const second = await deploy('production', 'b2');
      await succeed(second, 30);
      // The first follows the deployment of a2 (above), so its change is b1 alone, deployed
      // at T0 + 22 h: lead 22 − 20 = 2 h; then b2 at T0 + 30 h: lead 30 − 21 = 9 h.
      expect(await changesOf(knex, first)).toEqual([
        {
          sha: 'b1',
          repository: R,
          deployedAt: at(22),
          leadHours: 2,
          week: '2025-03-03T00:00:00.000Z',
        },
      ]);
      expect(await changesOf(knex, second)).toEqual([
        {
          sha: 'b2',
          repository: R,
          deployedAt: at(30),
          leadHours: 9,
          week: '2025-03-03T00:00:00.000Z',
        },
      ]);
    });

    it('follows the production pattern when deployments are reclassified', async () => {
      const id = await deploy('live', 'c1');
      await compared(id, { c1: 40 });
      await succeed(id, 41);
      // "live" is not production under ^prod(uction)?$: the change counts nowhere.
      expect((await changesOf(knex, id))[0].deployedAt).toBeNull();

      const live = new DatabaseGithubStore(knex, {
        productionPattern: '^(prod(uction)?|live)$',
        incidentPattern: 'incident',
      });
      await live.reclassify();
      expect(await changesOf(knex, id)).toEqual([
        {
          sha: 'c1',
          repository: R,
          deployedAt: at(41),
          leadHours: 1,
          week: '2025-03-03T00:00:00.000Z',
        },
      ]);

      await store.reclassify();
      expect((await changesOf(knex, id))[0]).toMatchObject({
        deployedAt: null,
        leadHours: null,
      });
    });
  },
);

describe.each(databases.eachSupportedId())(
  'Migration of stored changes on %p',
  databaseId => {
    it('gives changes stored before it their deployment time, and counts them', async () => {
      const knex = await databases.init(databaseId);
      // Up to the migration before 20261124_changes_carry_their_deployment.js.
      await knex.migrate.up(insightsMigrations);
      await knex.migrate.up(insightsMigrations);
      await knex('insights_deployments').insert([
        {
          deployment_id: 1,
          repository: R,
          environment: 'production',
          is_production: true,
          sha: 'd1',
          created_at: at(0),
          succeeded_at: at(1),
          changes_resolved: true,
        },
        {
          deployment_id: 2,
          repository: R,
          environment: 'staging',
          is_production: false,
          sha: 'd1',
          created_at: at(0),
          succeeded_at: at(1),
          changes_resolved: true,
        },
      ]);
      await knex('insights_deployment_changes').insert([
        { deployment_id: 1, sha: 'd1', authored_at: at(-0.5) },
        { deployment_id: 2, sha: 'd1', authored_at: at(-0.5) },
      ]);

      await knex.migrate.latest(insightsMigrations);
      expect(await changesOf(knex, 1)).toEqual([
        {
          sha: 'd1',
          repository: R,
          deployedAt: at(1),
          leadHours: 1.5,
          week: '2025-03-03T00:00:00.000Z',
        },
      ]);
      expect(await changesOf(knex, 2)).toEqual([
        {
          sha: 'd1',
          repository: R,
          deployedAt: null,
          leadHours: null,
          week: null,
        },
      ]);
      // 20261125_dora_counts.js counts what was stored: the production deployment on Monday
      // 3 March and its one change, 1.5 h → the 1 h bucket of that week.
      const days = await knex('insights_deployment_day_counts').select(
        knex.raw('day::text AS day'),
        'deployments',
      );
      expect(days).toEqual([{ day: '2025-03-03', deployments: 1 }]);
      const hours = await knex('insights_lead_hour_counts').select(
        'week',
        'hour',
        'changes',
      );
      expect(hours).toEqual([
        { week: new Date('2025-03-03T00:00:00Z'), hour: 1, changes: 1 },
      ]);
      await knex.destroy();
    });
  },
);

/** A delivery of one issue record; `number` past the integer column makes PostgreSQL refuse it. */
function issueDelivery(
  id: string,
  opts: { number?: number; size?: number; updatedAt?: string } = {},
): WebhookDelivery {
  const record: GithubRecord = {
    kind: 'issue',
    issueId: 10_000 + Number(id.replace(/\D/g, '') || 0),
    repository: R,
    number: opts.number ?? 1,
    title: `issue ${id}`,
    labels: ['incident'],
    openedAt: at(0),
    closedAt: null,
    updatedAt: opts.updatedAt ?? at(0),
  };
  return {
    deliveryId: id,
    eventType: 'issues',
    action: 'opened',
    repository: R,
    payload: { id },
    records: [record],
    bodySha256: `sha-${id}`,
    size: opts.size ?? 100,
  };
}

const settle = (promises: Array<Promise<unknown>>) =>
  Promise.allSettled(promises);

describe.each(databases.eachSupportedId())(
  'Webhook store under load and outage on %p',
  databaseId => {
    let knex: Knex;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await knex.migrate.latest(insightsMigrations);
    });

    afterAll(async () => {
      await knex.destroy();
    });

    const patterns = {
      productionPattern: '^prod(uction)?$',
      incidentPattern: 'incident',
    };

    it('refuses deliveries with 503 once the queue is full, and stores those it took', async () => {
      const store = new DatabaseGithubStore(knex, patterns, {
        maxQueuedDeliveries: 2,
        maxQueuedBytes: 1_000,
      });
      // The database stalls: writers wait on a lock of the events table.
      const trx = await knex.transaction();
      await trx.raw(
        'LOCK TABLE insights_github_events IN ACCESS EXCLUSIVE MODE',
      );
      // Two are taken by the two writers, two wait in the queue, the fifth is refused.
      const taken = ['q1', 'q2', 'q3', 'q4'].map(id =>
        store.ingestWebhook(issueDelivery(id)),
      );
      expect(store.queued()).toEqual({ deliveries: 2, bytes: 200 });
      await expect(store.ingestWebhook(issueDelivery('q5'))).rejects.toThrow(
        ServiceUnavailableError,
      );
      await trx.commit();
      const results = await settle(taken);
      expect(results.map(r => r.status)).toEqual(Array(4).fill('fulfilled'));
      expect(
        await knex('insights_github_events')
          .whereIn('delivery_id', ['q1', 'q2', 'q3', 'q4', 'q5'])
          .pluck('delivery_id'),
      ).toEqual(expect.arrayContaining(['q1', 'q2', 'q3', 'q4']));
      expect(
        await knex('insights_github_events').where({ delivery_id: 'q5' }),
      ).toHaveLength(0);
      expect(store.queued()).toEqual({ deliveries: 0, bytes: 0 });
    });

    it('bounds the queue in bytes too', async () => {
      const store = new DatabaseGithubStore(knex, patterns, {
        maxQueuedDeliveries: 100,
        maxQueuedBytes: 5_000_000,
      });
      const trx = await knex.transaction();
      await trx.raw(
        'LOCK TABLE insights_github_events IN ACCESS EXCLUSIVE MODE',
      );
      const taken = ['b1', 'b2', 'b3'].map(id =>
        store.ingestWebhook(issueDelivery(id, { size: 4_000_000 })),
      );
      // b1 and b2 are being written; b3 waits with 4 MB; another 4 MB would pass the bound.
      await expect(
        store.ingestWebhook(issueDelivery('b4', { size: 4_000_000 })),
      ).rejects.toThrow(ServiceUnavailableError);
      await trx.commit();
      expect((await settle(taken)).map(r => r.status)).toEqual(
        Array(3).fill('fulfilled'),
      );
    });

    it('splits a batch only when PostgreSQL refuses the data, failing that delivery alone', async () => {
      const store = new DatabaseGithubStore(knex, patterns);
      const trx = await knex.transaction();
      await trx.raw(
        'LOCK TABLE insights_github_events IN ACCESS EXCLUSIVE MODE',
      );
      const first = ['s1', 's2'].map(id =>
        store.ingestWebhook(issueDelivery(id)),
      );
      // These three wait and are written as one batch; s4's number is past the integer column.
      const batch = [
        store.ingestWebhook(issueDelivery('s3')),
        store.ingestWebhook(issueDelivery('s4', { number: 2 ** 40 })),
        store.ingestWebhook(issueDelivery('s5')),
      ];
      await trx.commit();
      await settle(first);
      const results = await settle(batch);
      expect(results.map(r => r.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
      ]);
      const refusal = (results[1] as PromiseRejectedResult).reason;
      expect(refusal).toBeInstanceOf(InputError);
      expect(refusal.message).toContain('SQLSTATE 22003');
      expect(
        await knex('insights_github_events').where({ delivery_id: 's4' }),
      ).toHaveLength(0);
    });

    it('fails every delivery of a batch with 503 when the database is unreachable, without retrying each alone', async () => {
      const dead = knexFactory({
        client: 'pg',
        connection: { host: '127.0.0.1', port: 1, user: 'x', database: 'x' },
        pool: { min: 0, max: 2 },
        acquireConnectionTimeout: 2_000,
      });
      let transactions = 0;
      const counted = new Proxy(dead, {
        get(target, property, receiver) {
          if (property === 'transaction') {
            return (...args: any[]) => {
              transactions += 1;
              return (target.transaction as any)(...args);
            };
          }
          return Reflect.get(target, property, receiver);
        },
      });
      const store = new DatabaseGithubStore(counted, patterns);
      const results = await settle(
        ['d1', 'd2', 'd3', 'd4', 'd5'].map(id =>
          store.ingestWebhook(issueDelivery(id)),
        ),
      );
      for (const r of results) {
        expect(r.status).toBe('rejected');
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(
          ServiceUnavailableError,
        );
      }
      // d1 and d2 each with a writer, then d3–d5 as one batch: three attempts, not six.
      expect(transactions).toBe(3);
      await dead.destroy();
    });

    it('recognises a body stored before under a new delivery id as the same event', async () => {
      const store = new DatabaseGithubStore(knex, patterns);
      const original = issueDelivery('r1');
      expect(await store.ingestWebhook(original)).toEqual({
        status: 'stored',
        records: 1,
      });
      expect(
        await store.ingestWebhook({ ...original, deliveryId: 'r1-replayed' }),
      ).toEqual({ status: 'duplicate', records: 0 });
    });

    it('never lets an older issue state overwrite a newer one', async () => {
      const store = new DatabaseGithubStore(knex, patterns);
      const closed: GithubRecord = {
        kind: 'issue',
        issueId: 777,
        repository: R,
        number: 7,
        title: 'Checkout down',
        labels: ['incident'],
        openedAt: at(0),
        closedAt: at(2),
        updatedAt: at(2),
      };
      await store.apply([closed]);
      // The "opened" state, older, arrives late (redelivered, or a stale backfill page).
      await store.apply([{ ...closed, closedAt: null, updatedAt: at(0) }]);
      const [row] = await knex('insights_incidents').where({ issue_id: 777 });
      expect(new Date(row.closed_at).toISOString()).toBe(at(2));
      // A newer state applies.
      await store.apply([
        { ...closed, labels: ['bug'], closedAt: at(2), updatedAt: at(3) },
      ]);
      const [newer] = await knex('insights_incidents').where({ issue_id: 777 });
      expect(newer.is_incident).toBe(false);
    });

    it('removes payloads past the retention and keeps what recognises a replay', async () => {
      const store = new DatabaseGithubStore(knex, patterns);
      await knex('insights_github_events').insert([
        {
          delivery_id: 'old-1',
          event_type: 'issues',
          repository: R,
          payload: JSON.stringify({ old: true }),
          body_sha256: 'sha-old-1',
          received_at: new Date(Date.now() - 91 * 86_400_000).toISOString(),
        },
        {
          delivery_id: 'recent-1',
          event_type: 'issues',
          repository: R,
          payload: JSON.stringify({ old: false }),
          body_sha256: 'sha-recent-1',
          received_at: new Date(Date.now() - 89 * 86_400_000).toISOString(),
        },
      ]);
      expect(await store.removeExpiredPayloads(90)).toBe(1);
      const rows = await knex('insights_github_events')
        .whereIn('delivery_id', ['old-1', 'recent-1'])
        .orderBy('delivery_id');
      expect(rows.map(r => [r.delivery_id, r.payload])).toEqual([
        ['old-1', null],
        ['recent-1', { old: false }],
      ]);
      // The expired delivery is still recognised when replayed.
      expect(
        await store.ingestWebhook({
          ...issueDelivery('old-1-replayed'),
          bodySha256: 'sha-old-1',
        }),
      ).toEqual({ status: 'duplicate', records: 0 });
    });
  },
);

describe.each(databases.eachSupportedId())(
  'Migration of ingestion guards on %p',
  databaseId => {
    it('keeps stored events and incidents up and down', async () => {
      const knex = await databases.init(databaseId);
      // Up to 20261125_dora_counts.js.
      for (let i = 0; i < 4; i++) await knex.migrate.up(insightsMigrations);
      await knex('insights_github_events').insert({
        delivery_id: 'before',
        event_type: 'issues',
        repository: R,
        payload: JSON.stringify({ stored: 'before' }),
      });
      await knex('insights_incidents').insert({
        issue_id: 1,
        repository: R,
        number: 1,
        title: 'Checkout down',
        labels: ['incident'],
        is_incident: true,
        opened_at: at(0),
        closed_at: at(1),
      });
      await knex.migrate.up(insightsMigrations);
      const [event] = await knex('insights_github_events');
      expect(event).toMatchObject({
        delivery_id: 'before',
        body_sha256: null,
        payload: { stored: 'before' },
      });
      // An incident stored before has no updated_at: the next state of it applies.
      const store = new DatabaseGithubStore(knex, {
        productionPattern: '^prod(uction)?$',
        incidentPattern: 'incident',
      });
      await store.apply([
        {
          kind: 'issue',
          issueId: 1,
          repository: R,
          number: 1,
          title: 'Checkout down',
          labels: ['incident'],
          openedAt: at(0),
          closedAt: at(2),
          updatedAt: at(2),
        },
      ]);
      const [incident] = await knex('insights_incidents');
      expect(new Date(incident.closed_at).toISOString()).toBe(at(2));

      await knex.migrate.down(insightsMigrations);
      expect(
        await knex.schema.hasColumn('insights_incidents', 'updated_at'),
      ).toBe(false);
      expect(
        await knex.schema.hasColumn('insights_github_events', 'body_sha256'),
      ).toBe(false);
      expect(await knex('insights_github_events')).toHaveLength(1);
      await knex.destroy();
    });
  },
);
