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
  },
);
