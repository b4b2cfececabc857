import { GithubStandIn } from '../GithubStandIn';
import { githubExample } from '../openapi';
import {
  DemoCommit,
  DemoDeployment,
  DemoHistory,
  DemoIssue,
  DemoPullRequest,
} from './history';

const NOT_FOUND = {
  status: 404,
  body: {
    message: 'Not Found',
    documentation_url: 'https://docs.github.com/rest',
  },
};

/** How GitHub names the head's place against the base on one line of commits. */
function comparisonStatus(base: number, head: number) {
  if (head === base) return 'identical';
  return head > base ? 'ahead' : 'behind';
}

const api = (owner: string, repo: string) =>
  `https://api.github.com/repos/${owner}/${repo}`;

function restDeployment(owner: string, d: DemoDeployment) {
  const o = githubExample('deployment');
  return {
    ...o,
    id: d.id,
    node_id: `DE_${d.id}`,
    sha: d.sha,
    ref: d.sha,
    task: 'deploy',
    environment: d.environment,
    original_environment: d.environment,
    production_environment: /^prod(uction)?$/i.test(d.environment),
    description: null,
    created_at: d.createdAt,
    updated_at: d.statuses[d.statuses.length - 1]?.at ?? d.createdAt,
    url: `${api(owner, d.repository)}/deployments/${d.id}`,
    statuses_url: `${api(owner, d.repository)}/deployments/${d.id}/statuses`,
    repository_url: api(owner, d.repository),
  };
}

function restDeploymentStatus(
  owner: string,
  d: DemoDeployment,
  s: DemoDeployment['statuses'][number],
) {
  const o = githubExample('deployment-status');
  return {
    ...o,
    id: s.id,
    node_id: `DES_${s.id}`,
    state: s.state,
    environment: d.environment,
    created_at: s.at,
    updated_at: s.at,
    deployment_url: `${api(owner, d.repository)}/deployments/${d.id}`,
    repository_url: api(owner, d.repository),
  };
}

function restCommit(owner: string, repo: string, c: DemoCommit) {
  const o = githubExample('commit');
  o.sha = c.sha;
  o.node_id = `C_${c.sha.slice(0, 12)}`;
  o.url = `${api(owner, repo)}/commits/${c.sha}`;
  o.html_url = `https://github.com/${owner}/${repo}/commit/${c.sha}`;
  // GitHub's own example lists files without `contents_url`, which its schema requires.
  o.files = [];
  o.commit.message = c.message;
  o.commit.author.name = c.author;
  o.commit.author.date = c.authoredAt;
  o.commit.committer.date = c.authoredAt;
  return o;
}

function restIssue(owner: string, i: DemoIssue) {
  const o = githubExample('issue');
  const label = o.labels[0];
  const updated = i.closedAt ?? i.createdAt;
  const copy = {
    ...o,
    id: i.id,
    node_id: `I_${i.id}`,
    number: i.number,
    title: i.title,
    body: null,
    url: `${api(owner, i.repository)}/issues/${i.number}`,
    html_url: `https://github.com/${owner}/${i.repository}/issues/${i.number}`,
    labels: i.labels.map((name, n) => ({ ...label, id: n + 1, name })),
    state: i.closedAt ? 'closed' : 'open',
    created_at: i.createdAt,
    updated_at: updated,
    closed_at: i.closedAt,
  };
  delete (copy as { pull_request?: unknown }).pull_request;
  return copy;
}

function restPull(owner: string, p: DemoPullRequest) {
  const o = githubExample('pull-request-simple');
  return {
    ...o,
    id: p.id,
    node_id: `PR_${p.id}`,
    number: p.number,
    title: p.title,
    state: 'closed',
    // GitHub's own example lists requested teams without `type`, which its schema requires.
    requested_teams: [],
    created_at: p.createdAt,
    updated_at: p.mergedAt,
    closed_at: p.mergedAt,
    merged_at: p.mergedAt,
    merge_commit_sha: p.headSha,
    url: `${api(owner, p.repository)}/pulls/${p.number}`,
    html_url: `https://github.com/${owner}/${p.repository}/pull/${p.number}`,
  };
}

/** The history's records of one repository, newest first where GitHub lists them so. */
class RepositoryHistory {
  deployments: DemoDeployment[] = [];
  issues: DemoIssue[] = [];
  pulls: DemoPullRequest[] = [];
  commits: DemoCommit[] = [];
  commitIndex = new Map<string, number>();
}

/**
 * Serves a generated history on the stand-in as GitHub's REST API does, for the routes the
 * insights backfill reads: deployments (newest first) and their statuses, compare, a commit,
 * issues (`state`, `since`, `sort`, `direction`) and pull requests. `history` may grow while
 * served (the live trickle appends to it and calls `refresh`).
 */
export function serveHistory(
  standIn: GithubStandIn,
  owner: string,
  history: DemoHistory,
) {
  let repositories = new Map<string, RepositoryHistory>();
  const refresh = () => {
    const next = new Map<string, RepositoryHistory>();
    const of = (name: string) => {
      let r = next.get(name);
      if (!r) {
        r = new RepositoryHistory();
        next.set(name, r);
      }
      return r;
    };
    for (const [name, commits] of Object.entries(history.commits)) {
      const r = of(name);
      r.commits = commits;
      commits.forEach((c, i) => r.commitIndex.set(c.sha, i));
    }
    for (const d of history.deployments) of(d.repository).deployments.push(d);
    for (const i of history.issues) of(i.repository).issues.push(i);
    for (const p of history.pullRequests) of(p.repository).pulls.push(p);
    repositories = next;
  };
  refresh();
  const find = (o: string, repo: string) =>
    o.toLowerCase() === owner.toLowerCase()
      ? repositories.get(repo.toLowerCase()) ??
        [...repositories.entries()].find(
          ([name]) => name.toLowerCase() === repo.toLowerCase(),
        )?.[1]
      : undefined;

  standIn.route('/repos/{owner}/{repo}/deployments', ([, o, repo], url) => {
    const r = find(o, repo);
    if (!r) return NOT_FOUND;
    const environment = url.searchParams.get('environment');
    const sha = url.searchParams.get('sha');
    return r.deployments
      .filter(
        d =>
          (!environment || d.environment === environment) &&
          (!sha || d.sha === sha),
      )
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id)
      .map(d => restDeployment(owner, d));
  });
  standIn.route(
    '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
    ([, o, repo, id]) => {
      const d = find(o, repo)?.deployments.find(x => String(x.id) === id);
      if (!d) return NOT_FOUND;
      return [...d.statuses]
        .reverse()
        .map(s => restDeploymentStatus(owner, d, s));
    },
  );
  standIn.route('/repos/{owner}/{repo}/commits/{ref}', ([, o, repo, ref]) => {
    const r = find(o, repo);
    const i = r?.commitIndex.get(ref);
    if (!r || i === undefined) return NOT_FOUND;
    return { status: 200, body: restCommit(owner, repo, r.commits[i]) };
  });
  standIn.route(
    '/repos/{owner}/{repo}/compare/{basehead}',
    ([, o, repo, basehead], url) => {
      const r = find(o, repo);
      const [base, head] = basehead.split('...');
      const from = r?.commitIndex.get(base);
      const to = r?.commitIndex.get(head);
      if (!r || from === undefined || to === undefined) return NOT_FOUND;
      const all = to > from ? r.commits.slice(from + 1, to + 1) : [];
      // GitHub pages the compared commits by per_page (at most 250 per page).
      const perPage = Math.min(
        Number(url.searchParams.get('per_page') ?? 250),
        250,
      );
      const page = Number(url.searchParams.get('page') ?? 1);
      const commits = all.slice((page - 1) * perPage, page * perPage);
      const o2 = githubExample('commit-comparison');
      const body = {
        ...o2,
        status: comparisonStatus(from, to),
        ahead_by: Math.max(0, to - from),
        behind_by: Math.max(0, from - to),
        total_commits: all.length,
        commits: commits.map(c => restCommit(owner, repo, c)),
        files: [],
      };
      const headers: Record<string, string> = {};
      if (page * perPage < all.length) {
        headers.link = `<${url.pathname}?per_page=${perPage}&page=${
          page + 1
        }>; rel="next"`;
      }
      return { status: 200, body, headers };
    },
  );
  standIn.route('/repos/{owner}/{repo}/issues', ([, o, repo], url) => {
    const r = find(o, repo);
    if (!r) return NOT_FOUND;
    const state = url.searchParams.get('state') ?? 'open';
    const since = url.searchParams.get('since');
    const sort = url.searchParams.get('sort') ?? 'created';
    const direction = url.searchParams.get('direction') ?? 'desc';
    const key = (i: DemoIssue) =>
      sort === 'updated' ? i.closedAt ?? i.createdAt : i.createdAt;
    return r.issues
      .filter(
        i =>
          (state === 'all' || (state === 'closed') === Boolean(i.closedAt)) &&
          (!since || (i.closedAt ?? i.createdAt) >= since),
      )
      .sort(
        (a, b) =>
          (direction === 'asc' ? 1 : -1) *
          (key(a).localeCompare(key(b)) || a.number - b.number),
      )
      .map(i => restIssue(owner, i));
  });
  standIn.route('/repos/{owner}/{repo}/pulls', ([, o, repo], url) => {
    const r = find(o, repo);
    if (!r) return NOT_FOUND;
    const state = url.searchParams.get('state') ?? 'open';
    // Every pull request of the history is merged (closed).
    if (state === 'open') return [];
    const direction = url.searchParams.get('direction') ?? 'desc';
    return [...r.pulls]
      .sort(
        (a, b) =>
          (direction === 'asc' ? 1 : -1) * a.mergedAt.localeCompare(b.mergedAt),
      )
      .map(p => restPull(owner, p));
  });
  return { refresh };
}
