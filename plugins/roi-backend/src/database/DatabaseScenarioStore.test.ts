import { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { RoiInputs, ScenarioCursor } from '@internal/plugin-roi-common';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { Knex } from 'knex';
import { DatabaseScenarioStore } from './DatabaseScenarioStore';
import { ScenarioRecord, ScenarioVersionRecord } from './ScenarioStore';

jest.setTimeout(60_000);

const databases = createPostgresTestDatabases();

function databaseService(knex: Knex, skip = false): DatabaseService {
  return { getClient: async () => knex, migrations: { skip } };
}

const inputs = {
  currency: 'EUR',
  periodMonths: 12,
  devCosts: 4_000_000,
  improvedProductivityPct: 20,
} as unknown as RoiInputs;

function scenario(
  id: string,
  ownerRef: string,
  sharedWithGroups: string[] = [],
): ScenarioRecord {
  return {
    id,
    name: `Board case ${id.slice(-1)}`,
    description: '',
    inputs,
    ownerRef,
    sharedWithGroups,
    shareToken: null,
    version: 1,
    createdAt: '2026-12-01T09:00:00.000Z',
    updatedAt: `2026-12-01T09:00:0${id.slice(-1)}.000Z`,
    updatedBy: ownerRef,
  };
}

function firstVersion(record: ScenarioRecord): ScenarioVersionRecord {
  return {
    scenarioId: record.id,
    version: 1,
    name: record.name,
    description: record.description,
    inputs: record.inputs,
    changedBy: record.updatedBy,
    changedAt: record.updatedAt,
    changes: [],
  };
}

const ids = [
  '7d1d7d5e-8a4f-4a55-9f43-1f6f7c2f1a01',
  '7d1d7d5e-8a4f-4a55-9f43-1f6f7c2f1a02',
  '7d1d7d5e-8a4f-4a55-9f43-1f6f7c2f1a03',
];

describe.each(databases.eachSupportedId())(
  'DatabaseScenarioStore on %p',
  databaseId => {
    it('creates its tables at start and keeps a scenario with its versions', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseScenarioStore.create({
        database: databaseService(knex),
      });
      const saved = scenario(ids[0], 'user:default/jane.doe');
      await store.insert(saved, firstVersion(saved));
      const second = { ...saved, name: 'Board case, revised', version: 2 };
      await store.update(second, 1, {
        ...firstVersion(second),
        version: 2,
        changes: [{ field: 'name', from: saved.name, to: second.name }],
      });

      expect(await store.get(ids[0])).toEqual(second);
      expect((await store.versions(ids[0])).map(v => v.version)).toEqual([
        2, 1,
      ]);
    });

    it('refuses a save over a newer version, and a save of a deleted scenario', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseScenarioStore.create({
        database: databaseService(knex),
      });
      const saved = scenario(ids[0], 'user:default/jane.doe');
      await store.insert(saved, firstVersion(saved));
      const next = { ...saved, version: 2 };
      await store.update(next, 1, { ...firstVersion(next), version: 2 });

      await expect(
        store.update({ ...saved, version: 2 }, 1, {
          ...firstVersion(saved),
          version: 2,
        }),
      ).rejects.toThrow(ConflictError);
      await store.delete(ids[0]);
      await expect(
        store.update({ ...saved, version: 3 }, 2, {
          ...firstVersion(saved),
          version: 3,
        }),
      ).rejects.toThrow(NotFoundError);
      expect(await store.versions(ids[0])).toEqual([]);
    });

    it('lists only what the permission filter lets through, in SQL', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseScenarioStore.create({
        database: databaseService(knex),
      });
      const records = [
        scenario(ids[0], 'user:default/jane.doe'),
        scenario(ids[1], 'user:default/omar', ['group:default/finance']),
        scenario(ids[2], 'user:default/omar'),
      ];
      for (const r of records) await store.insert(r, firstVersion(r));

      const listed = await store.list({
        filter: {
          anyOf: [
            { column: 'owner_ref', values: ['user:default/jane.doe'] },
            {
              column: 'shared_with_groups',
              values: ['group:default/finance'],
            },
          ],
        },
        limit: 10,
      });
      // latest first
      expect(listed.map(s => s.id)).toEqual([ids[1], ids[0]]);
      expect(
        await store.list({
          filter: {
            not: { column: 'owner_ref', values: ['user:default/omar'] },
          },
          limit: 10,
        }),
      ).toEqual([records[0]]);
      expect(
        await store.list({
          filter: { column: 'owner_ref', values: [] },
          limit: 10,
        }),
      ).toEqual([]);
      expect(await store.list({ limit: 2 })).toHaveLength(2);
    });

    it('reads the keyset after and before a cursor, ties on the time broken by id', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseScenarioStore.create({
        database: databaseService(knex),
      });
      // ids[0] and ids[1] changed at the same instant: the lower id first
      const at = (id: string, updatedAt: string) => ({
        ...scenario(id, 'user:default/omar'),
        updatedAt,
      });
      const records = [
        at(ids[2], '2026-11-30T12:00:00.000Z'),
        at(ids[0], '2026-11-30T11:00:00.000Z'),
        at(ids[1], '2026-11-30T11:00:00.000Z'),
      ];
      for (const r of records) await store.insert(r, firstVersion(r));
      const list = async (cursor?: ScenarioCursor) =>
        (await store.list({ limit: 10, cursor })).map(r => r.id);
      // the order: ids[2] (12:00), ids[0] (11:00, lower id), ids[1] (11:00)
      expect(await list()).toEqual([ids[2], ids[0], ids[1]]);
      const of = (r: (typeof records)[number], direction: 'next' | 'prev') => ({
        direction,
        updatedAt: r.updatedAt,
        id: r.id,
      });
      expect(await list(of(records[0], 'next'))).toEqual([ids[0], ids[1]]);
      expect(await list(of(records[1], 'next'))).toEqual([ids[1]]);
      expect(await list(of(records[2], 'next'))).toEqual([]);
      // before: nearest first
      expect(await list(of(records[2], 'prev'))).toEqual([ids[0], ids[2]]);
      expect(await list(of(records[1], 'prev'))).toEqual([ids[2]]);
      // with a permission filter too
      expect(
        await store.list({
          limit: 10,
          cursor: of(records[0], 'next'),
          filter: { column: 'owner_ref', values: ['user:default/jane.doe'] },
        }),
      ).toEqual([]);
    });

    it('leaves the schema alone when migrations are skipped', async () => {
      const knex = await databases.init(databaseId);
      await DatabaseScenarioStore.create({
        database: databaseService(knex, true),
      });
      await DatabaseScenarioStore.create({
        database: databaseService(knex),
        skipMigrations: true,
      });
      expect(await knex.schema.hasTable('roi_scenarios')).toBe(false);
    });
  },
);
