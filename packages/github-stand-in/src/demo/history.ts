import { SeededRandom } from './random';

/** How a team ships (see fixtures/acme-retail-history.yaml). */
export type DeliveryProfile = {
  deployDayChance: number;
  deploysPerDay: [number, number];
  commitsPerDeploy: [number, number];
  leadHours: [number, number];
  riskyChance: number;
  restoreHours: [number, number];
  failedAttemptChance: number;
};

/** The history's specification: the fixture, parsed. */
export type HistorySpec = {
  seed: number;
  days: number;
  holidays: string[];
  profiles: Record<string, DeliveryProfile>;
  teams: Record<
    string,
    { profile: string; adopted?: { daysAgo: number; profile: string } }
  >;
};

/** A repository of the organisation and the team working in it. */
export type HistoryRepository = {
  name: string;
  /** The owning team's slug, or null. */
  team: string | null;
};

export type DemoCommit = {
  sha: string;
  message: string;
  author: string;
  authoredAt: string;
};

export type DemoDeploymentStatus = {
  id: number;
  state: 'in_progress' | 'success' | 'failure';
  at: string;
};

export type DemoDeployment = {
  id: number;
  repository: string;
  environment: string;
  sha: string;
  createdAt: string;
  /** Oldest first. */
  statuses: DemoDeploymentStatus[];
};

export type DemoIssue = {
  id: number;
  repository: string;
  number: number;
  title: string;
  labels: string[];
  createdAt: string;
  closedAt: string | null;
};

export type DemoPullRequest = {
  id: number;
  repository: string;
  number: number;
  title: string;
  author: string;
  createdAt: string;
  mergedAt: string;
  headSha: string;
};

export type DemoWorkflowRun = {
  repository: string;
  workflow: 'ci.yaml' | 'deploy.yaml';
  title: string;
  createdAt: string;
  durationSeconds: number;
  conclusion: 'success' | 'failure';
  headSha: string;
};

/** What the generator made: every record the stand-in serves, in time order per kind. */
export type DemoHistory = {
  from: string;
  to: string;
  /** Commits of each repository's default branch, oldest first. */
  commits: Record<string, DemoCommit[]>;
  deployments: DemoDeployment[];
  issues: DemoIssue[];
  pullRequests: DemoPullRequest[];
  workflowRuns: DemoWorkflowRun[];
};

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const CHANGES = [
  'Retry the payment provider on 503',
  'Add request tracing',
  'Bump dependencies',
  'Cache the product list',
  'Fix the flaky retry test',
  'Paginate the order history',
  'Log the correlation id',
  'Validate the postcode per market',
  'Tune the connection pool',
  'Drop the unused feature flag',
  'Translate the checkout emails',
  'Speed up the search index rebuild',
];
const AUTHORS = [
  'sofia-lindqvist',
  'marco-bianchi',
  'amelie-durand',
  'jonas-weber',
  'priya-nair',
  'lukas-novak',
  'elena-rossi',
  'tomasz-kowalski',
];
const INCIDENTS = [
  'Checkout errors after the release',
  'Elevated latency in production',
  'Orders stuck in pending',
  'Error rate above the SLO',
  'Memory leak after the deploy',
];

/** A string's hash, so each repository has its own random stream from the seed. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  }
  return h >>> 0;
}

const iso = (ms: number) =>
  new Date(Math.round(ms / 1000) * 1000).toISOString();

/** The UTC midnight of a date. */
export function utcMidnight(date: Date): Date {
  return new Date(
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()),
  );
}

function isWorkingDay(day: Date, holidays: ReadonlySet<string>): boolean {
  const weekday = day.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !holidays.has(day.toISOString().slice(5, 10));
}

/** The profile a team works by on a day. */
function profileOn(
  spec: HistorySpec,
  team: string | null,
  day: Date,
  end: Date,
): DeliveryProfile {
  const t = team ? spec.teams[team] : undefined;
  let name = t?.profile ?? 'steady';
  if (
    t?.adopted &&
    day.getTime() >= end.getTime() - t.adopted.daysAgo * DAY_MS
  ) {
    name = t.adopted.profile;
  }
  const profile = spec.profiles[name];
  if (!profile) throw new Error(`history: no profile '${name}'`);
  return profile;
}

/** Ids shared by every repository, as GitHub's are organisation-wide. */
class Ids {
  deployment = 410_000_000;
  status = 1_290_000_000;
  issue = 2_100_000_000;
  pull = 1_750_000_000;
}

/**
 * Generates a year (spec.days) of one organisation's history up to `end` (exclusive): for
 * each repository, on working days, its team's profile decides whether and how often it
 * deploys; each production deployment ships new commits (merged as one pull request, built by
 * CI, first deployed to staging), sometimes fails once before succeeding, and a risky one is
 * followed by an incident issue closed after the restore time. Pure: the same spec,
 * repositories and end give the same history.
 */
export function generateHistory(
  spec: HistorySpec,
  repositories: ReadonlyArray<HistoryRepository>,
  end: Date,
): DemoHistory {
  const to = utcMidnight(end);
  const from = new Date(to.getTime() - spec.days * DAY_MS);
  const holidays = new Set(spec.holidays);
  const ids = new Ids();
  const history: DemoHistory = {
    from: from.toISOString(),
    to: to.toISOString(),
    commits: {},
    deployments: [],
    issues: [],
    pullRequests: [],
    workflowRuns: [],
  };

  for (const repository of [...repositories].sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const random = new SeededRandom(spec.seed ^ hash(repository.name));
    const name = repository.name;
    const commits: DemoCommit[] = [];
    history.commits[name] = commits;
    // Issues and pull requests share one sequence of numbers per repository.
    let number = 0;

    for (let day = from; day < to; day = new Date(day.getTime() + DAY_MS)) {
      if (!isWorkingDay(day, holidays)) continue;
      const profile = profileOn(spec, repository.team, day, to);
      if (!random.chance(profile.deployDayChance)) continue;
      const count = random.integer(...profile.deploysPerDay);
      // Deployment times within working hours (09:00-17:00 UTC), in order.
      const times = Array.from(
        { length: count },
        () => day.getTime() + random.between(9, 17) * HOUR_MS,
      ).sort((a, b) => a - b);

      for (const at of times) {
        const title = random.pick(CHANGES);
        const author = random.pick(AUTHORS);
        const shipped = Array.from(
          { length: random.integer(...profile.commitsPerDeploy) },
          () => at - random.skewed(...profile.leadHours) * HOUR_MS,
        ).sort((a, b) => a - b);
        const latest = shipped[shipped.length - 1];
        for (const authoredAt of shipped) {
          commits.push({
            sha: random.sha(),
            message: title,
            author,
            authoredAt: iso(authoredAt),
          });
        }
        const head = commits[commits.length - 1].sha;
        // Merged between the last commit and the deployment; the release pipeline follows.
        const mergedAt = latest + (at - latest) * 0.25;
        history.pullRequests.push({
          id: ids.pull++,
          repository: name,
          number: ++number,
          title,
          author,
          createdAt: iso(shipped[0]),
          mergedAt: iso(mergedAt),
          headSha: head,
        });
        history.workflowRuns.push({
          repository: name,
          workflow: 'ci.yaml',
          title,
          createdAt: iso(mergedAt),
          durationSeconds: random.integer(240, 720),
          conclusion: 'success',
          headSha: head,
        });

        const deploy = (
          environment: string,
          createdAt: number,
          state: 'success' | 'failure',
          finishedAt: number,
        ) => {
          history.deployments.push({
            id: ids.deployment++,
            repository: name,
            environment,
            sha: head,
            createdAt: iso(createdAt),
            statuses: [
              { id: ids.status++, state: 'in_progress', at: iso(createdAt) },
              { id: ids.status++, state, at: iso(finishedAt) },
            ],
          });
          history.workflowRuns.push({
            repository: name,
            workflow: 'deploy.yaml',
            title: `Deploy ${head.slice(0, 7)} to ${environment}`,
            createdAt: iso(createdAt),
            durationSeconds: Math.round((finishedAt - createdAt) / 1000),
            conclusion: state,
            headSha: head,
          });
        };
        deploy('staging', at - 40 * 60_000, 'success', at - 35 * 60_000);
        if (random.chance(profile.failedAttemptChance)) {
          deploy('production', at - 25 * 60_000, 'failure', at - 20 * 60_000);
        }
        deploy('production', at - 6 * 60_000, 'success', at);

        if (random.chance(profile.riskyChance)) {
          const openedAt = at + random.skewed(0.1, 4) * HOUR_MS;
          const closedAt =
            openedAt + random.skewed(...profile.restoreHours) * HOUR_MS;
          if (openedAt < to.getTime()) {
            history.issues.push({
              id: ids.issue++,
              repository: name,
              number: ++number,
              title: random.pick(INCIDENTS),
              labels: ['incident', random.pick(['sev1', 'sev2', 'sev3'])],
              createdAt: iso(openedAt),
              closedAt: closedAt < to.getTime() ? iso(closedAt) : null,
            });
          }
        } else if (random.chance(0.05)) {
          // Ordinary bugs: issues the DORA figures must not count.
          const openedAt = at + random.between(1, 48) * HOUR_MS;
          if (openedAt < to.getTime()) {
            history.issues.push({
              id: ids.issue++,
              repository: name,
              number: ++number,
              title: `Bug: ${title.toLowerCase()} misbehaves`,
              labels: ['bug'],
              createdAt: iso(openedAt),
              closedAt: null,
            });
          }
        }
      }
    }
  }
  const byTime = (a: { createdAt: string }, b: { createdAt: string }) =>
    a.createdAt.localeCompare(b.createdAt);
  history.deployments.sort((a, b) => byTime(a, b) || a.id - b.id);
  history.issues.sort((a, b) => byTime(a, b) || a.id - b.id);
  history.pullRequests.sort((a, b) => byTime(a, b) || a.id - b.id);
  history.workflowRuns.sort(byTime);
  return history;
}
