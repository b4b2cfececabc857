/*
 * Publishing a golden path to GitHub, as the typescript-service template's publish-github
 * step does it: Backstage's own publish:github action, with its real Octokit and
 * isomorphic-git clients pointed at the local GitHub stand-in through the integration's API
 * base URL. The stand-in checks every answer against GitHub's OpenAPI description and serves
 * the repository over git's smart HTTP protocol (`git http-backend`), so the push is real and
 * the result is cloned back and read.
 */
import { ConfigReader } from '@backstage/config';
import {
  GithubOrganization,
  GithubStandIn,
  GitHttpHost,
  serveOrganizations,
} from '@internal/github-stand-in';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { actionContext } from './__testUtils__/context';
import {
  render,
  requireFromBackend,
  templatesDir,
} from './__testUtils__/render';

jest.setTimeout(120_000);

const execFileAsync = promisify(execFile);

const TOKEN = 'ghs_publish_test';

type GithubModule = {
  createPublishGithubAction(options: any): {
    handler(ctx: any): Promise<void>;
  };
};
type IntegrationModule = {
  ScmIntegrations: { fromConfig(config: ConfigReader): any };
  DefaultGithubCredentialsProvider: { fromIntegrations(i: any): any };
};

/** The typescript-service template's publish-github step input, with its expressions resolved. */
function publishStepInput(values: Record<string, string>) {
  const template = parse(
    fs.readFileSync(
      path.join(templatesDir, 'typescript-service', 'template.yaml'),
      'utf8',
    ),
  );
  const step = template.spec.steps.find(
    (s: { id: string }) => s.id === 'publish-github',
  );
  const resolve = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(resolve);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) => [k, resolve(x)]),
      );
    if (typeof v !== 'string') return v;
    return v
      .replace(/\$\{\{ parameters\.repoUrl \}\}/, values.repoUrl)
      .replace(/\$\{\{ parameters\.description \}\}/, values.description)
      .replace(
        /\$\{\{ parameters\.owner \| parseEntityRef \| pick\('name'\) \}\}/,
        values.ownerName,
      );
  };
  return resolve(step.input) as Record<string, unknown>;
}

describe('publishing a golden path to GitHub', () => {
  const standIn = new GithubStandIn();
  const org = new GithubOrganization('acme-retail', {
    teams: [{ slug: 'payments-team', name: 'Payments', members: [] }],
  });
  const gitRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-github-'));
  let publish: { handler(ctx: any): Promise<void> };
  let baseUrl: string;
  let workspace: string;

  beforeAll(async () => {
    standIn.git = new GitHttpHost(gitRoot, TOKEN);
    serveOrganizations(standIn, [org]);
    const apiBaseUrl = await standIn.start();
    baseUrl = apiBaseUrl;
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
    ).createPublishGithubAction({
      integrations,
      config,
      githubCredentialsProvider:
        DefaultGithubCredentialsProvider.fromIntegrations(integrations),
    });
    workspace = await render('typescript-service', {
      name: 'refunds-api',
      description: 'Refunds for the checkout',
      owner: 'group:default/payments-team',
      ownerName: 'payments-team',
      system: 'system:default/checkout',
      templateName: 'typescript-service',
      templateVersion: '1.0.0',
      githubSlug: 'acme-retail/refunds-api',
      githubOrg: 'acme-retail',
      environments: ['dev'],
      image: 'ghcr.io/acme-retail/refunds-api',
      database: false,
    } as any);
  });

  afterAll(async () => {
    await standIn.stop();
    fs.rmSync(gitRoot, { recursive: true, force: true });
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  afterEach(() => {
    const violations = standIn.violations.splice(0);
    // Every answer must have matched GitHub's OpenAPI description.
    if (violations.length) throw new Error(violations.join('\n'));
  });

  it('creates the repository with its settings, team, topics and branch protection, and pushes the code', async () => {
    const input = publishStepInput({
      repoUrl: 'github.com?owner=acme-retail&repo=refunds-api',
      description: 'Refunds for the checkout',
      ownerName: 'payments-team',
    });
    const ctx = actionContext({ input, workspacePath: workspace });
    await publish.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith(
      'repoContentsUrl',
      'https://github.com/acme-retail/refunds-api/blob/main',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'remoteUrl',
      expect.stringMatching(/\/git\/acme-retail\/refunds-api\.git$/),
    );

    const repo = org.repository('refunds-api')!;
    expect(repo.settings).toMatchObject({
      name: 'refunds-api',
      description: 'Refunds for the checkout',
      visibility: 'internal',
      delete_branch_on_merge: true,
    });
    expect(repo.teams).toEqual({ 'payments-team': 'push' });
    expect(repo.topics).toEqual(['golden-path', 'typescript-service']);
    expect(repo.protection?.main).toMatchObject({
      required_pull_request_reviews: {
        require_code_owner_reviews: true,
        required_approving_review_count: 1,
      },
    });

    // The pushed repository, cloned back with git: the rendered service on `main`.
    const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-clone-'));
    try {
      execFileSync('git', [
        'clone',
        '--quiet',
        standIn.git!.path('acme-retail', 'refunds-api'),
        clone,
      ]);
      const branch = execFileSync('git', ['branch', '--show-current'], {
        cwd: clone,
      })
        .toString()
        .trim();
      expect(branch).toBe('main');
      const author = execFileSync('git', ['log', '-1', '--format=%an <%ae>'], {
        cwd: clone,
      })
        .toString()
        .trim();
      expect(author).toBe('Acme Portal <portal@acme.example>');
      for (const file of [
        'catalog-info.yaml',
        'Dockerfile',
        'package.json',
        '.github/workflows/ci.yaml',
        'docs/index.md',
      ]) {
        expect(fs.existsSync(path.join(clone, file))).toBe(true);
      }
      expect(
        parse(fs.readFileSync(path.join(clone, 'catalog-info.yaml'), 'utf8'))
          .metadata.annotations['github.com/project-slug'],
      ).toBe('acme-retail/refunds-api');
    } finally {
      fs.rmSync(clone, { recursive: true, force: true });
    }
  });

  it('refuses to publish over an existing repository, before pushing anything', async () => {
    const pushesBefore = standIn.log.filter(r =>
      r.url.includes('git-receive-pack'),
    ).length;
    const ctx = actionContext({
      input: publishStepInput({
        repoUrl: 'github.com?owner=acme-retail&repo=refunds-api',
        description: 'Again',
        ownerName: 'payments-team',
      }),
      workspacePath: workspace,
    });
    await expect(publish.handler(ctx)).rejects.toThrow(/already exists/);
    expect(
      standIn.log.filter(r => r.url.includes('git-receive-pack')).length,
    ).toBe(pushesBefore);
  });

  it('refuses git access without the token', async () => {
    // Asynchronously: the stand-in answers from this same process. Without credentials git
    // gets a 401 and gives up (no prompt).
    await expect(
      execFileAsync(
        'git',
        [
          'ls-remote',
          standIn.git!.cloneUrl(baseUrl, 'acme-retail', 'refunds-api'),
        ],
        { env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } },
      ),
    ).rejects.toThrow(/401|Authentication failed|could not read Username/);
  });
});
