import { githubExample as example } from '@internal/github-stand-in';

export {
  GithubStandIn,
  validateGithubResponse,
} from '@internal/github-stand-in';
export type { Fault } from '@internal/github-stand-in';

export function deploymentObject(d: {
  repo: string;
  id: number;
  sha: string;
  environment: string;
  createdAt: string;
}) {
  const o = example('deployment');
  return {
    ...o,
    id: d.id,
    sha: d.sha,
    ref: d.sha,
    environment: d.environment,
    created_at: d.createdAt,
    updated_at: d.createdAt,
    url: `https://api.github.com/repos/${d.repo}/deployments/${d.id}`,
  };
}

export function statusObject(s: { id: number; state: string; at: string }) {
  const o = example('deployment-status');
  return { ...o, id: s.id, state: s.state, created_at: s.at, updated_at: s.at };
}

export function commitObject(c: { sha: string; authoredAt: string }) {
  const o = example('commit');
  o.sha = c.sha;
  // GitHub's own example lists files without `contents_url`, which its schema requires.
  o.files = [];
  o.commit.author.date = c.authoredAt;
  o.commit.committer.date = c.authoredAt;
  return o;
}

export function comparisonObject(
  commits: Array<{ sha: string; authoredAt: string }>,
) {
  const o = example('commit-comparison');
  o.commits = commits.map(commitObject);
  o.files = [];
  o.total_commits = commits.length;
  o.ahead_by = commits.length;
  return o;
}

export function issueObject(i: {
  id: number;
  number: number;
  labels: string[];
  createdAt: string;
  closedAt: string | null;
  pullRequest?: boolean;
}) {
  const o = example('issue');
  o.id = i.id;
  o.number = i.number;
  o.labels = i.labels.map((name, n) => ({ ...o.labels[0], id: n + 1, name }));
  o.created_at = i.createdAt;
  o.updated_at = i.closedAt ?? i.createdAt;
  o.closed_at = i.closedAt;
  o.state = i.closedAt ? 'closed' : 'open';
  if (!i.pullRequest) delete o.pull_request;
  return o;
}

export function pullObject(p: { number: number; mergedAt: string | null }) {
  const o = example('pull-request-simple');
  // GitHub's own example lists requested teams without `type`, which its schema requires.
  return {
    ...o,
    requested_teams: [],
    number: p.number,
    merged_at: p.mergedAt,
    state: 'closed',
  };
}
