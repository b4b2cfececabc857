import { mockCredentials } from '@backstage/backend-test-utils';
import {
  webhookExample as example,
  webhookHeaders,
} from '@internal/github-stand-in';
import { Entity } from '@backstage/catalog-model';

export const SECRET = 'insights-test-secret';

function withRepo(payload: any, repository: string) {
  payload.repository.full_name = repository;
  payload.repository.name = repository.split('/')[1];
  payload.repository.default_branch = 'main';
  return payload;
}

/** A real `deployment_status` payload from @octokit/webhooks-examples, re-targeted. */
export function deploymentStatus(opts: {
  repository: string;
  id: number;
  environment: string;
  sha: string;
  state: string;
  at: string;
}) {
  const p = withRepo(example('deployment_status'), opts.repository);
  p.deployment.id = opts.id;
  p.deployment.environment = opts.environment;
  p.deployment.sha = opts.sha;
  p.deployment.created_at = opts.at;
  p.deployment_status.state = opts.state;
  p.deployment_status.environment = opts.environment;
  p.deployment_status.created_at = opts.at;
  p.deployment_status.updated_at = opts.at;
  return p;
}

export function deployment(opts: {
  repository: string;
  id: number;
  environment: string;
  sha: string;
  at: string;
}) {
  const p = withRepo(example('deployment'), opts.repository);
  p.deployment.id = opts.id;
  p.deployment.environment = opts.environment;
  p.deployment.sha = opts.sha;
  p.deployment.created_at = opts.at;
  return p;
}

/** A real push to the default branch, with the given commits (oldest first). */
export function push(
  repository: string,
  commits: Array<{ sha: string; at: string }>,
) {
  const p = withRepo(
    example(
      'push',
      e => e.ref === 'refs/heads/master' && e.commits.length === 1,
    ),
    repository,
  );
  p.ref = 'refs/heads/main';
  const template = p.commits[0];
  p.commits = commits.map(c => ({ ...template, id: c.sha, timestamp: c.at }));
  p.head_commit = p.commits[p.commits.length - 1] ?? null;
  return p;
}

export function issue(opts: {
  repository: string;
  id: number;
  number: number;
  labels: string[];
  openedAt: string;
  closedAt: string | null;
  action?: string;
}) {
  const p = withRepo(
    example('issues', e => e.action === (opts.action ?? 'opened')),
    opts.repository,
  );
  p.issue.id = opts.id;
  p.issue.number = opts.number;
  p.issue.labels = opts.labels.map((name, i) => ({
    id: i + 1,
    name,
    color: 'ff0000',
  }));
  p.issue.created_at = opts.openedAt;
  p.issue.closed_at = opts.closedAt;
  p.issue.state = opts.closedAt ? 'closed' : 'open';
  return p;
}

export function workflowRun(repository: string, id: number, attempt: number) {
  const p = withRepo(
    example('workflow_run', e => e.action === 'completed'),
    repository,
  );
  p.workflow_run.id = id;
  p.workflow_run.run_attempt = attempt;
  return p;
}

export function signedHeaders(event: string, delivery: string, body: string) {
  return webhookHeaders(event, body, SECRET, delivery);
}

/** The headers of a delivery handed on by the events backend's GitHub ingress. */
export function deliveryHeaders(event: string, delivery: string) {
  return {
    'Content-Type': 'application/json',
    'X-GitHub-Event': event,
    'X-GitHub-Delivery': delivery,
    Authorization: mockCredentials.service.header({
      onBehalfOf: mockCredentials.service('plugin:events'),
      targetPluginId: 'insights',
    }),
  };
}

export function component(
  name: string,
  owner: string,
  slug?: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      description: `${name} component`,
      annotations: {
        ...(slug ? { 'github.com/project-slug': slug } : {}),
        ...annotations,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner },
    relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
  };
}

export function group(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  };
}
