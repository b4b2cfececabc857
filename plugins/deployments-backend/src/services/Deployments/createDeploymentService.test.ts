import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  GithubOrganization,
  GithubStandIn,
  serveActions,
  serveOrganizations,
} from '@internal/github-stand-in';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { Octokit } from '@octokit/rest';
import { component, DEPLOY_WORKFLOW } from '../../__testUtils__/fixtures';
import { DatabaseDeploymentStore } from '../../database/DatabaseDeploymentStore';
import { createDeploymentGithub } from './DeploymentGithub';
import { createDeploymentService } from './createDeploymentService';

jest.setTimeout(60_000);

const databases = createPostgresTestDatabases();

describe.each(databases.eachSupportedId())(
  'a dispatch GitHub answers without its run, on %p',
  databaseId => {
    const standIn = new GithubStandIn();
    afterAll(() => standIn.stop());

    it('finds the run among the workflow dispatches made since, and follows it', async () => {
      const org = new GithubOrganization('acme', {
        repositories: [
          {
            name: 'checkout',
            tags: { 'v1.2.0': '1'.repeat(40) },
            files: { '.github/workflows/deploy.yaml': DEPLOY_WORKFLOW },
          },
        ],
      });
      serveOrganizations(standIn, [org]);
      const actions = serveActions(standIn, [org]);
      const baseUrl = await standIn.start();
      const knex = await databases.init(databaseId);
      const store = await DatabaseDeploymentStore.create({
        database: { getClient: async () => knex },
      });
      const github = createDeploymentGithub({
        host: 'github.com',
        octokitFor: () => new Octokit({ baseUrl, auth: 'ghs_test' }),
      });
      const deployments = createDeploymentService({
        catalog: catalogServiceMock({
          entities: [
            component(
              'checkout',
              'group:default/payments-team',
              'acme/checkout',
            ),
          ],
        }),
        permissions: mockServices.permissions({
          result: AuthorizeResult.ALLOW,
        }),
        store,
        // as GitHub Enterprise Server answers: 204, no run details
        github: {
          ...github,
          dispatch: async (...args) => {
            await github.dispatch(...args);
            return {};
          },
        },
        config: {
          environments: [
            { name: 'dev', production: false },
            { name: 'staging', production: false },
            { name: 'production', production: true },
          ],
          workflow: 'deploy.yaml',
          workflowBranch: 'main',
          githubHost: 'github.com',
        },
        logger: mockServices.logger.mock(),
      });
      const credentials = mockCredentials.user('user:default/elena.rossi');

      // two requests: each takes the oldest dispatched run no other request has taken
      const first = await deployments.dispatch(credentials, {
        entityRef: 'checkout',
        action: 'deploy',
        environment: 'dev',
        ref: 'v1.2.0',
      });
      const second = await deployments.dispatch(credentials, {
        entityRef: 'checkout',
        action: 'deploy',
        environment: 'staging',
        ref: 'v1.2.0',
      });
      expect(first.run).toBeUndefined();
      expect(second.run).toBeUndefined();
      const [runOfFirst, runOfSecond] = actions.dispatches.map(d => d.runId);

      const followedFirst = await deployments.getAction(credentials, first.id);
      expect(followedFirst.run?.id).toBe(runOfFirst);
      const followedSecond = await deployments.getAction(
        credentials,
        second.id,
      );
      expect(followedSecond.run).toMatchObject({
        id: runOfSecond,
        status: 'queued',
        url: `https://github.com/acme/checkout/actions/runs/${runOfSecond}`,
      });
      expect(followedSecond.sha).toBe('1'.repeat(40));

      actions.progressRun(runOfSecond, 'completed', 'failure');
      expect(
        (await deployments.getAction(credentials, second.id)).run,
      ).toMatchObject({ status: 'completed', conclusion: 'failure' });
    });
  },
);
