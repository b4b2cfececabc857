import { createHmac } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Octokit } from '@octokit/rest';
import { serveSample } from '../serve';
import { generateHistory } from './history';
import { loadHistorySpec } from './demoOrganization';
import { TrickleEvent } from './trickle';
import { doraTruth } from './truth';

const END = new Date('2026-11-30T00:00:00Z');
const SECRET = 'demo-hook-secret';

describe('the demo history', () => {
  const spec = loadHistorySpec();
  const repositories = [
    { name: 'payment-gateway', team: 'payments-team' },
    { name: 'legacy-order-export', team: 'data-team' },
    { name: 'cart-service', team: 'storefront-team' },
  ];

  it('is the same for the same seed, and another for another seed', () => {
    const a = generateHistory(spec, repositories, END);
    const b = generateHistory(spec, repositories, END);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const c = generateHistory(
      { ...spec, seed: spec.seed + 1 },
      repositories,
      END,
    );
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
  });

  it('has no deployment on weekends and holidays', () => {
    const h = generateHistory(spec, repositories, END);
    const days = new Set(
      h.deployments.map(d => new Date(d.createdAt).getUTCDay()),
    );
    expect(days.has(0) || days.has(6)).toBe(false);
    expect(h.deployments.some(d => /-12-25T|-01-01T/.test(d.createdAt))).toBe(
      false,
    );
    expect(h.from).toBe('2025-11-30T00:00:00.000Z');
  });

  it('tells the story: an elite team, a struggling one, one improving after it adopted the platform', () => {
    const h = generateHistory(spec, repositories, END);
    const year = { from: new Date(h.from), to: new Date(h.to) };
    const payments = doraTruth(h, ['payment-gateway'], year);
    const data = doraTruth(h, ['legacy-order-export'], year);
    expect(payments.deploymentFrequencyCategory).toBe('elite');
    expect(payments.leadTimeCategory).toBe('elite');
    expect(data.deploymentFrequencyCategory).toBe('medium');
    expect(data.leadTimeCategory).toBe('low');
    expect(data.changeFailureRateCategory).toBe('low');
    const adopted = new Date(END.getTime() - 150 * 86_400_000);
    const before = doraTruth(h, ['cart-service'], {
      from: year.from,
      to: adopted,
    });
    const after = doraTruth(h, ['cart-service'], {
      from: adopted,
      to: year.to,
    });
    expect(before.deploymentsPerWeek).toBeLessThan(
      after.deploymentsPerWeek / 3,
    );
    expect(after.leadTimeMedianHours!).toBeLessThan(
      before.leadTimeMedianHours! / 3,
    );
  });

  it('follows risky deployments with incidents, attributed as the definition says', () => {
    // Worked by hand: one repository, deployments D1 (Mon 10:00) and D2 (Tue 10:00) of
    // commits c1 (authored Mon 08:00) and c2, c3 (Tue 06:00, 07:00); an incident opened
    // Tue 11:00, closed 13:00 (2 h), and a bug. Window: the whole week.
    const at = (day: number, hour: number) =>
      new Date(Date.UTC(2026, 10, 2 + day, hour)).toISOString();
    const history = {
      from: at(0, 0),
      to: at(7, 0),
      commits: {
        r: [
          { sha: 'c1', message: '', author: 'a', authoredAt: at(0, 8) },
          { sha: 'c2', message: '', author: 'a', authoredAt: at(1, 6) },
          { sha: 'c3', message: '', author: 'a', authoredAt: at(1, 7) },
        ],
      },
      deployments: [
        {
          id: 1,
          repository: 'r',
          environment: 'production',
          sha: 'c1',
          createdAt: at(0, 9),
          statuses: [{ id: 1, state: 'success' as const, at: at(0, 10) }],
        },
        {
          id: 2,
          repository: 'r',
          environment: 'staging',
          sha: 'c3',
          createdAt: at(1, 9),
          statuses: [{ id: 2, state: 'success' as const, at: at(1, 9) }],
        },
        {
          id: 3,
          repository: 'r',
          environment: 'production',
          sha: 'c3',
          createdAt: at(1, 9),
          statuses: [
            { id: 3, state: 'failure' as const, at: at(1, 9) },
            { id: 4, state: 'success' as const, at: at(1, 10) },
          ],
        },
      ],
      issues: [
        {
          id: 1,
          repository: 'r',
          number: 1,
          title: 'down',
          labels: ['Incident'],
          createdAt: at(1, 11),
          closedAt: at(1, 13),
        },
        {
          id: 2,
          repository: 'r',
          number: 2,
          title: 'bug',
          labels: ['bug'],
          createdAt: at(1, 11),
          closedAt: at(1, 12),
        },
      ],
      pullRequests: [],
      workflowRuns: [],
    };
    const truth = doraTruth(history, ['r'], {
      from: new Date(history.from),
      to: new Date(history.to),
    });
    // Deployments: D1 and D2's production one (its first success at 10:00) = 2 on 2 days;
    // the one whole week has 2 deploy-days, no whole month: weekly median 2 → high.
    expect(truth.deployments).toBe(2);
    expect(truth.medianDeployDaysPerWeek).toBe(2);
    expect(truth.medianDeployDaysPerMonth).toBeNull();
    expect(truth.deploymentFrequencyCategory).toBe('high');
    expect(truth.deploymentsPerWeek).toBe(2);
    // Lead times: D1's own commit 10 - 8 = 2 h; D2's c2, c3: 28 - 6 = 4 h... in hours since
    // Monday 00:00: D2 at 34, c2 at 30, c3 at 31 → 4 h and 3 h. Sorted 2, 3, 4: median 3,
    // p90 at position 1.8 → 3 + 0.8 × 1 = 3.8.
    expect(truth.changes).toBe(3);
    expect(truth.leadTimeMedianHours).toBe(3);
    expect(truth.leadTimeP90Hours).toBeCloseTo(3.8, 10);
    // The incident (label matched case-insensitively) → D2; the bug counts nowhere: 1 ÷ 2.
    expect(truth.failedDeployments).toBe(1);
    expect(truth.changeFailureRate).toBe(0.5);
    expect(truth.changeFailureRateCategory).toBe('low');
    expect(truth.incidentsRestored).toBe(1);
    expect(truth.timeToRestoreMedianHours).toBe(2);
    expect(truth.timeToRestoreCategory).toBe('high');
  });
});

describe('the demo organisation on the stand-in', () => {
  let served: Awaited<ReturnType<typeof serveSample>>;
  let octokit: Octokit;
  let receiver: Server;
  const received: Array<{ event: string; signed: boolean; payload: any }> = [];

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
      // The test drives the trickle itself.
      demo: { end: END, trickleSeconds: 3600 },
    });
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

  it('has repositories without a catalog-info.yaml, and the teams of the catalog', async () => {
    const repos = await octokit.paginate(octokit.rest.repos.listForOrg, {
      org: 'acme-retail',
      per_page: 100,
    });
    expect(repos.map(r => r.name)).toEqual(
      expect.arrayContaining([
        'payment-gateway',
        'inventory-sync',
        'marketing-site',
      ]),
    );
    const teams = await octokit.rest.repos.listTeams({
      owner: 'acme-retail',
      repo: 'payment-gateway',
    });
    expect(teams.data.map(t => t.slug)).toEqual(['payments-team']);
  });

  it('serves the history as GitHub lists it: deployments newest first, statuses, compare, issues', async () => {
    const history = served.demo!.history;
    const mine = history.deployments.filter(
      d => d.repository === 'checkout-service',
    );
    const listed = await octokit.paginate(octokit.rest.repos.listDeployments, {
      owner: 'acme-retail',
      repo: 'checkout-service',
      per_page: 100,
    });
    expect(listed.length).toBe(mine.length);
    expect(listed[0].id).toBe(mine[mine.length - 1].id);
    const statuses = await octokit.rest.repos.listDeploymentStatuses({
      owner: 'acme-retail',
      repo: 'checkout-service',
      deployment_id: mine[0].id,
    });
    expect(statuses.data.map(s => s.state)).toEqual(
      [...mine[0].statuses].reverse().map(s => s.state),
    );
    const commits = history.commits['checkout-service'];
    const compare = await octokit.rest.repos.compareCommitsWithBasehead({
      owner: 'acme-retail',
      repo: 'checkout-service',
      basehead: `${commits[0].sha}...${commits[3].sha}`,
    });
    expect(compare.data.commits.map(c => c.sha)).toEqual(
      commits.slice(1, 4).map(c => c.sha),
    );
    const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
      owner: 'acme-retail',
      repo: 'legacy-order-export',
      state: 'all',
      per_page: 100,
    });
    expect(issues.length).toBe(
      history.issues.filter(i => i.repository === 'legacy-order-export').length,
    );
    expect(
      issues.some(i => i.labels.some(l => (l as any).name === 'incident')),
    ).toBe(true);
  });

  it('trickles signed webhooks and serves what it delivered', async () => {
    const before = served.demo!.history.deployments.length;
    const steps: TrickleEvent[] = [];
    for (let i = 0; i < 40; i++) steps.push(...(await served.trickle!.tick()));
    await served.settled();
    expect(received.length).toBeGreaterThanOrEqual(12);
    expect(received.every(r => r.signed)).toBe(true);
    const events = new Set(received.map(r => r.event));
    expect(events).toEqual(
      new Set([
        'push',
        'deployment',
        'deployment_status',
        'issues',
        'workflow_run',
      ]),
    );
    // A push ran CI and a deployment the deploy workflow: each run listed, its webhook delivered.
    const push = steps.find(e => e.event === 'push')!;
    expect(push.workflowRun?.workflow).toBe('ci.yaml');
    const runs = await octokit.rest.actions.listWorkflowRunsForRepo({
      owner: 'acme-retail',
      repo: push.repository,
      per_page: 100,
    });
    expect(runs.data.workflow_runs).toContainEqual(
      expect.objectContaining({
        id: push.workflowRun!.id,
        status: 'completed',
        conclusion: 'success',
      }),
    );
    expect(
      received.filter(
        r =>
          r.event === 'workflow_run' &&
          r.payload.workflow_run.id === push.workflowRun!.id,
      ),
    ).toEqual([
      expect.objectContaining({
        payload: expect.objectContaining({ action: 'completed' }),
      }),
    ]);
    expect(
      steps
        .filter(e => e.event === 'deployment')
        .map(e => e.workflowRun?.workflow),
    ).toEqual(
      steps.filter(e => e.event === 'deployment').map(() => 'deploy.yaml'),
    );
    // The latest deployment delivered is the newest its repository lists.
    const status = [...received]
      .reverse()
      .find(r => r.event === 'deployment_status')!;
    const repo = status.payload.repository.name;
    expect(served.demo!.history.deployments.length).toBeGreaterThan(before);
    const listed = await octokit.rest.repos.listDeployments({
      owner: 'acme-retail',
      repo,
      per_page: 1,
    });
    expect(listed.data[0].id).toBe(status.payload.deployment.id);
  });
});
