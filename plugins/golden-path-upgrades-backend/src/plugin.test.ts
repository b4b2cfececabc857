/*
 * The plugin as the backend runs it: the catalog names a service made from version 1 on the
 * local git host, the template moves on, and the routes show it behind, prepare its upgrade
 * for its owners only, and count it.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createPostgresTestDatabases } from '@internal/test-databases';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import {
  createService,
  portalWithTemplate,
  publishVersion,
  tempDir,
} from './__testUtils__/scenario';
import { goldenPathUpgradesPlugin } from './plugin';

jest.setTimeout(180_000);

const databases = createPostgresTestDatabases();
const TEMPLATE = 'typescript-service';
const owner = 'user:default/ada';
const stranger = 'user:default/bob';

describe.each(databases.eachSupportedId())(
  'golden-path-upgrades backend on %p',
  databaseId => {
    let api: ReturnType<typeof request>;
    let v1 = '';

    beforeAll(async () => {
      const portal = await portalWithTemplate(TEMPLATE);
      v1 = (await portal.source.versions(TEMPLATE))[0].version;
      const dataDir = tempDir('gpu-data-');
      const service = await createService({
        source: portal.source,
        template: TEMPLATE,
        version: v1,
        values: {
          name: 'orders',
          description: 'Orders',
          owner: 'group:default/payments-team',
          ownerName: 'payments-team',
          system: 'system:default/checkout',
          templateName: TEMPLATE,
          templateVersion: v1,
          githubSlug: '',
          githubOrg: '',
          environments: ['dev'],
          image: 'acme-retail/orders',
          database: false,
        },
        repositoryDir: path.join(dataDir, 'git', 'orders.git'),
      });
      const entity = parseAllDocuments(
        fs.readFileSync(path.join(service.work, 'catalog-info.yaml'), 'utf8'),
      )[0].toJS();
      entity.metadata.namespace = 'default';
      entity.metadata.annotations[
        'backstage.io/managed-by-location'
      ] = `file:${dataDir}/git-checkouts/orders/catalog-info.yaml`;
      await publishVersion({
        portalDir: portal.dir,
        template: TEMPLATE,
        from: v1,
        to: '9.0.0',
        changes: 'Adds a version module.',
        why: 'Teams asked which version they run.',
        change: skeleton =>
          fs.writeFileSync(
            path.join(skeleton, 'src/version.ts'),
            "export const VERSION = '9.0.0';\n",
          ),
      });

      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          goldenPathUpgradesPlugin,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities: [entity] }),
          mockServices.userInfo.mock({
            getUserInfo: async credentials => {
              const ref = (credentials.principal as { userEntityRef: string })
                .userEntityRef;
              return {
                userEntityRef: ref,
                ownershipEntityRefs:
                  ref === owner ? [ref, 'group:default/payments-team'] : [ref],
              };
            },
          }).factory,
          mockServices.permissions.mock({
            authorize: async requests =>
              requests.map(() => ({ result: AuthorizeResult.DENY })),
          }).factory,
          mockServices.rootConfig.factory({
            data: {
              goldenPathUpgrades: { templatesRepository: portal.dir },
              goldenPaths: { dataDir },
            },
          }),
        ],
      });
      api = request(server);
    });

    const as = (user: string) => ({
      Authorization: mockCredentials.user.header(user),
    });

    it('shows the service behind, prepares its upgrade for its owners only, and counts it', async () => {
      const before = await api
        .get('/api/golden-path-upgrades/templates')
        .set(as(stranger));
      expect(before.status).toBe(200);
      const summary = before.body.templates.find(
        (t: { template: string }) => t.template === TEMPLATE,
      );
      expect(summary).toMatchObject({
        latest: '9.0.0',
        services: 1,
        servicesBehind: 1,
        optedOut: [],
      });
      expect(
        summary.versions.find((v: { version: string }) => v.version === v1),
      ).toMatchObject({ services: 1, behindBy: 1, upgradesOpen: 0 });

      const refused = await api
        .post('/api/golden-path-upgrades/upgrades')
        .set(as(stranger))
        .send({ entityRef: 'orders' });
      expect(refused.status).toBe(403);

      const prepared = await api
        .post('/api/golden-path-upgrades/upgrades')
        .set(as(owner))
        .send({ entityRef: 'orders' });
      expect(prepared.status).toBe(200);
      expect(prepared.body).toMatchObject({
        state: 'prepared',
        upgrade: {
          entityRef: 'component:default/orders',
          fromVersion: v1,
          toVersion: '9.0.0',
          branch: 'golden-path-upgrade/typescript-service',
          state: 'open',
        },
      });

      const status = await api
        .get(
          `/api/golden-path-upgrades/status?entityRef=${encodeURIComponent(
            'component:default/orders',
          )}`,
        )
        .set(as(stranger));
      expect(status.body).toMatchObject({
        template: TEMPLATE,
        version: v1,
        latest: '9.0.0',
        behind: 1,
        upgrade: { toVersion: '9.0.0', state: 'open' },
      });

      const after = await api
        .get('/api/golden-path-upgrades/templates')
        .set(as(stranger));
      const afterSummary = after.body.templates.find(
        (t: { template: string }) => t.template === TEMPLATE,
      );
      expect(
        afterSummary.versions.find(
          (v: { version: string }) => v.version === '9.0.0',
        ),
      ).toMatchObject({ upgradesOpen: 1, upgradesConflicted: 0 });
      expect(afterSummary.oldestUnmerged).toMatchObject({
        entityRef: 'component:default/orders',
      });
    });
  },
);
