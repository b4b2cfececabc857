import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import {
  GithubActions,
  GithubOrganization,
  GithubStandIn,
  serveActions,
  serveOrganizations,
} from '@internal/github-stand-in';
import { createPostgresTestDatabases } from '@internal/test-databases';
import request from 'supertest';
import {
  component,
  DEPLOY_WORKFLOW,
  deploymentStatus,
  WORKFLOW_WITHOUT_REF,
} from './__testUtils__/fixtures';
import {
  deploymentObject,
  KubernetesStandIn,
  startKubernetesStandIn,
} from '@internal/kubernetes-clusters/testUtils';
import { deploymentsPlugin } from './plugin';

// The real client, loaded by Node's own require: Jest cannot import ES modules.
jest.mock('@internal/kubernetes-clusters', () => {
  const actual = jest.requireActual<
    typeof import('@internal/kubernetes-clusters')
  >('@internal/kubernetes-clusters');
  const { loadClientForTests } = jest.requireActual<
    typeof import('@internal/kubernetes-clusters/testUtils')
  >('@internal/kubernetes-clusters/testUtils');
  return {
    ...actual,
    readComponentDeployments: (
      options: Parameters<typeof actual.readComponentDeployments>[0],
    ) =>
      actual.readComponentDeployments({
        ...options,
        loadClient: options.loadClient ?? (async () => loadClientForTests()),
      }),
  };
});

jest.setTimeout(120_000);

const databases = createPostgresTestDatabases();

const SHA = {
  a: 'a'.repeat(40),
  b: 'b'.repeat(40),
  c: 'c'.repeat(40),
  tag: '1'.repeat(40),
};
const elena = 'user:default/elena.rossi';
const auth = { Authorization: mockCredentials.user.header(elena) };

describe.each(databases.eachSupportedId())(
  'deployments backend on %p',
  databaseId => {
    const standIn = new GithubStandIn();
    let actions: GithubActions;
    let cluster: KubernetesStandIn;
    let server: Parameters<typeof request>[0];
    const events = mockServices.events();
    /** What the permission framework was asked, and whether production is allowed. */
    const asked: EvaluatePermissionRequest[] = [];
    let productionAllowed = true;

    beforeAll(async () => {
      standIn.pageSize = 100;
      const org = new GithubOrganization('acme', {
        repositories: [
          {
            name: 'checkout',
            tags: { 'v1.2.0': SHA.tag },
            files: {
              '.github/workflows/deploy.yaml': DEPLOY_WORKFLOW,
              '.github/workflows/ci.yaml':
                'name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ok\n',
            },
          },
          { name: 'legacy', files: { 'README.md': '# legacy' } },
          {
            name: 'no-ref',
            files: { '.github/workflows/deploy.yaml': WORKFLOW_WITHOUT_REF },
          },
        ],
      });
      serveOrganizations(standIn, [org]);
      actions = serveActions(standIn, [org]);
      const apiBaseUrl = await standIn.start();
      // dev runs what GitHub recorded, staging an older commit; production refuses the portal
      cluster = await startKubernetesStandIn({
        token: 'portal-sa-token',
        forbiddenNamespaces: ['checkout-production'],
        deployments: [
          deploymentObject({
            name: 'checkout',
            namespace: 'checkout-dev',
            image: `ghcr.io/acme/checkout:${SHA.c}`,
            replicas: 1,
            ready: 1,
          }),
          deploymentObject({
            name: 'checkout',
            namespace: 'checkout-staging',
            image: `ghcr.io/acme/checkout:${SHA.a}`,
            replicas: 2,
            ready: 2,
          }),
        ],
      });
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          deploymentsPlugin,
          mockServices.database.factory({ knex }),
          // one bus for the test and the plugin
          createServiceFactory({
            service: eventsServiceRef,
            deps: {},
            factory: () => events,
          }),
          catalogServiceMock.factory({
            entities: [
              component(
                'checkout',
                'group:default/payments-team',
                'acme/checkout',
              ),
              component('legacy', 'group:default/payments-team', 'acme/legacy'),
              component('no-ref', 'group:default/payments-team', 'acme/no-ref'),
              component('unlinked', 'group:default/payments-team'),
            ],
          }),
          mockServices.permissions.mock({
            authorize: async requests => {
              asked.push(...(requests as EvaluatePermissionRequest[]));
              return requests.map(r => ({
                result:
                  r.permission.name === 'deployments.dispatch.production' &&
                  !productionAllowed
                    ? AuthorizeResult.DENY
                    : AuthorizeResult.ALLOW,
              }));
            },
          }).factory,
          mockServices.rootConfig.factory({
            data: {
              integrations: {
                github: [{ host: 'github.com', apiBaseUrl, token: 'ghs_test' }],
              },
              kubernetes: {
                clusterLocatorMethods: [
                  {
                    type: 'config',
                    clusters: [
                      {
                        name: 'stand-in',
                        url: cluster.url,
                        authProvider: 'serviceAccount',
                        serviceAccountToken: 'portal-sa-token',
                      },
                    ],
                  },
                ],
              },
            },
          }),
        ],
      });
      server = backend.server;
      for (const d of [
        {
          id: 11,
          environment: 'staging',
          sha: SHA.a,
          at: '2026-11-01T10:00:00Z',
        },
        {
          id: 12,
          environment: 'staging',
          sha: SHA.b,
          at: '2026-11-02T10:00:00Z',
        },
        {
          id: 13,
          environment: 'dev',
          sha: SHA.c,
          ref: 'main',
          at: '2026-11-03T10:00:00Z',
        },
      ]) {
        await events.publish({
          topic: 'github.deployment_status',
          eventPayload: deploymentStatus({
            repository: 'Acme/Checkout',
            state: 'success',
            ...d,
          }),
        });
      }
      // a failed deployment is not what runs
      await events.publish({
        topic: 'github.deployment_status',
        eventPayload: deploymentStatus({
          repository: 'acme/checkout',
          id: 14,
          environment: 'dev',
          sha: SHA.a,
          state: 'failure',
          at: '2026-11-04T10:00:00Z',
        }),
      });
    });

    afterAll(async () => {
      await standIn.stop();
      await cluster.close();
    });

    const dispatch = (body: object) =>
      request(server).post('/api/deployments/actions').set(auth).send(body);

    it('refuses callers without credentials', async () => {
      const answer = await request(server)
        .get('/api/deployments/environments?entityRef=checkout')
        .set('Authorization', mockCredentials.none.header());
      expect(answer.status).toBe(401);
    });

    it('shows each environment with what runs there, what ran before and where a promotion goes', async () => {
      const answer = await request(server)
        .get('/api/deployments/environments?entityRef=checkout')
        .set(auth);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        entityRef: 'component:default/checkout',
        repository: 'acme/checkout',
        workflow: '.github/workflows/deploy.yaml',
        environments: [
          {
            name: 'dev',
            production: false,
            running: {
              deploymentId: 13,
              sha: SHA.c,
              ref: 'main',
              succeededAt: '2026-11-03T10:00:00.000Z',
            },
            next: 'staging',
            cluster: {
              status: 'running',
              cluster: 'stand-in',
              namespace: 'checkout-dev',
              workloads: [
                {
                  name: 'checkout',
                  image: `ghcr.io/acme/checkout:${SHA.c}`,
                  version: SHA.c,
                  desiredReplicas: 1,
                  readyReplicas: 1,
                  rollout: 'complete',
                },
              ],
              comparison: 'matches',
            },
          },
          {
            name: 'staging',
            production: false,
            running: {
              deploymentId: 12,
              sha: SHA.b,
              succeededAt: '2026-11-02T10:00:00.000Z',
            },
            previous: {
              deploymentId: 11,
              sha: SHA.a,
              succeededAt: '2026-11-01T10:00:00.000Z',
            },
            next: 'production',
            cluster: {
              status: 'running',
              cluster: 'stand-in',
              namespace: 'checkout-staging',
              workloads: [
                {
                  name: 'checkout',
                  image: `ghcr.io/acme/checkout:${SHA.a}`,
                  version: SHA.a,
                  desiredReplicas: 2,
                  readyReplicas: 2,
                  rollout: 'complete',
                },
              ],
              comparison: 'differs',
              mismatch:
                'cluster runs aaaaaaa, last deployment recorded bbbbbbb',
            },
          },
          {
            name: 'production',
            production: true,
            // the cluster's refusal is the row's, the answer is still GitHub's
            cluster: {
              status: 'forbidden',
              cluster: 'stand-in',
              namespace: 'checkout-production',
              message:
                'cluster "stand-in" refused to list Deployments in checkout-production (HTTP 403); the portal\'s service account needs list on deployments there',
            },
          },
        ],
      });
    });

    it('deploys a tag by dispatching the workflow at that tag, and audits it with the commit it resolved to', async () => {
      asked.length = 0;
      const answer = await dispatch({
        entityRef: 'checkout',
        action: 'deploy',
        environment: 'staging',
        ref: 'v1.2.0',
      });
      expect(answer.status).toBe(201);
      const sent = actions.dispatches.at(-1)!;
      expect(sent).toMatchObject({
        repo: 'checkout',
        ref: 'v1.2.0',
        headSha: SHA.tag,
        inputs: { environment: 'staging', ref: 'v1.2.0' },
      });
      expect(answer.body).toMatchObject({
        entityRef: 'component:default/checkout',
        repository: 'acme/checkout',
        action: 'deploy',
        environment: 'staging',
        ref: 'v1.2.0',
        sha: SHA.tag,
        actor: elena,
        result: 'dispatched',
        run: {
          id: sent.runId,
          url: `https://github.com/acme/checkout/actions/runs/${sent.runId}`,
          status: 'queued',
        },
      });
      expect(asked).toEqual([
        {
          permission: expect.objectContaining({ name: 'deployments.dispatch' }),
          resourceRef: 'component:default/checkout',
        },
      ]);

      // the page follows the run until it completes
      actions.progressRun(sent.runId, 'in_progress');
      actions.progressRun(sent.runId, 'completed', 'success');
      const followed = await request(server)
        .get(`/api/deployments/actions/${answer.body.id}`)
        .set(auth);
      expect(followed.status).toBe(200);
      expect(followed.body.run).toMatchObject({
        id: sent.runId,
        status: 'completed',
        conclusion: 'success',
      });
      expect(followed.body.run.durationSeconds).toBeGreaterThanOrEqual(0);
    });

    it('promotes what runs in dev to staging, from the workflow branch', async () => {
      const answer = await dispatch({
        entityRef: 'component:default/checkout',
        action: 'promote',
        environment: 'dev',
      });
      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({
        action: 'promote',
        fromEnvironment: 'dev',
        environment: 'staging',
        ref: SHA.c,
        sha: SHA.c,
      });
      expect(actions.dispatches.at(-1)).toMatchObject({
        ref: 'main',
        inputs: { environment: 'staging', ref: SHA.c },
      });
    });

    it('rolls staging back to its previous successful deployment', async () => {
      const answer = await dispatch({
        entityRef: 'checkout',
        action: 'rollback',
        environment: 'staging',
      });
      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({ ref: SHA.a, sha: SHA.a });
      expect(actions.dispatches.at(-1)).toMatchObject({
        ref: 'main',
        inputs: { environment: 'staging', ref: SHA.a },
      });
    });

    it('records a deployment of a dispatched run at the commit the portal asked for', async () => {
      // the rollback of staging ran from main; GitHub's deployment carries main's head
      const rollback = actions.dispatches.at(-1)!;
      expect(rollback.resolvedInputs.ref).toBe(SHA.a);
      await events.publish({
        topic: 'github.deployment_status',
        eventPayload: {
          ...deploymentStatus({
            repository: 'acme/checkout',
            id: 20,
            environment: 'staging',
            sha: rollback.headSha,
            ref: 'main',
            state: 'success',
            at: '2026-12-01T10:00:00Z',
          }),
          workflow_run: { id: rollback.runId },
        },
      });
      const answer = await request(server)
        .get('/api/deployments/environments?entityRef=checkout')
        .set(auth);
      expect(answer.body.environments[1]).toMatchObject({
        name: 'staging',
        running: { deploymentId: 20, sha: SHA.a },
        previous: { deploymentId: 12, sha: SHA.b },
      });
      expect(answer.body.environments[1].running.ref).toBeUndefined();
    });

    describe('refusals, each audited and nothing dispatched', () => {
      it.each([
        [
          'production without the production permission',
          {
            entityRef: 'checkout',
            action: 'deploy',
            environment: 'production',
            ref: 'v1.2.0',
          },
          403,
          'You may not deploy component:default/checkout to production: production needs membership of the owning team or of a production approver group (deployments.dispatch.production)',
        ],
        [
          'a component without a repository',
          {
            entityRef: 'unlinked',
            action: 'deploy',
            environment: 'dev',
            ref: 'v1',
          },
          409,
          'entityRef: component:default/unlinked has no github.com/project-slug annotation, so the portal does not know its repository',
        ],
        [
          'a repository without the deploy workflow',
          {
            entityRef: 'legacy',
            action: 'deploy',
            environment: 'dev',
            ref: 'main',
          },
          409,
          'workflow: .github/workflows/deploy.yaml is not in acme/legacy at main',
        ],
        [
          'a workflow without the ref input',
          {
            entityRef: 'no-ref',
            action: 'deploy',
            environment: 'dev',
            ref: 'main',
          },
          409,
          'workflow: .github/workflows/deploy.yaml of acme/no-ref does not accept the input ref under on.workflow_dispatch.inputs',
        ],
        [
          'a tag GitHub does not know (its 422)',
          {
            entityRef: 'checkout',
            action: 'deploy',
            environment: 'dev',
            ref: 'v9.9.9',
          },
          400,
          'ref: no branch or tag v9.9.9 in acme/checkout',
        ],
        [
          'an environment that is not configured',
          {
            entityRef: 'checkout',
            action: 'deploy',
            environment: 'qa',
            ref: 'main',
          },
          400,
          'environment: qa is not one of dev, staging, production',
        ],
        [
          'a promotion out of the last environment',
          {
            entityRef: 'checkout',
            action: 'promote',
            environment: 'production',
          },
          409,
          'environment: production is the last environment; there is nothing to promote it to',
        ],
        [
          'a rollback with nothing to go back to',
          { entityRef: 'checkout', action: 'rollback', environment: 'dev' },
          409,
          'environment: dev has no earlier successful deployment of another commit to roll back to',
        ],
        [
          'a deploy without a ref',
          { entityRef: 'checkout', action: 'deploy', environment: 'dev' },
          400,
          'ref: is required to deploy',
        ],
      ])('%s', async (_, body, status, message) => {
        productionAllowed = false;
        const before = actions.dispatches.length;
        const answer = await dispatch(body as object);
        productionAllowed = true;
        expect(answer.status).toBe(status);
        expect(answer.body.error.message).toBe(message);
        expect(actions.dispatches.length).toBe(before);
        const audit = await request(server)
          .get(
            `/api/deployments/actions?entityRef=${
              (body as any).entityRef
            }&limit=1`,
          )
          .set(auth);
        expect(audit.body.items[0]).toMatchObject({
          actor: elena,
          result: 'refused',
          reason: message,
        });
      });
    });

    it('does not find a request that does not exist', async () => {
      const answer = await request(server)
        .get('/api/deployments/actions/00000000-0000-4000-8000-000000000000')
        .set(auth);
      expect(answer.status).toBe(404);
    });

    it('lists the recent CI runs of the repository with status, conclusion, branch and duration', async () => {
      actions.seedRun('acme', 'checkout', {
        workflow: 'ci.yaml',
        branch: 'main',
        headSha: SHA.b,
        createdAt: '2026-12-01T09:00:00Z',
        durationSeconds: 187,
        conclusion: 'failure',
      });
      const answer = await request(server)
        .get('/api/deployments/runs?entityRef=checkout&limit=50')
        .set(auth);
      expect(answer.status).toBe(200);
      expect(answer.body.repository).toBe('acme/checkout');
      const ci = answer.body.items.find((r: any) => r.event === 'push');
      expect(ci).toMatchObject({
        name: 'CI',
        status: 'completed',
        conclusion: 'failure',
        branch: 'main',
        sha: SHA.b,
        durationSeconds: 187,
      });
      expect(ci.url).toMatch(
        /^https:\/\/github\.com\/acme\/checkout\/actions\/runs\/\d+$/,
      );
    });

    it('says why a component without a repository has no runs', async () => {
      const answer = await request(server)
        .get('/api/deployments/runs?entityRef=unlinked')
        .set(auth);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        entityRef: 'component:default/unlinked',
        unavailable:
          'component:default/unlinked has no github.com/project-slug annotation, so the portal does not know its repository',
        items: [],
      });
    });

    it('answers 404 for a component the catalog does not have', async () => {
      const answer = await request(server)
        .get('/api/deployments/environments?entityRef=ghost')
        .set(auth);
      expect(answer.status).toBe(404);
    });

    it('gives the stand-in no answer that GitHub would not give', () => {
      expect(standIn.violations).toEqual([]);
    });
  },
);
