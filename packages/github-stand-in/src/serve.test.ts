import { createHmac } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Octokit } from '@octokit/rest';
import { loadSampleOrganization } from './sample';
import { serveSample } from './serve';

const SECRET = 'sample-hook-secret';

describe('the sample organisation (fixtures/acme-retail.yaml)', () => {
  let served: Awaited<ReturnType<typeof serveSample>>;
  let octokit: Octokit;
  let receiver: Server;
  const received: Array<{ event: string; signed: boolean; payload: any }> = [];
  const repo = { owner: 'acme-retail', repo: 'payment-gateway' };

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', c => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        received.push({
          event: String(req.headers['x-github-event']),
          signed:
            req.headers['x-hub-signature-256'] ===
            `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
          payload: JSON.parse(body),
        });
        res.writeHead(202).end();
      });
    });
    await new Promise<void>(r => receiver.listen(0, '127.0.0.1', r));
    const port = (receiver.address() as AddressInfo).port;
    served = await serveSample({
      webhooks: { url: `http://127.0.0.1:${port}/`, secret: SECRET },
    });
    // The test moves runs on itself.
    served.actions.autoComplete = undefined;
    octokit = new Octokit({ baseUrl: served.url, auth: 'dummy-token' });
  });
  afterAll(async () => {
    await served.stop();
    receiver.closeAllConnections();
    await new Promise(r => receiver.close(r));
  });
  afterEach(() => {
    const violations = served.standIn.violations.splice(0);
    // Every answer must have matched GitHub's OpenAPI description.
    if (violations.length) throw new Error(violations.join('\n'));
  });

  it("has one repository per sample component's github.com/project-slug", async () => {
    const names: string[] = [];
    for await (const page of octokit.paginate.iterator(
      octokit.rest.repos.listForOrg,
      { org: 'acme-retail', per_page: 5 },
    )) {
      names.push(...page.data.map(r => r.name));
    }
    // The 13 annotated components of catalog/components, in folder order.
    expect(names).toEqual([
      'analytics-pipeline',
      'cart-service',
      'checkout-service',
      'fraud-detection',
      'http-client',
      'identity-service',
      'legacy-order-export',
      'notification-service',
      'order-events-consumer',
      'payment-gateway',
      'product-catalog-service',
      'storefront-web',
      'ui-kit',
    ]);
    const readme = await octokit.rest.repos.getContent({
      ...repo,
      path: 'README.md',
      mediaType: { format: 'raw' },
    });
    expect(String(readme.data)).toMatch(/^# Payment Gateway\n/);
  });

  it('lists a deploy and a CI workflow, and four past CI runs newest first', async () => {
    const { data } = await octokit.rest.actions.listRepoWorkflows(repo);
    expect(data.workflows.map(w => [w.name, w.path])).toEqual([
      ['CI', '.github/workflows/ci.yaml'],
      ['Deploy', '.github/workflows/deploy.yaml'],
    ]);
    const runs = await octokit.rest.actions.listWorkflowRunsForRepo({
      ...repo,
      per_page: 10,
    });
    // Seeded 3, 25, 26 and 50 hours ago.
    expect(
      runs.data.workflow_runs.map(r => [r.display_title, r.conclusion]),
    ).toEqual([
      ['Add request tracing', 'success'],
      ['Fix the flaky retry test', 'success'],
      ['Retry the payment provider on 503', 'failure'],
      ['Bump dependencies', 'success'],
    ]);
  });

  it('dispatches deploy.yaml with environment and ref, and a success records the deployment', async () => {
    const dispatch = (environment: string, ref: string) =>
      octokit.request(
        'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
        {
          ...repo,
          workflow_id: 'deploy.yaml',
          ref: 'main',
          inputs: { environment, ref },
          return_run_details: true,
        },
      );
    await expect(dispatch('qa', 'main')).rejects.toMatchObject({
      status: 422,
    });

    const staging = (await dispatch('staging', 'main')).data as any;
    const run = served.actions.run(staging.workflow_run_id)!;
    expect(run.displayTitle).toBe('Deploy main to staging');
    served.actions.progressRun(run.id, 'in_progress');
    expect(served.deployments).toEqual([]);
    served.actions.progressRun(run.id, 'completed', 'success');
    expect(served.deployments).toEqual([
      expect.objectContaining({
        environment: 'staging',
        ref: 'main',
        sha: run.headSha,
        runId: run.id,
      }),
    ]);

    // Promotion deploys the commit that runs in staging; a failed run records nothing.
    const production = (await dispatch('production', run.headSha)).data as any;
    served.actions.progressRun(production.workflow_run_id, 'completed');
    const failed = (await dispatch('dev', 'main')).data as any;
    served.actions.progressRun(failed.workflow_run_id, 'completed', 'failure');
    expect(served.deployments.map(d => [d.environment, d.sha])).toEqual([
      ['staging', run.headSha],
      ['production', run.headSha],
    ]);

    await served.settled();
    const statuses = received.filter(r => r.event === 'deployment_status');
    expect(
      statuses.map(s => [
        s.signed,
        s.payload.repository.full_name,
        s.payload.deployment.environment,
        s.payload.deployment.sha,
        s.payload.deployment_status.state,
      ]),
    ).toEqual([
      [true, 'acme-retail/payment-gateway', 'staging', run.headSha, 'success'],
      [
        true,
        'acme-retail/payment-gateway',
        'production',
        run.headSha,
        'success',
      ],
    ]);
  });

  it('tells the portal when a branch is protected, changed and unprotected (branch_protection_rule)', async () => {
    const target = { owner: 'acme-retail', repo: 'cart-service' };
    const protection = {
      required_status_checks: { strict: true, contexts: ['CI / test'] },
      enforce_admins: false,
      required_pull_request_reviews: { required_approving_review_count: 1 },
      restrictions: null,
    };
    await octokit.rest.repos.updateBranchProtection({
      ...target,
      branch: 'main',
      ...protection,
    });
    const { data } = await octokit.rest.repos.getBranchProtection({
      ...target,
      branch: 'main',
    });
    expect(
      data.required_pull_request_reviews?.required_approving_review_count,
    ).toBe(1);
    expect(data.required_status_checks?.contexts).toEqual(['CI / test']);
    await octokit.rest.repos.updateBranchProtection({
      ...target,
      branch: 'main',
      ...protection,
      required_pull_request_reviews: { required_approving_review_count: 2 },
    });
    await octokit.rest.repos.deleteBranchProtection({
      ...target,
      branch: 'main',
    });
    await expect(
      octokit.rest.repos.getBranchProtection({ ...target, branch: 'main' }),
    ).rejects.toMatchObject({ status: 404, message: /Branch not protected/ });
    // a branch no longer protected cannot be unprotected again
    await expect(
      octokit.rest.repos.deleteBranchProtection({ ...target, branch: 'main' }),
    ).rejects.toMatchObject({ status: 404 });

    await served.settled();
    const rules = received.filter(r => r.event === 'branch_protection_rule');
    expect(
      rules.map(r => [
        r.signed,
        r.payload.action,
        r.payload.repository.full_name,
        r.payload.repository.default_branch,
        r.payload.rule.name,
        r.payload.rule.required_approving_review_count,
        r.payload.rule.required_status_checks,
        r.payload.rule.pull_request_reviews_enforcement_level,
      ]),
    ).toEqual([
      [
        true,
        'created',
        'acme-retail/cart-service',
        'main',
        'main',
        1,
        ['CI / test'],
        'non_admins',
      ],
      [
        true,
        'edited',
        'acme-retail/cart-service',
        'main',
        'main',
        2,
        ['CI / test'],
        'non_admins',
      ],
      // the rule removed, as it was
      [
        true,
        'deleted',
        'acme-retail/cart-service',
        'main',
        'main',
        2,
        ['CI / test'],
        'non_admins',
      ],
    ]);
    const listed = await octokit.rest.repos.listForOrg({
      org: 'acme-retail',
      per_page: 100,
    });
    expect(rules[0].payload.rule.repository_id).toBe(
      listed.data.find(r => r.name === 'cart-service')!.id,
    );
  });

  it('makes dispatched runs complete by themselves on the schedule of the fixture', () => {
    expect(loadSampleOrganization().schedule).toEqual({
      inProgressAfterMs: 1000,
      completeAfterMs: 4000,
      conclusion: 'success',
    });
  });
});
