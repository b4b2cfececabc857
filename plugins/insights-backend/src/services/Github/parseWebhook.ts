import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { int32, parseTimestamp } from '../../service/validation';
import { GithubRecord } from '../../database/GithubStore';
import { SupportedEvent } from './types';

/** GitHub's ids: positive safe integers (stored as bigint). */
const id = () => z.number().int().positive();

const repository = z.object({
  full_name: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, {
    message: 'not an owner/name repository',
  }),
  default_branch: z.string().optional(),
});
const deployment = z.object({
  id: id(),
  sha: z.string().min(1),
  environment: z.string(),
  created_at: z.string().min(1),
});

const schemas = {
  deployment: z.object({ action: z.string(), repository, deployment }),
  deployment_status: z.object({
    action: z.string(),
    repository,
    deployment,
    deployment_status: z.object({
      state: z.string(),
      created_at: z.string().min(1),
    }),
  }),
  push: z.object({
    ref: z.string(),
    repository: repository.extend({ default_branch: z.string() }),
    commits: z.array(z.object({ id: z.string(), timestamp: z.string() })),
  }),
  issues: z.object({
    action: z.string(),
    repository,
    issue: z.object({
      id: id(),
      number: int32(),
      title: z.string(),
      labels: z.array(z.object({ name: z.string() })).optional(),
      created_at: z.string(),
      updated_at: z.string().optional(),
      closed_at: z.string().nullable().optional(),
    }),
  }),
  pull_request: z.object({
    action: z.string(),
    repository,
    pull_request: z.object({
      number: int32(),
      merged_at: z.string().nullable().optional(),
      merge_commit_sha: z.string().nullable().optional(),
    }),
  }),
  workflow_run: z.object({
    action: z.string(),
    repository,
    workflow_run: z.object({
      id: id(),
      run_attempt: int32().optional(),
      name: z.string().nullable().optional(),
      status: z.string().nullable().optional(),
      conclusion: z.string().nullable().optional(),
      updated_at: z.string(),
    }),
  }),
} satisfies Record<SupportedEvent, z.ZodType>;

const repo = (r: { full_name: string }) =>
  r.full_name.toLocaleLowerCase('en-US');

/** A payload timestamp, checked part by part (no 30 February, years 0001-9999). */
function iso(value: string, path: string): string {
  return parseTimestamp(value, path).toISOString();
}

/**
 * Validates a webhook payload of a supported event type and maps it to the records insights
 * derives from it. Throws InputError naming the first offending field.
 */
export function parseWebhook(
  eventType: SupportedEvent,
  body: unknown,
): { action: string | null; repository: string; records: GithubRecord[] } {
  const parsed = schemas[eventType].safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = ['payload', ...issue.path.map(String)].join('.');
    throw new InputError(`${path}: ${issue.message}`);
  }
  switch (eventType) {
    case 'deployment': {
      const p = parsed.data as z.infer<typeof schemas.deployment>;
      return {
        action: p.action,
        repository: repo(p.repository),
        records: [deploymentRecord(p.repository, p.deployment)],
      };
    }
    case 'deployment_status': {
      const p = parsed.data as z.infer<typeof schemas.deployment_status>;
      return {
        action: p.action,
        repository: repo(p.repository),
        records: [
          deploymentRecord(p.repository, p.deployment),
          {
            kind: 'deploymentStatus',
            deploymentId: p.deployment.id,
            state: p.deployment_status.state,
            at: iso(
              p.deployment_status.created_at,
              'payload.deployment_status.created_at',
            ),
          },
        ],
      };
    }
    case 'push': {
      const p = parsed.data as z.infer<typeof schemas.push>;
      const onDefaultBranch =
        p.ref === `refs/heads/${p.repository.default_branch}`;
      return {
        action: null,
        repository: repo(p.repository),
        records:
          onDefaultBranch && p.commits.length > 0
            ? [
                {
                  kind: 'commits',
                  repository: repo(p.repository),
                  commits: p.commits.map((c, i) => ({
                    sha: c.id,
                    authoredAt: iso(
                      c.timestamp,
                      `payload.commits.${i}.timestamp`,
                    ),
                  })),
                },
              ]
            : [],
      };
    }
    case 'issues': {
      const p = parsed.data as z.infer<typeof schemas.issues>;
      return {
        action: p.action,
        repository: repo(p.repository),
        records:
          p.action === 'deleted'
            ? []
            : [
                {
                  kind: 'issue',
                  issueId: p.issue.id,
                  repository: repo(p.repository),
                  number: p.issue.number,
                  title: p.issue.title,
                  labels: (p.issue.labels ?? []).map(l => l.name),
                  openedAt: iso(p.issue.created_at, 'payload.issue.created_at'),
                  closedAt: p.issue.closed_at
                    ? iso(p.issue.closed_at, 'payload.issue.closed_at')
                    : null,
                  // GitHub always sends it; an event without it is ordered as its creation.
                  updatedAt: iso(
                    p.issue.updated_at ?? p.issue.created_at,
                    'payload.issue.updated_at',
                  ),
                },
              ],
      };
    }
    case 'pull_request': {
      const p = parsed.data as z.infer<typeof schemas.pull_request>;
      const mergedAt = p.pull_request.merged_at;
      return {
        action: p.action,
        repository: repo(p.repository),
        records:
          p.action === 'closed' && mergedAt
            ? [
                {
                  kind: 'pullRequest',
                  repository: repo(p.repository),
                  number: p.pull_request.number,
                  mergedAt: iso(mergedAt, 'payload.pull_request.merged_at'),
                  mergeCommitSha: p.pull_request.merge_commit_sha ?? null,
                },
              ]
            : [],
      };
    }
    case 'workflow_run':
    default: {
      const p = parsed.data as z.infer<typeof schemas.workflow_run>;
      const run = p.workflow_run;
      return {
        action: p.action,
        repository: repo(p.repository),
        records: [
          {
            kind: 'workflowRun',
            runId: run.id,
            runAttempt: run.run_attempt ?? 1,
            repository: repo(p.repository),
            name: run.name ?? null,
            status: run.status ?? null,
            conclusion: run.conclusion ?? null,
            updatedAt: iso(run.updated_at, 'payload.workflow_run.updated_at'),
          },
        ],
      };
    }
  }
}

function deploymentRecord(
  r: { full_name: string },
  d: z.infer<typeof deployment>,
): GithubRecord {
  return {
    kind: 'deployment',
    deploymentId: d.id,
    repository: repo(r),
    environment: d.environment,
    sha: d.sha,
    createdAt: iso(d.created_at, 'payload.deployment.created_at'),
  };
}
