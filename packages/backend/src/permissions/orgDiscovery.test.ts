import {
  AuthService,
  coreServices,
  createBackendModule,
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  Entity,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { GithubOrgEntityProvider } from '@backstage/plugin-catalog-backend-module-github';
import {
  CatalogService,
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogLocationDeletePermission } from '@backstage/plugin-catalog-common/alpha';
import {
  GithubOrganization,
  GithubStandIn,
  serveOrganizations,
} from '@internal/github-stand-in';
import { createPostgresTestDatabases } from '@internal/test-databases';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CatalogPlatformAdminDirectory,
  readTrustedOrigins,
} from './PlatformAdminDirectory';
import {
  PortalPermissionPolicy,
  readPortalPolicyOptions,
} from './PortalPermissionPolicy';

/*
 * The attack end to end: Backstage's GitHub org provider reads an organisation (the GitHub
 * stand-in) where someone created a team named `platform-team`, next to the organisation file
 * that names the real platform team. The tokens' groups are computed as sign-in computes them.
 */

jest.setTimeout(120_000);

const ORG = 'acme-retail';
const databases = createPostgresTestDatabases();

const ORG_FILE = [
  'apiVersion: backstage.io/v1alpha1',
  'kind: Group',
  'metadata:',
  '  name: platform-team',
  'spec:',
  '  type: team',
  '  children: []',
  '---',
  'apiVersion: backstage.io/v1alpha1',
  'kind: User',
  'metadata:',
  '  name: amelie.durand',
  'spec:',
  '  memberOf: [platform-team]',
  '',
].join('\n');

/** The auth backend's default ownership resolution at sign-in: the user and its groups. */
function ownershipEntityRefs(user: Entity): string[] {
  const groups = (user.relations ?? [])
    .filter(
      r => r.type === RELATION_MEMBER_OF && r.targetRef.startsWith('group:'),
    )
    .map(r => r.targetRef);
  return [...new Set([stringifyEntityRef(user), ...groups])];
}

async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await fn().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 250));
  }
}

describe.each(databases.eachSupportedId())(
  'a GitHub team named like the admin group, on %p',
  databaseId => {
    const standIn = new GithubStandIn();
    const scheduler = mockServices.scheduler() as SchedulerService & {
      factory(options: { skipTaskRunOnStartup: boolean }): ServiceFactory;
    };
    let catalog: CatalogService;
    let auth: AuthService;
    let config: ConfigReader;

    beforeAll(async () => {
      serveOrganizations(standIn, [
        new GithubOrganization(ORG, {
          teams: [
            { slug: 'platform-team', name: 'Platform', members: ['mallory'] },
          ],
          members: [{ login: 'mallory', name: 'Mallory' }],
        }),
      ]);
      const apiBaseUrl = await standIn.start();
      const orgFile = path.join(
        fs.mkdtempSync(path.join(os.tmpdir(), 'org-')),
        'org.yaml',
      );
      fs.writeFileSync(orgFile, ORG_FILE);
      const knex = await databases.init(databaseId);
      const data = {
        backend: {
          database: {
            client: 'pg',
            connection: knex.client.config.connection,
            pluginDivisionMode: 'schema',
          },
        },
        integrations: {
          github: [{ host: 'github.com', apiBaseUrl, token: 'ghs_test' }],
        },
        catalog: {
          rules: [{ allow: ['Component', 'Location'] }],
          locations: [
            {
              type: 'file',
              target: orgFile,
              rules: [{ allow: ['User', 'Group'] }],
            },
          ],
        },
      };
      config = new ConfigReader(data);

      const githubOrg = createBackendModule({
        pluginId: 'catalog',
        moduleId: 'test-github-org',
        register(reg) {
          reg.registerInit({
            deps: {
              processing: catalogProcessingExtensionPoint,
              logger: coreServices.logger,
              schedulerService: coreServices.scheduler,
            },
            async init({ processing, logger, schedulerService }) {
              processing.addEntityProvider(
                GithubOrgEntityProvider.fromConfig(config, {
                  id: ORG,
                  orgUrl: `https://github.com/${ORG}`,
                  logger,
                  schedule: schedulerService.createScheduledTaskRunner({
                    frequency: { hours: 1 },
                    timeout: { minutes: 5 },
                  }),
                }),
              );
            },
          });
        },
      });
      const capture = createBackendModule({
        pluginId: 'catalog',
        moduleId: 'test-capture',
        register(reg) {
          reg.registerInit({
            deps: {
              catalogService: catalogServiceRef,
              authService: coreServices.auth,
            },
            async init({ catalogService, authService }) {
              catalog = catalogService;
              auth = authService;
            },
          });
        },
      });

      await startTestBackend({
        features: [
          catalogPlugin,
          githubOrg,
          capture,
          scheduler.factory({ skipTaskRunOnStartup: true }),
          mockServices.rootConfig.factory({ data }),
        ],
      });
      const tasks = (await scheduler.getScheduledTasks()).filter(task =>
        /GithubOrgEntityProvider/i.test(task.id),
      );
      if (tasks.length !== 1) {
        throw new Error(`expected one org provider task, got ${tasks.length}`);
      }
      await scheduler.triggerTask(tasks[0].id);
    });

    afterAll(() => standIn.stop());

    /** The groups in a user's token, as GitHub sign-in resolves them from the catalog. */
    async function claimsOf(userRef: string) {
      const entity = await waitFor(userRef, async () => {
        const found = await catalog.getEntityByRef(userRef, {
          credentials: await auth.getOwnServiceCredentials(),
        });
        return found?.relations?.length ? (found as Entity) : undefined;
      });
      return {
        info: {
          userEntityRef: userRef,
          ownershipEntityRefs: ownershipEntityRefs(entity),
        },
        credentials: {} as never,
      };
    }

    it('gives the GitHub team’s members the admin group in their token, but no admin rights', async () => {
      const policy = new PortalPermissionPolicy(
        readPortalPolicyOptions(config),
        new CatalogPlatformAdminDirectory({
          catalog,
          auth,
          trustedOrigins: readTrustedOrigins(config),
        }),
      );

      const mallory = await claimsOf('user:default/mallory');
      // What a policy trusting the token's groups would have made an admin.
      expect(mallory.info.ownershipEntityRefs).toContain(
        'group:default/platform-team',
      );
      await expect(
        policy.handle({ permission: catalogLocationDeletePermission }, mallory),
      ).resolves.toEqual({ result: AuthorizeResult.DENY });

      const amelie = await claimsOf('user:default/amelie.durand');
      await expect(
        policy.handle({ permission: catalogLocationDeletePermission }, amelie),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    });
  },
);
