/*
 * The add-* templates as the portal runs them: tasks posted to the real scaffolder backend
 * (`POST /api/scaffolder/v2/tasks`, on PostgreSQL) with the golden paths' real actions, for a
 * service on the local git host. Checks the templates' own expressions and conditions: each
 * proposal lands on its branch, a re-run after the merge is refused, add-environment creates the
 * namespace on the configured cluster (the Kubernetes stand-in), and without a database provider
 * the database step does nothing.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import {
  FakeKubernetes,
  loadClientForTests,
  startFakeKubernetes,
} from './__testUtils__/fakeKubernetes';
import {
  render,
  requireFromBackend,
  templatesDir,
} from './__testUtils__/render';
import {
  createAddDatabaseAction,
  createAddEnvironmentAction,
  createAddMonitoringAction,
} from './actions/changeExisting';
import { createDatabaseAction } from './actions/database';
import { createFetchExistingAction } from './actions/fetchExisting';
import { createKubernetesEnvironmentAction } from './actions/kubernetesEnvironment';
import { createPublishLocalBranchAction } from './actions/publishLocalBranch';
import { LocalGitHost } from './lib/LocalGitHost';
import { localGitPaths } from './lib/paths';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

const git = (args: string[], cwd: string) =>
  execFileSync('git', args, { cwd }).toString().trim();

describe('golden paths for existing services, run by the scaffolder', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-existing-tasks-'));
  const host = new LocalGitHost(localGitPaths(path.join(root, 'data')));
  let baseUrl: string;
  let stop: () => Promise<void>;
  let kubernetes: FakeKubernetes;

  beforeAll(async () => {
    await loadClientForTests();
    kubernetes = await startFakeKubernetes({ token: 'sa-token' });
    const rendered = await render('typescript-service', {
      name: 'orders-api',
      description: 'Takes orders',
      owner: 'group:default/payments-team',
      ownerName: 'payments-team',
      system: 'system:default/checkout',
      templateName: 'typescript-service',
      templateVersion: '1.1.0',
      githubSlug: '',
      githubOrg: '',
      environments: ['dev'],
      image: 'ghcr.io/acme-retail/orders-api',
      database: false,
    });
    const published = await host.publish({
      name: 'orders-api',
      sourceDir: rendered,
      commitMessage: 'Initial commit',
    });
    fs.rmSync(rendered, { recursive: true, force: true });

    const templates = ['add-database', 'add-monitoring', 'add-environment'].map(
      name =>
        parse(
          fs.readFileSync(
            path.join(templatesDir, name, 'template.yaml'),
            'utf8',
          ),
        ) as Entity,
    );
    const entities: Entity[] = [
      ...templates,
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'orders-api',
          namespace: 'default',
          annotations: {
            'backstage.io/managed-by-location': `file:${published.catalogInfoPath}`,
          },
        },
        spec: {
          type: 'service',
          owner: 'group:default/payments-team',
          lifecycle: 'experimental',
        },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'payments-team', namespace: 'default' },
        spec: { type: 'team', children: [] },
        relations: [
          { type: 'hasMember', targetRef: 'user:default/elena.rossi' },
        ],
      },
    ];

    const knex = await databases.init('POSTGRES_15');
    const goldenPaths = createBackendModule({
      pluginId: 'scaffolder',
      moduleId: 'golden-paths-existing-under-test',
      register(reg) {
        reg.registerInit({
          deps: {
            scaffolder: scaffolderActionsExtensionPoint,
            catalog: catalogServiceRef,
            userInfo: coreServices.userInfo,
            config: coreServices.rootConfig,
            logger: coreServices.logger,
          },
          async init({ scaffolder, catalog, userInfo, config, logger }) {
            scaffolder.addActions(
              createFetchExistingAction({
                catalog,
                config,
                userInfo,
                host,
                logger,
              }),
              createAddDatabaseAction(),
              createAddMonitoringAction(),
              createAddEnvironmentAction(),
              createPublishLocalBranchAction({ host }),
              createKubernetesEnvironmentAction({
                config,
                loadClient: loadClientForTests,
              }),
              createDatabaseAction({ config }),
            );
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        requireFromBackend<{ default: any }>(
          '@backstage/plugin-scaffolder-backend',
        ).default,
        goldenPaths,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    {
                      name: 'dev-cluster',
                      url: kubernetes.url,
                      authProvider: 'serviceAccount',
                      serviceAccountToken: 'sa-token',
                    },
                  ],
                },
              ],
            },
          },
        }),
        catalogServiceMock.factory({ entities }),
      ],
    });
    baseUrl = `http://localhost:${backend.server.port()}/api/scaffolder`;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
    await kubernetes?.close();
    await new Promise(resolve => setTimeout(resolve, 1500));
    fs.rmSync(root, { recursive: true, force: true });
  });

  async function runTask(template: string, values: Record<string, unknown>) {
    const headers = {
      'content-type': 'application/json',
      authorization: mockCredentials.user.header('user:default/elena.rossi'),
    };
    const created = await fetch(`${baseUrl}/v2/tasks`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        templateRef: `template:default/${template}`,
        values,
      }),
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    for (let i = 0; i < 600; i++) {
      const task = await (
        await fetch(`${baseUrl}/v2/tasks/${id}`, { headers })
      ).json();
      if (task.status === 'completed' || task.status === 'failed') {
        const events = await (
          await fetch(`${baseUrl}/v2/tasks/${id}/events`, { headers })
        ).json();
        return {
          status: task.status as string,
          log: events.map((e: any) => e.body?.message ?? '').join('\n'),
        };
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    throw new Error(`task ${id} did not finish`);
  }

  const component = 'component:default/orders-api';
  const bare = () => host.repositoryPath('orders-api');
  const changedFiles = (branch: string) =>
    git(['diff', '--name-only', `main...${branch}`], bare())
      .split('\n')
      .sort();

  it('add-database pushes its branch and creates nothing where no provider is configured', async () => {
    const { status, log } = await runTask('add-database', { component });
    expect([status, log]).toEqual(['completed', expect.any(String)]);
    expect(log).toContain('No database provider is configured for dev');
    expect(changedFiles('portal/add-database')).toEqual([
      'catalog-info.yaml',
      'k8s/base/deployment.yaml',
      'package.json',
      'src/config.ts',
      'src/database/database.ts',
      'src/index.ts',
    ]);
  });

  it('add-monitoring and add-environment push theirs', async () => {
    expect((await runTask('add-monitoring', { component })).status).toBe(
      'completed',
    );
    expect(changedFiles('portal/add-monitoring')).toEqual(
      expect.arrayContaining([
        'k8s/monitoring/kustomization.yaml',
        'k8s/overlays/dev/kustomization.yaml',
      ]),
    );
    const environment = await runTask('add-environment', {
      component,
      environment: 'staging',
    });
    expect(environment.status).toBe('completed');
    // The namespace on the configured cluster, with the default branch's workloads.
    expect(
      kubernetes.objects.get('/api/v1/namespaces/orders-api-staging'),
    ).toMatchObject({
      metadata: {
        labels: { 'app.kubernetes.io/managed-by': 'acme-developer-portal' },
      },
    });
    expect(
      kubernetes.objects.has(
        '/apis/apps/v1/namespaces/orders-api-staging/deployments/orders-api',
      ),
    ).toBe(true);
    // The service has no database (its branch is not merged): that step is skipped.
    expect(environment.log).toContain(
      'Skipping step database because its if condition was false',
    );
    expect(changedFiles('portal/add-environment-staging')).toEqual(
      expect.arrayContaining(['.github/workflows/ci.yaml']),
    );
  });

  it('refuses add-database once the database is merged, and an environment the service has', async () => {
    git(
      ['update-ref', 'refs/heads/main', 'refs/heads/portal/add-database'],
      bare(),
    );
    const again = await runTask('add-database', { component });
    expect(again.status).toBe('failed');
    expect(again.log).toContain(
      'orders-api already has a database (catalog-info.yaml depends on resource:orders-api-db)',
    );
    const dev = await runTask('add-environment', {
      component,
      environment: 'dev',
    });
    expect(dev.status).toBe('failed');
    expect(dev.log).toContain('orders-api already has the dev environment');
  });
});
