/*
 * Upgrades as branches on the local git host, remembered in PostgreSQL.
 */
import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { DatabaseService } from '@backstage/backend-plugin-api';
import { createPostgresTestDatabases } from '@internal/test-databases';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { DatabaseUpgradeStore } from '../database/DatabaseUpgradeStore';
import { git } from '../lib/git';
import {
  createService,
  portalWithTemplate,
  publishVersion,
  tempDir,
} from '../__testUtils__/scenario';
import { LocalGitUpgradeHost } from './hosts';
import { createUpgradeService } from './UpgradeService';

jest.setTimeout(120_000);

const databases = createPostgresTestDatabases();
const TEMPLATE = 'typescript-service';

const VALUES = {
  name: 'orders',
  description: 'Orders',
  owner: 'group:default/payments-team',
  ownerName: 'payments-team',
  system: 'system:default/checkout',
  templateName: TEMPLATE,
  githubSlug: '',
  githubOrg: '',
  environments: ['dev'],
  image: 'acme-retail/orders',
  database: false,
};

async function setUp(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseUpgradeStore.create({
    database: { getClient: async () => knex } as unknown as DatabaseService,
  });
  const portal = await portalWithTemplate(TEMPLATE);
  const [v1] = await portal.source.versions(TEMPLATE);
  const repositories = tempDir('gpu-repositories-');
  const service = await createService({
    source: portal.source,
    template: TEMPLATE,
    version: v1.version,
    values: { ...VALUES, templateVersion: v1.version },
    repositoryDir: path.join(repositories, 'orders.git'),
  });
  const entity = parseAllDocuments(
    fs.readFileSync(path.join(service.work, 'catalog-info.yaml'), 'utf8'),
  )[0].toJS();
  const annotations: Record<string, string> = {
    ...entity.metadata.annotations,
    'backstage.io/managed-by-location': `file:/srv/.data/git-checkouts/orders/catalog-info.yaml`,
  };
  const upgrades = createUpgradeService({
    store,
    source: portal.source,
    hosts: { local: new LocalGitUpgradeHost(repositories) },
    logger: mockServices.logger.mock(),
  });
  const publish = (to: string) =>
    publishVersion({
      portalDir: portal.dir,
      template: TEMPLATE,
      from: v1.version,
      to,
      changes: 'Adds a version module.',
      why: 'Teams asked which version they run.',
      change: skeleton =>
        fs.writeFileSync(
          path.join(skeleton, 'src/version.ts'),
          `export const VERSION = '${to}';\n`,
        ),
    });
  return { store, upgrades, service, annotations, publish, v1: v1.version };
}

const target = (annotations: Record<string, string>) => ({
  entityRef: 'component:default/orders',
  annotations,
});

describe.each(databases.eachSupportedId())(
  'UpgradeService on %p',
  databaseId => {
    it('prepares a branch once per version, refreshes it, and remembers a declined one', async () => {
      const { upgrades, service, annotations, publish, store, v1 } =
        await setUp(databaseId);
      expect(await upgrades.prepare(target(annotations))).toEqual({
        state: 'up-to-date',
      });

      await publish('9.0.0');
      const first = await upgrades.prepare(target(annotations));
      expect(first).toMatchObject({
        state: 'prepared',
        upgrade: {
          fromVersion: v1,
          toVersion: '9.0.0',
          state: 'open',
          host: 'local',
          repository: 'orders',
          branch: 'golden-path-upgrade/typescript-service',
          conflicts: [],
        },
      });
      expect(await upgrades.prepare(target(annotations))).toMatchObject({
        state: 'unchanged',
      });
      const status = await upgrades.status(target(annotations), '2026-12-04');
      expect(status).toMatchObject({
        version: v1,
        latest: '9.0.0',
        behind: 1,
        deprecation: { state: 'supported' },
        upgrade: { toVersion: '9.0.0', state: 'open' },
      });

      // The team deletes the branch without merging: declined, and not offered again.
      await git(['branch', '-D', 'golden-path-upgrade/typescript-service'], {
        cwd: service.repositoryDir,
      });
      expect(await upgrades.prepare(target(annotations))).toMatchObject({
        state: 'closed',
        upgrade: { toVersion: '9.0.0', state: 'closed' },
      });
      expect(
        await git(['branch', '--list', 'golden-path-upgrade/*'], {
          cwd: service.repositoryDir,
        }),
      ).toBe('');
      expect((await store.list()).map(u => u.state)).toEqual(['closed']);
    });

    it('runs two requests for the same service one after the other', async () => {
      const { upgrades, publish, annotations } = await setUp(databaseId);
      await publish('9.0.0');
      const results = await Promise.all([
        upgrades.prepare(target(annotations)),
        upgrades.prepare(target(annotations)),
      ]);
      expect(results.map(r => r.state)).toEqual(['prepared', 'unchanged']);
    });

    it('records a merged upgrade', async () => {
      const { upgrades, service, annotations, publish } = await setUp(
        databaseId,
      );
      await publish('9.0.0');
      await upgrades.prepare(target(annotations));
      // The team merges the branch.
      await git(
        [
          'update-ref',
          'refs/heads/main',
          'refs/heads/golden-path-upgrade/typescript-service',
        ],
        { cwd: service.repositoryDir },
      );
      expect(await upgrades.prepare(target(annotations))).toMatchObject({
        state: 'merged',
        upgrade: { toVersion: '9.0.0', state: 'merged' },
      });
    });

    it('leaves a service that opted out alone, with its reason', async () => {
      const { upgrades, service, annotations, publish } = await setUp(
        databaseId,
      );
      await publish('9.0.0');
      expect(
        await upgrades.prepare(
          target({
            ...annotations,
            'acme.example/golden-path-opt-out': 'Forked for PCI scope',
          }),
        ),
      ).toEqual({ state: 'opted-out', reason: 'Forked for PCI scope' });
      expect(
        await git(['branch', '--list', 'golden-path-upgrade/*'], {
          cwd: service.repositoryDir,
        }),
      ).toBe('');
    });

    it('gives nothing for an entity not made from a golden path', async () => {
      const { upgrades } = await setUp(databaseId);
      expect(await upgrades.prepare(target({}))).toEqual({
        state: 'not-a-golden-path',
      });
    });

    it('adopts a repository without .golden-path.json, remembers it and upgrades it with the record', async () => {
      const { upgrades, service, annotations, publish, store, v1 } =
        await setUp(databaseId);
      // Made before the record existed: no file in the repository.
      fs.rmSync(path.join(service.work, '.golden-path.json'));
      await git(['commit', '-q', '-am', 'No record'], { cwd: service.work });
      await git(['push', '-q', service.repositoryDir, 'main:main'], {
        cwd: service.work,
      });
      await publish('9.0.0');
      expect((await upgrades.prepare(target(annotations))).state).toBe(
        'not-a-golden-path',
      );

      const entity = {
        name: 'orders',
        description: 'Orders',
        owner: 'group:default/payments-team',
        system: 'system:default/checkout',
      };
      const { adoption, candidates, result } = await upgrades.adopt(
        { ...target(annotations), entity },
        { adoptedBy: 'user:default/ada' },
      );
      // Inferred within the entity's template: the scratch portal holds v1 and 9.0.0 only
      // (the older versions' files were never committed there). v1 renders identically but
      // for the record file, left out, and the values annotation of catalog-info.yaml: this
      // fixture made the service with templateVersion last, the inference renders the values
      // in the fetch step's order (templateVersion after templateName), so that one line
      // differs: 1 removed + 1 added = 2 lines.
      expect(adoption).toMatchObject({
        template: TEMPLATE,
        version: v1,
        method: 'inferred',
        linesDiffering: 2,
        adoptedBy: 'user:default/ada',
      });
      expect(candidates?.map(c => c.version)).toEqual([v1, '9.0.0']);
      expect(result.state).toBe('prepared');
      expect(await store.adoption('component:default/orders')).toMatchObject({
        version: v1,
      });
      const status = await upgrades.status(target(annotations), '2026-12-05');
      expect(status.adoption?.method).toBe('inferred');
      expect(status.versions?.[0]).toBe('9.0.0');

      const record = await git(
        [
          'show',
          'refs/heads/golden-path-upgrade/typescript-service:.golden-path.json',
        ],
        { cwd: service.repositoryDir },
      );
      expect(JSON.parse(record)).toMatchObject({
        template: TEMPLATE,
        version: '9.0.0',
      });

      // Once the upgrade is merged the repository records itself: no second adoption.
      await git(
        [
          'update-ref',
          'refs/heads/main',
          'refs/heads/golden-path-upgrade/typescript-service',
        ],
        { cwd: service.repositoryDir },
      );
      await expect(
        upgrades.adopt(
          { ...target(annotations), entity },
          { template: TEMPLATE, version: v1, adoptedBy: 'user:default/ada' },
        ),
      ).rejects.toThrow('already records typescript-service 9.0.0');
    });
  },
);
