import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Octokit } from '@octokit/rest';
import { createdFilter, GithubActions, serveActions } from './actions';
import { GithubOrganization, serveOrganizations } from './organization';
import { GitHttpHost } from './git';
import { GithubStandIn } from './GithubStandIn';

const DEPLOY = `name: Deploy
run-name: Deploy \${{ inputs.version }} to \${{ inputs.environment }} by \${{ github.actor }}
on:
  workflow_dispatch:
    inputs:
      environment:
        type: choice
        required: true
        options: [staging, production]
      version:
        required: true
      dry-run:
        type: boolean
        default: false
jobs: {}
`;
const CI = `name: CI
on: [push, pull_request]
jobs: {}
`;

const org = new GithubOrganization('acme-retail', {
  repositories: [
    {
      name: 'cart',
      files: {
        '.github/workflows/deploy.yaml': DEPLOY,
        '.github/workflows/ci.yml': CI,
        '.github/workflows/README.md': 'not a workflow',
        'catalog-info.yaml': 'kind: Component\n',
      },
      branches: { 'release/1.2': 'a'.repeat(40) },
      tags: { 'v1.2.3': 'b'.repeat(40) },
    },
    { name: 'web' },
  ],
});

describe('GitHub Actions on the stand-in', () => {
  const standIn = new GithubStandIn();
  let actions: GithubActions;
  let octokit: Octokit;
  let baseUrl: string;
  let receiver: Server;
  const received: Array<{ event: string; action: string; signed: boolean }> =
    [];
  const repo = { owner: 'acme-retail', repo: 'cart' };

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', c => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        const expected = `sha256=${createHmac('sha256', 'hook-secret')
          .update(body)
          .digest('hex')}`;
        received.push({
          event: String(req.headers['x-github-event']),
          action: JSON.parse(body).action,
          signed: req.headers['x-hub-signature-256'] === expected,
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>(r => receiver.listen(0, '127.0.0.1', r));
    const port = (receiver.address() as AddressInfo).port;
    serveOrganizations(standIn, [org]);
    actions = serveActions(standIn, [org], {
      actor: authorization =>
        authorization === 'token ada-token' ? 'ada' : 'someone',
      webhooks: { url: `http://127.0.0.1:${port}/`, secret: 'hook-secret' },
    });
    baseUrl = await standIn.start();
    octokit = new Octokit({
      baseUrl,
      auth: 'ada-token',
    });
  });
  afterAll(async () => {
    await standIn.stop();
    await new Promise(r => receiver.close(r));
  });
  afterEach(() => {
    const violations = standIn.violations.splice(0);
    // Every answer must have matched GitHub's OpenAPI description.
    if (violations.length) throw new Error(violations.join('\n'));
  });

  it('lists the workflows of .github/workflows and finds one by id or file name', async () => {
    const { data } = await octokit.rest.actions.listRepoWorkflows(repo);
    expect(data.total_count).toBe(2);
    expect(data.workflows.map(w => [w.name, w.path, w.state])).toEqual([
      ['CI', '.github/workflows/ci.yml', 'active'],
      ['Deploy', '.github/workflows/deploy.yaml', 'active'],
    ]);
    const byName = await octokit.rest.actions.getWorkflow({
      ...repo,
      workflow_id: 'deploy.yaml',
    });
    const byId = await octokit.rest.actions.getWorkflow({
      ...repo,
      workflow_id: byName.data.id,
    });
    expect(byId.data).toEqual(byName.data);
    await expect(
      octokit.rest.actions.getWorkflow({ ...repo, workflow_id: 'nope.yaml' }),
    ).rejects.toMatchObject({ status: 404 });
    const none = await octokit.rest.actions.listRepoWorkflows({
      owner: 'acme-retail',
      repo: 'web',
    });
    expect(none.data).toEqual({ total_count: 0, workflows: [] });
  });

  it('refuses dispatches as GitHub does', async () => {
    const dispatch = (workflow_id: string, ref: string, inputs?: object) =>
      octokit.rest.actions.createWorkflowDispatch({
        ...repo,
        workflow_id,
        ref,
        inputs: inputs as Record<string, string>,
      });
    const refusal = (status: number, message: string) =>
      expect.objectContaining({
        status,
        response: expect.objectContaining({
          data: expect.objectContaining({ message }),
        }),
      });
    await expect(dispatch('nope.yaml', 'main')).rejects.toEqual(
      refusal(404, 'Not Found'),
    );
    await expect(dispatch('ci.yml', 'main')).rejects.toEqual(
      refusal(422, "Workflow does not have 'workflow_dispatch' trigger"),
    );
    await expect(dispatch('deploy.yaml', 'no-such-branch')).rejects.toEqual(
      refusal(422, 'No ref found for: no-such-branch'),
    );
    await expect(
      dispatch('deploy.yaml', 'main', {
        environment: 'staging',
        version: '1',
        colour: 'red',
      }),
    ).rejects.toEqual(refusal(422, 'Unexpected inputs provided: ["colour"]'));
    await expect(
      dispatch('deploy.yaml', 'main', { environment: 'staging' }),
    ).rejects.toEqual(refusal(422, "Required input 'version' not provided"));
    await expect(
      dispatch('deploy.yaml', 'main', { environment: 'qa', version: '1' }),
    ).rejects.toEqual(
      refusal(
        422,
        "Provided value 'qa' for input 'environment' not in the list of allowed values",
      ),
    );
    await expect(
      dispatch('deploy.yaml', 'main', {
        environment: 'staging',
        version: '1',
        'dry-run': 'maybe',
      }),
    ).rejects.toEqual(
      refusal(
        422,
        "Provided value 'maybe' for input 'dry-run' not in the list of allowed values",
      ),
    );
    await expect(
      octokit.request(
        'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
        { ...repo, workflow_id: 'deploy.yaml' } as any,
      ),
    ).rejects.toEqual(
      refusal(422, 'Invalid request.\n\n"ref" wasn\'t supplied.'),
    );
    const malformed = await fetch(
      `${baseUrl}/repos/acme-retail/cart/actions/workflows/deploy.yaml/dispatches`,
      { method: 'POST', body: '{"ref": "main"' },
    );
    expect([malformed.status, await malformed.json()]).toEqual([
      400,
      expect.objectContaining({ message: 'Problems parsing JSON' }),
    ]);
    expect(actions.dispatches).toEqual([]);
    expect(actions.runs).toEqual([]);
  });

  it('creates a queued run per dispatch, records it, and moves it to completion', async () => {
    const response = await octokit.rest.actions.createWorkflowDispatch({
      ...repo,
      workflow_id: 'deploy.yaml',
      ref: 'v1.2.3',
      inputs: { environment: 'production', version: '1.2.3' },
    });
    expect(response.status).toBe(204);
    const [dispatch] = actions.dispatches;
    expect(dispatch).toMatchObject({
      owner: 'acme-retail',
      repo: 'cart',
      workflowPath: '.github/workflows/deploy.yaml',
      ref: 'v1.2.3',
      headBranch: 'v1.2.3',
      headSha: 'b'.repeat(40),
      inputs: { environment: 'production', version: '1.2.3' },
      resolvedInputs: {
        environment: 'production',
        version: '1.2.3',
        'dry-run': 'false',
      },
      actor: 'ada',
      authorization: 'token ada-token',
    });
    const { data: run } = await octokit.rest.actions.getWorkflowRun({
      ...repo,
      run_id: dispatch.runId,
    });
    expect(run).toMatchObject({
      event: 'workflow_dispatch',
      status: 'queued',
      conclusion: null,
      head_branch: 'v1.2.3',
      head_sha: 'b'.repeat(40),
      display_title: 'Deploy 1.2.3 to production by ada',
      run_number: 1,
      path: '.github/workflows/deploy.yaml',
      actor: { login: 'ada' },
      triggering_actor: { login: 'ada' },
      html_url: `https://github.com/acme-retail/cart/actions/runs/${dispatch.runId}`,
    });

    actions.progressRun(dispatch.runId, 'in_progress');
    actions.progressRun(dispatch.runId, 'completed', 'failure');
    const { data: done } = await octokit.rest.actions.getWorkflowRun({
      ...repo,
      run_id: dispatch.runId,
    });
    expect([done.status, done.conclusion]).toEqual(['completed', 'failure']);
    await actions.settled();
    expect(received).toEqual([
      { event: 'workflow_run', action: 'requested', signed: true },
      { event: 'workflow_run', action: 'in_progress', signed: true },
      { event: 'workflow_run', action: 'completed', signed: true },
    ]);
    await expect(
      octokit.rest.actions.getWorkflowRun({
        owner: 'acme-retail',
        repo: 'web',
        run_id: dispatch.runId,
      }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('answers the run details when asked, and completes runs on its own when told to', async () => {
    actions.autoComplete = { completeAfterMs: 20, conclusion: 'success' };
    const { status, data } = await octokit.request(
      'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
      {
        ...repo,
        workflow_id: 'deploy.yaml',
        ref: 'refs/heads/release/1.2',
        inputs: { environment: 'staging', version: '1.2.4' },
        return_run_details: true,
      },
    );
    actions.autoComplete = undefined;
    expect(status).toBe(200);
    const runId = (data as { workflow_run_id: number }).workflow_run_id;
    expect(data).toEqual({
      workflow_run_id: runId,
      run_url: `https://api.github.com/repos/acme-retail/cart/actions/runs/${runId}`,
      html_url: `https://github.com/acme-retail/cart/actions/runs/${runId}`,
    });
    expect(actions.run(runId)).toMatchObject({
      headBranch: 'release/1.2',
      headSha: 'a'.repeat(40),
      runNumber: 2,
    });
    await new Promise(r => setTimeout(r, 60));
    const { data: run } = await octokit.rest.actions.getWorkflowRun({
      ...repo,
      run_id: runId,
    });
    expect([run.status, run.conclusion]).toEqual(['completed', 'success']);
  });

  it('lists runs newest first, filtered and paged as GitHub does', async () => {
    const seeded = [
      ['2026-03-01T10:00:00Z', 'success', 300],
      ['2026-03-02T10:00:00Z', 'failure', 420],
      ['2026-03-03T10:00:00Z', 'success', 240],
    ] as const;
    for (const [createdAt, conclusion, durationSeconds] of seeded) {
      actions.seedRun('acme-retail', 'cart', {
        workflow: 'ci.yml',
        createdAt,
        conclusion,
        durationSeconds,
      });
    }
    actions.seedRun('acme-retail', 'cart', {
      workflow: 'ci.yml',
      branch: 'release/1.2',
      status: 'in_progress',
      createdAt: '2026-03-04T10:00:00Z',
    });

    const ci = await octokit.rest.actions.listWorkflowRuns({
      ...repo,
      workflow_id: 'ci.yml',
    });
    expect(ci.data.total_count).toBe(4);
    expect(
      ci.data.workflow_runs.map(r => [
        r.created_at,
        r.updated_at,
        r.event,
        r.head_branch,
        r.status,
        r.conclusion,
        r.run_number,
      ]),
    ).toEqual([
      [
        '2026-03-04T10:00:00.000Z',
        '2026-03-04T10:00:00.000Z',
        'push',
        'release/1.2',
        'in_progress',
        null,
        4,
      ],
      // updated_at = created_at + the duration: 240 s, 420 s, 300 s.
      [
        '2026-03-03T10:00:00.000Z',
        '2026-03-03T10:04:00.000Z',
        'push',
        'main',
        'completed',
        'success',
        3,
      ],
      [
        '2026-03-02T10:00:00.000Z',
        '2026-03-02T10:07:00.000Z',
        'push',
        'main',
        'completed',
        'failure',
        2,
      ],
      [
        '2026-03-01T10:00:00.000Z',
        '2026-03-01T10:05:00.000Z',
        'push',
        'main',
        'completed',
        'success',
        1,
      ],
    ]);
    const count = async (params: Record<string, string>) =>
      (
        await octokit.rest.actions.listWorkflowRunsForRepo({
          ...repo,
          ...params,
        })
      ).data.total_count;
    // All runs: the two dispatches of the tests above and the four seeded ones.
    expect(await count({})).toBe(6);
    expect(await count({ event: 'workflow_dispatch' })).toBe(2);
    expect(await count({ branch: 'main' })).toBe(3);
    expect(await count({ status: 'failure' })).toBe(2);
    expect(await count({ status: 'completed' })).toBe(5);
    expect(await count({ status: 'in_progress' })).toBe(1);
    expect(await count({ head_sha: 'b'.repeat(40) })).toBe(1);
    expect(await count({ actor: 'ada' })).toBe(2);
    // Seeded runs are of 2026-03-01..04; the dispatched ones are of today.
    expect(await count({ created: '2026-03-02..2026-03-03' })).toBe(2);
    expect(await count({ created: '<2026-03-02' })).toBe(1);
    expect(await count({ created: '2026-03-04' })).toBe(1);
    await expect(count({ created: 'yesterday' })).rejects.toMatchObject({
      status: 422,
    });

    const first = await octokit.rest.actions.listWorkflowRunsForRepo({
      ...repo,
      per_page: 4,
    });
    expect(first.data.workflow_runs).toHaveLength(4);
    expect(first.headers.link).toContain('rel="next"');
    const all = await octokit.paginate(
      octokit.rest.actions.listWorkflowRunsForRepo,
      { ...repo, per_page: 4 },
    );
    expect(new Set(all.map(r => r.id)).size).toBe(6);
  });

  it.each([
    ['2026-03-02', '2026-03-02T23:59:59Z', true],
    ['2026-03-02', '2026-03-03T00:00:00Z', false],
    ['>=2026-03-02', '2026-03-02T00:00:00Z', true],
    ['>2026-03-02', '2026-03-02T00:00:00Z', false],
    ['<=2026-03-02', '2026-03-02T12:00:00Z', true],
    ['*..2026-03-02', '2026-03-01T00:00:00Z', true],
    ['2026-03-02..*', '2026-03-01T00:00:00Z', false],
  ])('reads created=%s for a run of %s as %s', (query, at, expected) => {
    expect(createdFilter(query)!(at)).toBe(expected);
  });
});

describe('GitHub Actions on a repository hosted in git', () => {
  const standIn = new GithubStandIn();
  const hosted = new GithubOrganization('acme-retail', {
    repositories: [
      {
        name: 'api',
        files: { '.github/workflows/deploy.yml': DEPLOY },
      },
    ],
  });
  let root: string;
  let octokit: Octokit;
  let actions: GithubActions;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'actions-git-'));
    standIn.git = new GitHttpHost(join(root, 'hosted'), 'token');
    const bare = standIn.git.createRepository('acme-retail', 'api');
    const work = join(root, 'work');
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: work }).toString().trim();
    execFileSync('git', ['init', '--quiet', work]);
    git(
      '-c',
      'user.name=Ada',
      '-c',
      'user.email=ada@example.com',
      'commit',
      '--quiet',
      '--allow-empty',
      '-m',
      'first',
    );
    git('tag', 'v2.0.0');
    git('push', '--quiet', bare, 'HEAD:refs/heads/feature/x', 'v2.0.0');
    serveOrganizations(standIn, [hosted]);
    actions = serveActions(standIn, [hosted]);
    octokit = new Octokit({ baseUrl: await standIn.start(), auth: 'token' });
  });
  afterAll(async () => {
    await standIn.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('resolves branches and tags from the git repository', async () => {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: join(root, 'work'),
    })
      .toString()
      .trim();
    const dispatch = (ref: string) =>
      octokit.rest.actions.createWorkflowDispatch({
        owner: 'acme-retail',
        repo: 'api',
        workflow_id: 'deploy.yml',
        ref,
        inputs: { environment: 'staging', version: '2.0.0' },
      });
    await dispatch('feature/x');
    await dispatch('refs/tags/v2.0.0');
    await expect(dispatch('refs/heads/v2.0.0')).rejects.toMatchObject({
      status: 422,
    });
    await expect(dispatch('-h')).rejects.toMatchObject({ status: 422 });
    expect(
      actions.dispatches.map(d => [d.ref, d.headBranch, d.headSha]),
    ).toEqual([
      ['feature/x', 'feature/x', head],
      ['refs/tags/v2.0.0', 'v2.0.0', head],
    ]);
    expect(standIn.violations).toEqual([]);
  });
});
