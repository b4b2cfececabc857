import { randomUUID } from 'node:crypto';
import { GithubActions } from '../actions';
import { GithubOrganization, restRepository } from '../organization';
import { webhookExample, webhookHeaders } from '../webhooks';
import { DemoDeployment, DemoHistory, DemoIssue } from './history';
import { SeededRandom } from './random';

/** What one step of the trickle did, for its log. */
export type TrickleEvent = {
  event: 'push' | 'deployment' | 'incident opened' | 'incident closed';
  repository: string;
  status?: number;
  /** The workflow run the push (CI) or the deployment (deploy) started, when Actions is served. */
  workflowRun?: { id: number; workflow: 'ci.yaml' | 'deploy.yaml' };
};

export type TrickleOptions = {
  organization: GithubOrganization;
  history: DemoHistory;
  /** Repositories the trickle works in (the catalogued ones). */
  repositories: string[];
  webhooks: { url: string; secret: string };
  /**
   * The stand-in's Actions: a push runs CI and a deployment runs the deploy workflow there, each
   * listed by the REST API and delivered as `workflow_run` webhooks, as GitHub would.
   */
  actions?: GithubActions;
  /** Milliseconds between steps. */
  intervalMs: number;
  seed: number;
  /** Called after the history grew, so the REST answers show the new records. */
  onChange?: () => void;
  onEvent?: (event: TrickleEvent) => void;
  now?: () => Date;
};

/**
 * A live trickle of activity on the demo organisation: every `intervalMs` one repository gets
 * a push to its default branch, a production deployment of what was pushed (its `deployment`
 * and `deployment_status` webhooks), or an incident opened after its last deployment and closed
 * a few steps later. Each step is added to the history the REST API serves and delivered as a
 * signed webhook, as GitHub would, so the portal's catalog and delivery figures move.
 */
export class DemoTrickle {
  private timer?: NodeJS.Timeout;
  private readonly random: SeededRandom;
  private readonly openIncidents: Array<{
    issue: DemoIssue;
    closeAfter: number;
  }> = [];
  private step = 0;
  /** Ids above the generated history's. */
  private readonly ids = {
    deployment: 900_000_000,
    status: 1_900_000_000,
    issue: 2_900_000_000,
  };
  private pending: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: TrickleOptions) {
    this.random = new SeededRandom(options.seed);
  }

  start() {
    this.timer = setInterval(() => {
      this.pending = this.pending
        .then(() => this.tick())
        .catch(() => undefined);
    }, this.options.intervalMs);
    this.timer.unref();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
  }

  /** One step; public so tests can drive the trickle without waiting. */
  async tick(): Promise<TrickleEvent[]> {
    const { history } = this.options;
    const now = (this.options.now ?? (() => new Date()))();
    const at = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
    this.step += 1;
    const events: TrickleEvent[] = [];

    const due = this.openIncidents.filter(o => o.closeAfter <= this.step);
    for (const o of due) {
      this.openIncidents.splice(this.openIncidents.indexOf(o), 1);
      o.issue.closedAt = at;
      events.push(await this.deliverIssue(o.issue, 'closed'));
    }

    const repository = this.random.pick(this.options.repositories);
    const commits = (history.commits[repository] ??= []);
    const deployed = history.deployments.filter(
      d => d.repository === repository && d.environment === 'production',
    );
    const last = deployed[deployed.length - 1];
    const undeployed =
      commits.length > 0 &&
      (!last || last.sha !== commits[commits.length - 1].sha);
    const roll = this.random.next();

    if (roll < 0.15 && last && !this.openIncidents.length) {
      const issue: DemoIssue = {
        id: this.ids.issue++,
        repository,
        number: 100_000 + this.step,
        title: 'Elevated latency in production',
        labels: ['incident', 'sev3'],
        createdAt: at,
        closedAt: null,
      };
      history.issues.push(issue);
      this.openIncidents.push({ issue, closeAfter: this.step + 3 });
      events.push(await this.deliverIssue(issue, 'opened'));
    } else if (roll < 0.55 && undeployed) {
      const deployment: DemoDeployment = {
        id: this.ids.deployment++,
        repository,
        environment: 'production',
        sha: commits[commits.length - 1].sha,
        createdAt: at,
        statuses: [{ id: this.ids.status++, state: 'success', at }],
      };
      history.deployments.push(deployment);
      events.push({
        ...(await this.deliverDeployment(deployment)),
        ...this.run(repository, 'deploy.yaml', deployment.sha, now),
      });
    } else {
      const commit = {
        sha: this.random.sha(),
        message: 'Small improvement',
        author: 'acme-bot',
        authoredAt: at,
      };
      commits.push(commit);
      const payload = this.payload(
        'push',
        e => e.ref === 'refs/heads/master' && e.commits.length === 1,
        repository,
      );
      payload.ref = 'refs/heads/main';
      const template = payload.commits[0];
      payload.commits = [
        { ...template, id: commit.sha, message: commit.message, timestamp: at },
      ];
      payload.head_commit = payload.commits[0];
      payload.before = commits[commits.length - 2]?.sha ?? payload.before;
      payload.after = commit.sha;
      events.push({
        event: 'push',
        repository,
        status: await this.deliver('push', payload),
        ...this.run(repository, 'ci.yaml', commit.sha, now),
      });
    }
    this.options.onChange?.();
    for (const e of events) this.options.onEvent?.(e);
    return events;
  }

  /**
   * The workflow run of a push or a deployment, finished successfully: added to the runs the
   * stand-in lists, and its `workflow_run` (completed) webhook delivered by Actions.
   */
  private run(
    repository: string,
    workflow: 'ci.yaml' | 'deploy.yaml',
    headSha: string,
    now: Date,
  ): Pick<TrickleEvent, 'workflowRun'> {
    const { actions, organization, history } = this.options;
    if (!actions) return {};
    const durationSeconds = workflow === 'ci.yaml' ? 240 : 180;
    const title = workflow === 'ci.yaml' ? 'CI' : 'Deploy';
    const run = actions.seedRun(organization.login, repository, {
      workflow,
      headSha,
      createdAt: now,
      status: 'in_progress',
      displayTitle: title,
      actor: 'acme-bot',
    });
    actions.progressRun(run.id, 'completed', 'success');
    history.workflowRuns.push({
      repository,
      workflow,
      title,
      createdAt: now.toISOString(),
      durationSeconds,
      conclusion: 'success',
      headSha,
    });
    return { workflowRun: { id: run.id, workflow } };
  }

  private payload(
    event: string,
    pick: (p: any) => boolean,
    repository: string,
  ) {
    const { organization } = this.options;
    const payload = webhookExample(event, pick);
    const r = organization.repository(repository);
    payload.repository = {
      ...payload.repository,
      ...(r ? restRepository(organization, r) : {}),
      full_name: `${organization.login}/${repository}`,
      name: repository,
      default_branch: 'main',
    };
    return payload;
  }

  private async deliverIssue(
    issue: DemoIssue,
    action: 'opened' | 'closed',
  ): Promise<TrickleEvent> {
    // GitHub's examples have an `opened` issue; a closing delivery is the same with its action.
    const payload = this.payload(
      'issues',
      e => e.action === 'opened',
      issue.repository,
    );
    payload.action = action;
    payload.issue.id = issue.id;
    payload.issue.number = issue.number;
    payload.issue.title = issue.title;
    payload.issue.labels = issue.labels.map((name, i) => ({
      id: i + 1,
      name,
      color: 'd73a4a',
    }));
    payload.issue.created_at = issue.createdAt;
    payload.issue.updated_at = issue.closedAt ?? issue.createdAt;
    payload.issue.closed_at = issue.closedAt;
    payload.issue.state = issue.closedAt ? 'closed' : 'open';
    return {
      event: action === 'opened' ? 'incident opened' : 'incident closed',
      repository: issue.repository,
      status: await this.deliver('issues', payload),
    };
  }

  private async deliverDeployment(d: DemoDeployment): Promise<TrickleEvent> {
    const created = this.payload('deployment', () => true, d.repository);
    const deployment = {
      ...created.deployment,
      id: d.id,
      sha: d.sha,
      ref: 'main',
      environment: d.environment,
      created_at: d.createdAt,
      updated_at: d.createdAt,
    };
    created.deployment = deployment;
    await this.deliver('deployment', created);
    const status = this.payload(
      'deployment_status',
      p => p.deployment_status?.state === 'success',
      d.repository,
    );
    status.deployment = { ...status.deployment, ...deployment };
    status.deployment_status = {
      ...status.deployment_status,
      id: d.statuses[0].id,
      state: 'success',
      environment: d.environment,
      created_at: d.statuses[0].at,
      updated_at: d.statuses[0].at,
    };
    return {
      event: 'deployment',
      repository: d.repository,
      status: await this.deliver('deployment_status', status),
    };
  }

  private async deliver(event: string, payload: unknown): Promise<number> {
    const body = JSON.stringify(payload);
    const { url, secret } = this.options.webhooks;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: webhookHeaders(event, body, secret, randomUUID()),
        body,
      });
      return res.status;
    } catch {
      // The portal may not be up yet; GitHub too drops a delivery it cannot make.
      return 0;
    }
  }
}
