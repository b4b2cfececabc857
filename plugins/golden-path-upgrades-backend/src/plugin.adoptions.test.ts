/*
 * An adopted service in the scheduled run, with real git on the local git host: a repository
 * made before the record existed (no .golden-path.json, no template annotations in its
 * catalog entity) is adopted through POST /adoptions; from then on the hourly run offers it
 * every new version, before and after its team merged the branch that writes the record.
 */
import {
  coreServices,
  createBackendPlugin,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { RECORD_FILE } from '@internal/plugin-golden-path-upgrades-common';
import { createPostgresTestDatabases } from '@internal/test-databases';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { git } from './lib/git';
import {
  createService,
  portalWithTemplate,
  publishVersion,
  tempDir,
} from './__testUtils__/scenario';
import { goldenPathUpgradesPlugin } from './plugin';

jest.setTimeout(240_000);

const databases = createPostgresTestDatabases();
const TEMPLATE = 'typescript-service';
const TASK = 'golden-path-upgrades-prepare';
const BRANCH = 'golden-path-upgrade/typescript-service';
const owner = 'user:default/ada';

/** Hands the test the scheduler the plugin schedules its run on, to trigger it. */
function schedulerProbe() {
  const probe: { scheduler?: SchedulerService } = {};
  const feature = createBackendPlugin({
    pluginId: 'scheduler-probe',
    register(env) {
      env.registerInit({
        deps: { scheduler: coreServices.scheduler },
        async init({ scheduler }) {
          probe.scheduler = scheduler;
        },
      });
    },
  });
  return { probe, feature };
}

describe.each(databases.eachSupportedId())(
  'the scheduled run with an adopted service on %p',
  databaseId => {
    it('offers an adopted service without template annotations every new version', async () => {
      const portal = await portalWithTemplate(TEMPLATE);
      const [{ version: v1 }] = await portal.source.versions(TEMPLATE);
      const dataDir = tempDir('gpu-data-');
      const repositoryDir = path.join(dataDir, 'git', 'payments.git');
      const values = {
        name: 'payments',
        description: 'Payments',
        owner: 'group:default/payments-team',
        ownerName: 'payments-team',
        system: 'system:default/checkout',
        templateName: TEMPLATE,
        templateVersion: v1,
        githubSlug: '',
        githubOrg: '',
        environments: ['dev'],
        image: 'acme-retail/payments',
        database: false,
      };
      const { work } = await createService({
        source: portal.source,
        template: TEMPLATE,
        version: v1,
        values,
        repositoryDir,
      });
      // Made before the record existed: no record file, no golden path annotations.
      fs.rmSync(path.join(work, RECORD_FILE));
      const catalogFile = path.join(work, 'catalog-info.yaml');
      fs.writeFileSync(
        catalogFile,
        fs
          .readFileSync(catalogFile, 'utf8')
          .replace(/^ *acme\.example\/template[-a-z]*: .*\n/gm, ''),
      );
      await git(['add', '-A'], { cwd: work });
      await git(['commit', '-q', '-m', 'Made before the record'], {
        cwd: work,
      });
      await git(['push', '-q', repositoryDir, 'HEAD:main'], { cwd: work });
      const entity = parseAllDocuments(
        fs.readFileSync(catalogFile, 'utf8'),
      )[0].toJS();
      expect(Object.keys(entity.metadata.annotations)).not.toContain(
        'acme.example/template',
      );
      entity.metadata.namespace = 'default';
      entity.metadata.annotations[
        'backstage.io/managed-by-location'
      ] = `file:${dataDir}/git-checkouts/payments/catalog-info.yaml`;

      const { probe, feature } = schedulerProbe();
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          goldenPathUpgradesPlugin,
          feature,
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
      const api = request(server);
      const as = { Authorization: mockCredentials.user.header(owner) };
      const status = async () =>
        (
          await api
            .get(
              `/api/golden-path-upgrades/status?entityRef=${encodeURIComponent(
                'component:default/payments',
              )}`,
            )
            .set(as)
        ).body;
      const onBranch = async (file: string) =>
        git(['show', `refs/heads/${BRANCH}:${file}`], { cwd: repositoryDir });

      // Before the adoption the run passes the service by: no annotation, no adoption.
      await probe.scheduler!.triggerTask(TASK);
      expect(await git(['branch', '--list'], { cwd: repositoryDir })).toBe(
        '* main',
      );

      const adopted = await api
        .post('/api/golden-path-upgrades/adoptions')
        .set(as)
        .send({ entityRef: 'payments', template: TEMPLATE, version: v1 });
      expect(adopted.status).toBe(200);
      // At the latest version the branch only writes the record.
      expect(adopted.body.result).toMatchObject({
        state: 'prepared',
        upgrade: { fromVersion: v1, toVersion: v1 },
      });

      // Version 9.0.0: the hourly run prepares the adopted service's upgrade, from the
      // adoption (the repository still has no record).
      await publishVersion({
        portalDir: portal.dir,
        template: TEMPLATE,
        from: v1,
        to: '9.0.0',
        changes: 'A version module.',
        why: 'Teams asked which version they run.',
        change: skeleton =>
          fs.writeFileSync(
            path.join(skeleton, 'src/version.ts'),
            "export const VERSION = '9.0.0';\n",
          ),
      });
      await probe.scheduler!.triggerTask(TASK);
      expect(await status()).toMatchObject({
        template: TEMPLATE,
        version: v1,
        latest: '9.0.0',
        behind: 1,
        adoption: { method: 'stated', version: v1 },
        upgrade: {
          fromVersion: v1,
          toVersion: '9.0.0',
          state: 'open',
          branch: BRANCH,
          conflicts: [],
        },
      });
      expect(JSON.parse(await onBranch(RECORD_FILE))).toMatchObject({
        template: TEMPLATE,
        version: '9.0.0',
      });
      expect(await onBranch('src/version.ts')).toContain("'9.0.0'");
      const catalog = parseAllDocuments(
        await onBranch('catalog-info.yaml'),
      )[0].toJS().metadata.annotations;
      expect(catalog).toMatchObject({
        'acme.example/template': TEMPLATE,
        'acme.example/template-version': '9.0.0',
      });

      // The team merges the branch; the catalog entity is not refreshed (still no
      // annotations). Version 10.0.0: the run upgrades from the record the repository has now.
      await git(['update-ref', 'refs/heads/main', `refs/heads/${BRANCH}`], {
        cwd: repositoryDir,
      });
      await publishVersion({
        portalDir: portal.dir,
        template: TEMPLATE,
        from: '9.0.0',
        to: '10.0.0',
        changes: 'The version module says 10.',
        why: 'It names the version.',
        change: skeleton =>
          fs.writeFileSync(
            path.join(skeleton, 'src/version.ts'),
            "export const VERSION = '10.0.0';\n",
          ),
      });
      await probe.scheduler!.triggerTask(TASK);
      expect(await status()).toMatchObject({
        version: '9.0.0',
        latest: '10.0.0',
        behind: 1,
        upgrade: { fromVersion: '9.0.0', toVersion: '10.0.0', state: 'open' },
      });
      expect(await onBranch('src/version.ts')).toContain("'10.0.0'");

      // The golden paths page counts it on the version its repository records.
      const page = await api.get('/api/golden-path-upgrades/templates').set(as);
      const summary = page.body.templates.find(
        (t: { template: string }) => t.template === TEMPLATE,
      );
      expect(summary).toMatchObject({ services: 1, servicesBehind: 1 });
      expect(
        summary.versions.find(
          (v: { version: string }) => v.version === '9.0.0',
        ),
      ).toMatchObject({ services: 1, behindBy: 1, upgradesMerged: 1 });
    });
  },
);
