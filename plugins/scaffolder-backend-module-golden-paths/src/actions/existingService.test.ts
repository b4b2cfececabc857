/*
 * A golden path for an existing service, step by step as the add-* templates run it: fetch the
 * component's default branch (after checking the user's team owns it), change it, and push the
 * proposal as a branch on the local git host; again for the same component, and against the
 * GitHub stand-in's git server for a component on GitHub.
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
import { parseAllDocuments } from 'yaml';
import { actionContext } from '../__testUtils__/context';
import { servePullRequests } from '../__testUtils__/githubPullRequests';
import { HOSTILE_SUFFIXES } from '../__testUtils__/hostile';
import { render } from '../__testUtils__/render';
import { LocalGitHost } from '../lib/LocalGitHost';
import { localGitPaths } from '../lib/paths';
import { createAddDatabaseAction } from './changeExisting';
import { createFetchExistingAction } from './fetchExisting';
import { createPublishLocalBranchAction } from './publishLocalBranch';

jest.setTimeout(60_000);

const TOKEN = 'ghs_existing_service_test';

function group(name: string, members: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: members.map(member => ({
      type: 'hasMember',
      targetRef: `user:default/${member}`,
    })),
  };
}

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      type: 'service',
      owner: 'group:default/payments-team',
      system: 'checkout',
      lifecycle: 'experimental',
    },
  };
}

const userInfo: UserInfoService = {
  async getUserInfo(credentials) {
    const ref = (credentials.principal as { userEntityRef: string })
      .userEntityRef;
    return { userEntityRef: ref, ownershipEntityRefs: [ref] };
  },
};

function serviceValues(name: string, githubSlug = '') {
  return {
    name,
    description: 'Takes orders',
    owner: 'group:default/payments-team',
    ownerName: 'payments-team',
    system: 'system:default/checkout',
    templateName: 'typescript-service',
    templateVersion: '1.1.0',
    githubSlug,
    githubOrg: githubSlug ? 'acme-retail' : '',
    environments: ['dev', 'production'],
    image: `ghcr.io/acme-retail/${name}`,
    database: false,
  };
}

const git = (args: string[], cwd: string) =>
  execFileSync('git', args, { cwd }).toString().trim();

describe('golden paths for existing services', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-existing-'));
  const host = new LocalGitHost(localGitPaths(path.join(root, 'data')));
  const standIn = new GithubStandIn();
  const gitRoot = path.join(root, 'github');
  const workspaces: string[] = [];
  let catalog: ReturnType<typeof catalogServiceMock>;
  let githubConfig: ConfigReader;

  const workspace = () => {
    const dir = fs.mkdtempSync(path.join(root, 'ws-'));
    workspaces.push(dir);
    return dir;
  };

  beforeAll(async () => {
    const rendered = await render(
      'typescript-service',
      serviceValues('orders-api'),
    );
    const published = await host.publish({
      name: 'orders-api',
      sourceDir: rendered,
      commitMessage: 'Initial commit',
    });
    fs.rmSync(rendered, { recursive: true, force: true });

    fs.mkdirSync(gitRoot);
    standIn.git = new GitHttpHost(gitRoot, TOKEN);
    const apiBaseUrl = await standIn.start();
    githubConfig = new ConfigReader({
      integrations: {
        github: [{ host: 'github.com', apiBaseUrl, token: TOKEN }],
      },
    });
    const onGithub = await render(
      'typescript-service',
      serviceValues('refunds-api', 'acme-retail/refunds-api'),
    );
    const bare = standIn.git.createRepository('acme-retail', 'refunds-api');
    servePullRequests(standIn, {
      owner: 'acme-retail',
      repo: 'refunds-api',
      bare,
      cloneUrl: standIn.git.cloneUrl(apiBaseUrl, 'acme-retail', 'refunds-api'),
    });
    git(['init', '-q', '-b', 'main'], onGithub);
    git(['add', '-A'], onGithub);
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
      onGithub,
    );
    git(['push', '-q', bare, 'main'], onGithub);
    fs.rmSync(onGithub, { recursive: true, force: true });

    catalog = catalogServiceMock({
      entities: [
        component('orders-api', {
          'backstage.io/managed-by-location': `file:${published.catalogInfoPath}`,
        }),
        component('refunds-api', {
          'github.com/project-slug': 'acme-retail/refunds-api',
        }),
        component('legacy-api', {}),
        group('payments-team', ['elena.rossi']),
        group('platform-team', ['jonas.weber']),
      ],
    });
  });

  afterAll(async () => {
    await standIn.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  function fetchAction() {
    return createFetchExistingAction({
      catalog,
      config: githubConfig,
      userInfo,
      host,
      logger: mockServices.logger.mock(),
    });
  }

  /** The template's steps up to the proposal, with their outputs. */
  async function addDatabase(
    componentRef: string,
    user = 'user:default/elena.rossi',
  ) {
    const workspacePath = workspace();
    const fetched = actionContext({
      input: { component: componentRef },
      workspacePath,
      user,
    });
    await fetchAction().handler(fetched);
    const output = (ctx: any) =>
      Object.fromEntries(ctx.output.mock.calls as Array<[string, unknown]>);
    const fetch = output(fetched);
    const changed = actionContext({
      input: { name: fetch.name },
      workspacePath,
      user,
    });
    await createAddDatabaseAction().handler(changed);
    return { workspacePath, fetch, change: output(changed), user, output };
  }

  it('checks the owner, clones the default branch and pushes the change as a portal branch', async () => {
    const { workspacePath, fetch, change, user, output } = await addDatabase(
      'component:default/orders-api',
    );
    expect(fetch).toMatchObject({
      name: 'orders-api',
      owner: 'group:default/payments-team',
      system: 'system:default/checkout',
      host: 'local',
      localRepository: 'orders-api',
      repoUrl: '',
      defaultBranch: 'main',
      environments: ['dev', 'production'],
      kubernetesConfigured: false,
    });
    expect(change).toMatchObject({
      branch: 'portal/add-database',
      title: 'Add a PostgreSQL database to orders-api',
      environments: ['dev', 'production'],
    });
    // Only the changed files are in the pull request's folder.
    expect(
      fs
        .readdirSync(path.join(workspacePath, 'change'), { recursive: true })
        .map(String)
        .filter(f => f.includes('.'))
        .sort(),
    ).toEqual([
      'catalog-info.yaml',
      'k8s/base/deployment.yaml',
      'package.json',
      'src/config.ts',
      'src/database/database.ts',
      'src/index.ts',
    ]);

    const published = actionContext({
      input: {
        name: fetch.localRepository,
        branch: change.branch,
        title: change.title,
        description: change.description,
      },
      workspacePath,
      user,
    });
    await createPublishLocalBranchAction({ host }).handler(published);
    const pushed = output(published);
    const bare = host.repositoryPath('orders-api');
    expect(pushed).toMatchObject({
      remoteUrl: bare,
      branch: 'portal/add-database',
      defaultBranch: 'main',
    });
    expect(git(['rev-parse', 'portal/add-database'], bare)).toBe(pushed.commit);
    expect(git(['log', '-1', '--format=%s', 'portal/add-database'], bare)).toBe(
      'Add a PostgreSQL database to orders-api',
    );
    expect(
      git(['diff', '--name-only', 'main', 'portal/add-database'], bare).split(
        '\n',
      ),
    ).toHaveLength(6);
    const catalogInfo = git(
      ['show', 'portal/add-database:catalog-info.yaml'],
      bare,
    );
    expect(parseAllDocuments(catalogInfo).map(d => d.toJS().kind)).toEqual([
      'Component',
      'Resource',
    ]);
    // The default branch is untouched until someone merges.
    expect(git(['show', 'main:catalog-info.yaml'], bare)).not.toContain(
      'orders-api-db',
    );

    // Again for the same service: the same branch, replaced, one commit on top of main.
    const again = await addDatabase('component:default/orders-api');
    const republished = actionContext({
      input: {
        name: 'orders-api',
        branch: again.change.branch,
        title: again.change.title,
        description: again.change.description,
      },
      workspacePath: again.workspacePath,
      user,
    });
    await createPublishLocalBranchAction({ host }).handler(republished);
    expect(
      git(['rev-list', '--count', 'main..portal/add-database'], bare),
    ).toBe('1');
    expect(git(['branch', '--list'], bare).split('\n')).toHaveLength(2);
  });

  it('refuses a branch someone else has committed to', async () => {
    const bare = host.repositoryPath('orders-api');
    const clone = workspace();
    git(['clone', '-q', '-b', 'portal/add-database', bare, clone], root);
    fs.writeFileSync(path.join(clone, 'NOTES.md'), 'mine\n');
    git(['add', '-A'], clone);
    git(
      [
        '-c',
        'user.name=Elena',
        '-c',
        'user.email=elena@acme.example',
        'commit',
        '-q',
        '-m',
        'notes',
      ],
      clone,
    );
    git(['push', '-q', 'origin', 'portal/add-database'], clone);
    const again = await addDatabase('component:default/orders-api');
    await expect(
      createPublishLocalBranchAction({ host }).handler(
        actionContext({
          input: {
            name: 'orders-api',
            branch: 'portal/add-database',
            title: 't',
          },
          workspacePath: again.workspacePath,
        }),
      ),
    ).rejects.toThrow(/has commits by elena@acme\.example/);
  });

  it('refuses a service that already has a database once the change is merged', async () => {
    const bare = host.repositoryPath('orders-api');
    git(
      ['update-ref', 'refs/heads/main', 'refs/heads/portal/add-database'],
      bare,
    );
    await expect(addDatabase('component:default/orders-api')).rejects.toThrow(
      'orders-api already has a database (catalog-info.yaml depends on resource:orders-api-db)',
    );
  });

  it('clones a component on GitHub with the integration token', async () => {
    const { fetch, change } = await addDatabase(
      'component:default/refunds-api',
    );
    expect(fetch).toMatchObject({
      host: 'github',
      localRepository: '',
      repoUrl: 'github.com?owner=acme-retail&repo=refunds-api',
      defaultBranch: 'main',
    });
    expect(change.files).toContain('catalog-info.yaml');
  });

  it.each(HOSTILE_SUFFIXES)(
    'refuses a component reference with %s before reading the catalog',
    async (_, suffix) => {
      const getEntityByRef = jest.spyOn(catalog, 'getEntityByRef');
      await expect(
        addDatabase(`component:default/orders-api${suffix}`),
      ).rejects.toThrow(
        /^component: .* must be the entity reference of a Component/,
      );
      expect(getEntityByRef).not.toHaveBeenCalled();
      getEntityByRef.mockRestore();
    },
  );

  it('refuses to clone from a host other than the GitHub integration', async () => {
    // A GitHub whose repository answer points git elsewhere.
    const elsewhere = new GithubStandIn();
    const apiBaseUrl = await elsewhere.start();
    try {
      servePullRequests(elsewhere, {
        owner: 'acme-retail',
        repo: 'refunds-api',
        bare: standIn.git!.path('acme-retail', 'refunds-api'),
        cloneUrl: 'https://git.attacker.example/acme-retail/refunds-api.git',
      });
      const action = createFetchExistingAction({
        catalog,
        config: new ConfigReader({
          integrations: {
            github: [{ host: 'github.com', apiBaseUrl, token: TOKEN }],
          },
        }),
        userInfo,
        host,
        logger: mockServices.logger.mock(),
      });
      const workspacePath = workspace();
      await expect(
        action.handler(
          actionContext({
            input: { component: 'component:default/refunds-api' },
            workspacePath,
            user: 'user:default/elena.rossi',
          }),
        ),
      ).rejects.toThrow(
        /GitHub answered the clone URL https:\/\/git\.attacker\.example\/…, which is not https:\/\/github\.com or http:\/\/127\.0\.0\.1:\d+; the portal does not clone from it/,
      );
      expect(fs.readdirSync(workspacePath)).toEqual([]);
    } finally {
      await elsewhere.stop();
    }
  });

  it('refuses a user outside the owning team, and a component without a repository', async () => {
    await expect(
      addDatabase('component:default/orders-api', 'user:default/mallory'),
    ).rejects.toThrow(/is not a member of group:default\/payments-team/);
    await expect(addDatabase('component:default/legacy-api')).rejects.toThrow(
      /component:default\/legacy-api has no repository the portal can change/,
    );
    await expect(addDatabase('component:default/nothing')).rejects.toThrow(
      /component: component:default\/nothing is not a Component in the catalog/,
    );
    await expect(
      createPublishLocalBranchAction({ host }).handler(
        actionContext({
          input: { name: 'orders-api', branch: 'main', title: 't' },
          workspacePath: workspace(),
        }),
      ),
    ).rejects.toThrow(/branch: "main" must look like portal\/add-database/);
  });
});
