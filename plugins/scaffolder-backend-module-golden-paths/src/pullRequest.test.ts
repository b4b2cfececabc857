/*
 * A golden path for an existing service on GitHub, end to end: the add-database template's own
 * pull-request step input, resolved from the outputs of acme:existing:fetch and
 * acme:existing:add-database, run by Backstage's publish:github:pull-request with its real
 * Octokit pointed at the GitHub stand-in. The stand-in hosts the repository with git itself and
 * checks every answer against GitHub's OpenAPI description; the test reads the branch back.
 */
import { UserInfoService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { GithubStandIn, GitHttpHost } from '@internal/github-stand-in';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { actionContext } from './__testUtils__/context';
import { servePullRequests } from './__testUtils__/githubPullRequests';
import {
  render,
  requireFromBackend,
  templatesDir,
} from './__testUtils__/render';
import {
  createAddDatabaseAction,
  createAddEnvironmentAction,
} from './actions/changeExisting';
import { createFetchExistingAction } from './actions/fetchExisting';
import { LocalGitHost } from './lib/LocalGitHost';
import { localGitPaths } from './lib/paths';

jest.setTimeout(120_000);

const TOKEN = 'ghs_pull_request_test';

type GithubModule = {
  createPublishGithubPullRequestAction(options: any): {
    handler(ctx: any): Promise<void>;
  };
};
type EnvironmentModule = {
  createGithubEnvironmentAction(options: any): {
    handler(ctx: any): Promise<void>;
  };
};
type IntegrationModule = {
  ScmIntegrations: { fromConfig(config: ConfigReader): any };
  DefaultGithubCredentialsProvider: { fromIntegrations(i: any): any };
};

const git = (args: string[], cwd: string) =>
  execFileSync('git', args, { cwd }).toString().trim();

/**
 * A step's input of an add-* template, its `${{ steps.<id>.output.<key> }}` and
 * `${{ parameters.<key> }}` expressions resolved.
 */
function stepInput(
  template: string,
  stepId: string,
  outputs: Record<string, Record<string, unknown>>,
  parameters: Record<string, unknown> = {},
) {
  const doc = parse(
    fs.readFileSync(path.join(templatesDir, template, 'template.yaml'), 'utf8'),
  );
  const step = doc.spec.steps.find((s: { id: string }) => s.id === stepId);
  return Object.fromEntries(
    Object.entries(step.input).map(([key, value]) => {
      const output =
        typeof value === 'string' &&
        /^\$\{\{ steps\.([a-z-]+)\.output\.([A-Za-z]+) \}\}$/.exec(value);
      const parameter =
        typeof value === 'string' &&
        /^\$\{\{ parameters\.([A-Za-z]+) \}\}$/.exec(value);
      if (output) return [key, outputs[output[1]][output[2]]];
      if (parameter) return [key, parameters[parameter[1]]];
      return [key, value];
    }),
  );
}

const outputsOf = (ctx: any) =>
  Object.fromEntries(ctx.output.mock.calls as Array<[string, unknown]>);

describe('a golden path for an existing service on GitHub', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-pull-request-'));
  const standIn = new GithubStandIn();
  let bare: string;
  let pulls: ReturnType<typeof servePullRequests>['pulls'];
  let publish: { handler(ctx: any): Promise<void> };
  let createEnvironment: { handler(ctx: any): Promise<void> };
  let environments: ReturnType<typeof servePullRequests>['environments'];
  let fetchAction: ReturnType<typeof createFetchExistingAction>;

  beforeAll(async () => {
    standIn.git = new GitHttpHost(path.join(root, 'github'), TOKEN);
    const apiBaseUrl = await standIn.start();
    bare = standIn.git.createRepository('acme-retail', 'refunds-api');
    const rendered = await render('typescript-service', {
      name: 'refunds-api',
      description: 'Refunds',
      owner: 'group:default/payments-team',
      ownerName: 'payments-team',
      system: 'system:default/checkout',
      templateName: 'typescript-service',
      templateVersion: '1.1.0',
      githubSlug: 'acme-retail/refunds-api',
      githubOrg: 'acme-retail',
      environments: ['dev'],
      image: 'ghcr.io/acme-retail/refunds-api',
      database: false,
    });
    git(['init', '-q', '-b', 'main'], rendered);
    git(['add', '-A'], rendered);
    git(
      [
        '-c',
        'user.name=t',
        '-c',
        'user.email=t@example.com',
        'commit',
        '-q',
        '-m',
        'init',
      ],
      rendered,
    );
    git(['push', '-q', bare, 'main'], rendered);
    fs.rmSync(rendered, { recursive: true, force: true });
    ({ pulls, environments } = servePullRequests(standIn, {
      owner: 'acme-retail',
      repo: 'refunds-api',
      bare,
      cloneUrl: standIn.git.cloneUrl(apiBaseUrl, 'acme-retail', 'refunds-api'),
    }));

    const config = new ConfigReader({
      integrations: {
        github: [{ host: 'github.com', apiBaseUrl, token: TOKEN }],
      },
      scaffolder: {
        defaultAuthor: { name: 'Acme Portal', email: 'portal@acme.example' },
      },
    });
    const { ScmIntegrations, DefaultGithubCredentialsProvider } =
      requireFromBackend<IntegrationModule>('@backstage/integration');
    const integrations = ScmIntegrations.fromConfig(config);
    publish = requireFromBackend<GithubModule>(
      '@backstage/plugin-scaffolder-backend-module-github',
    ).createPublishGithubPullRequestAction({
      integrations,
      config,
      githubCredentialsProvider:
        DefaultGithubCredentialsProvider.fromIntegrations(integrations),
    });
    createEnvironment = requireFromBackend<EnvironmentModule>(
      '@backstage/plugin-scaffolder-backend-module-github',
    ).createGithubEnvironmentAction({ integrations, catalog: {} });
    const userInfo: UserInfoService = {
      async getUserInfo(credentials) {
        const ref = (credentials.principal as { userEntityRef: string })
          .userEntityRef;
        return { userEntityRef: ref, ownershipEntityRefs: [ref] };
      },
    };
    const entities: Entity[] = [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'refunds-api',
          namespace: 'default',
          annotations: { 'github.com/project-slug': 'acme-retail/refunds-api' },
        },
        spec: {
          type: 'service',
          owner: 'payments-team',
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
    fetchAction = createFetchExistingAction({
      catalog: catalogServiceMock({ entities }),
      config,
      userInfo,
      host: new LocalGitHost(localGitPaths(path.join(root, 'data'))),
      logger: mockServices.logger.mock(),
    });
  });

  afterAll(async () => {
    await standIn.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  afterEach(() => {
    const violations = standIn.violations.splice(0);
    // Every answer must have matched GitHub's OpenAPI description.
    if (violations.length) throw new Error(violations.join('\n'));
  });

  async function runTemplate() {
    const workspacePath = fs.mkdtempSync(path.join(root, 'ws-'));
    const user = 'user:default/elena.rossi';
    const fetch = actionContext({
      input: { component: 'component:default/refunds-api' },
      workspacePath,
      user,
    });
    await fetchAction.handler(fetch);
    const change = actionContext({
      input: stepInput('add-database', 'change', { fetch: outputsOf(fetch) }),
      workspacePath,
      user,
    });
    await createAddDatabaseAction().handler(change);
    const pullRequest = actionContext({
      input: stepInput('add-database', 'pull-request', {
        fetch: outputsOf(fetch),
        change: outputsOf(change),
      }),
      workspacePath,
      user,
    });
    await publish.handler(pullRequest);
    return outputsOf(pullRequest);
  }

  it('opens a pull request with only the changed files and says what changed and why', async () => {
    const output = await runTemplate();
    expect(output).toMatchObject({
      pullRequestNumber: 1,
      targetBranchName: 'main',
      remoteUrl: 'https://github.com/acme-retail/refunds-api/pull/1',
    });
    expect(pulls).toEqual([
      expect.objectContaining({
        number: 1,
        head: 'portal/add-database',
        base: 'main',
        title: 'Add a PostgreSQL database to refunds-api',
      }),
    ]);
    expect(pulls[0].body).toContain('## What changes');
    expect(pulls[0].body).toContain('Secret `refunds-api-db`');
    expect(
      git(['diff', '--name-only', 'main', 'portal/add-database'], bare)
        .split('\n')
        .sort(),
    ).toEqual([
      'catalog-info.yaml',
      'k8s/base/deployment.yaml',
      'package.json',
      'src/config.ts',
      'src/database/database.ts',
      'src/index.ts',
    ]);
    expect(
      git(['log', '-1', '--format=%an <%ae>', 'portal/add-database'], bare),
    ).toBe('Acme Portal <portal@acme.example>');
    const catalogInfo = git(
      ['show', 'portal/add-database:catalog-info.yaml'],
      bare,
    );
    expect(parseAllDocuments(catalogInfo).map(d => d.toJS().kind)).toEqual([
      'Component',
      'Resource',
    ]);
  });

  it('updates the same pull request and branch when run again', async () => {
    const output = await runTemplate();
    expect(output.pullRequestNumber).toBe(1);
    expect(pulls).toHaveLength(1);
    expect(
      git(['rev-list', '--count', 'main..portal/add-database'], bare),
    ).toBe('1');
    expect(
      standIn.log.filter(
        r => r.method === 'PATCH' && r.url.includes('/pulls/1'),
      ),
    ).toHaveLength(1);
  });

  it('add-environment opens its pull request and creates the GitHub environment of the deploy job', async () => {
    const workspacePath = fs.mkdtempSync(path.join(root, 'ws-'));
    const user = 'user:default/elena.rossi';
    const parameters = { environment: 'staging' };
    const fetch = actionContext({
      input: { component: 'component:default/refunds-api' },
      workspacePath,
      user,
    });
    await fetchAction.handler(fetch);
    const change = actionContext({
      input: stepInput(
        'add-environment',
        'change',
        { fetch: outputsOf(fetch) },
        parameters,
      ),
      workspacePath,
      user,
    });
    await createAddEnvironmentAction().handler(change);
    const outputs = { fetch: outputsOf(fetch), change: outputsOf(change) };
    const pullRequest = actionContext({
      input: stepInput('add-environment', 'pull-request', outputs, parameters),
      workspacePath,
      user,
    });
    await publish.handler(pullRequest);
    expect(outputsOf(pullRequest).pullRequestNumber).toBe(2);
    expect(pulls[1]).toMatchObject({
      head: 'portal/add-environment-staging',
      title: 'Add the staging environment to refunds-api',
    });
    expect(
      parse(
        git(
          ['show', 'portal/add-environment-staging:.github/workflows/ci.yaml'],
          bare,
        ),
      ).jobs['deploy-staging'].environment,
    ).toBe('staging');

    await createEnvironment.handler(
      actionContext({
        input: stepInput(
          'add-environment',
          'github-environment',
          outputs,
          parameters,
        ),
        workspacePath,
        user,
      }),
    );
    expect([...environments.keys()]).toEqual(['staging']);
  });
});
