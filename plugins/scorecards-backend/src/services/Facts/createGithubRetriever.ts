import { LoggerService } from '@backstage/backend-plugin-api';
import { Octokit } from '@octokit/rest';
import { parse } from 'yaml';
import { EntityRecord, FactRecord } from '../../database/ScorecardStore';
import { FactRetriever } from './types';

const CODEOWNERS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];
const DEPENDENCY_UPDATES = [
  '.github/dependabot.yml',
  '.github/dependabot.yaml',
  'renovate.json',
  'renovate.json5',
  '.github/renovate.json',
  '.github/renovate.json5',
  '.renovaterc',
  '.renovaterc.json',
];
/** Steps that scan a container image: Trivy, Grype/Anchore, Snyk's container action, Docker Scout. */
const IMAGE_SCAN =
  /aquasecurity\/trivy-action|\btrivy\s+image\b|anchore\/scan-action|\bgrype\b|snyk\/actions\/docker|docker\/scout-action|\bdocker scout cves\b/i;

function status(error: unknown): number | undefined {
  return (error as { status?: number }).status;
}

/** Whether the file exists; a 404 is "no", anything else is thrown. */
async function exists(
  octokit: Octokit,
  owner: string,
  repo: string,
  path: string,
) {
  try {
    await octokit.rest.repos.getContent({ owner, repo, path });
    return true;
  } catch (error) {
    if (status(error) === 404) return false;
    throw error;
  }
}

async function anyExists(
  octokit: Octokit,
  owner: string,
  repo: string,
  paths: string[],
) {
  for (const path of paths) {
    if (await exists(octokit, owner, repo, path)) return true;
  }
  return false;
}

async function text(
  octokit: Octokit,
  owner: string,
  repo: string,
  path: string,
): Promise<string> {
  const { data } = await octokit.rest.repos.getContent({ owner, repo, path });
  if (Array.isArray(data) || data.type !== 'file' || !('content' in data))
    return '';
  return Buffer.from(data.content, 'base64').toString('utf8');
}

/** What `GET .../branches/{branch}/protection` answers that the check reads. */
export type BranchProtection = {
  required_status_checks?: {
    contexts?: string[];
    checks?: Array<{ context: string }>;
  } | null;
  required_pull_request_reviews?: {
    required_approving_review_count?: number;
  } | null;
};

/**
 * Whether a branch is protected the way the `default-branch-protected` check means it: changes
 * arrive by pull request with at least one approving review and at least one required status
 * check (CI) passing. `null`: no protection rule at all.
 */
export function isProtectedForReviewAndCi(
  protection: BranchProtection | null,
): boolean {
  const reviews =
    protection?.required_pull_request_reviews
      ?.required_approving_review_count ?? 0;
  const checks = protection?.required_status_checks;
  const requiredChecks = Math.max(
    checks?.contexts?.length ?? 0,
    checks?.checks?.length ?? 0,
  );
  return reviews >= 1 && requiredChecks >= 1;
}

/**
 * The default branch's protection: 404 "Branch not protected" is no rule (`null`); `undefined`
 * when the portal may not read it (403: the token or GitHub App lacks administration read, or
 * the plan has no branch protection for private repositories), so the fact is not collected.
 */
async function branchProtection(
  octokit: Octokit,
  owner: string,
  repo: string,
  branch: string,
): Promise<BranchProtection | null | undefined> {
  try {
    return (
      await octokit.rest.repos.getBranchProtection({ owner, repo, branch })
    ).data;
  } catch (error) {
    const message = (error as { response?: { data?: { message?: string } } })
      .response?.data?.message;
    if (status(error) === 404 && message === 'Branch not protected')
      return null;
    if (status(error) === 403) return undefined;
    throw error;
  }
}

/** Whether a workflow runs on pushes or pull requests (CI), from its `on:`. */
export function isCiWorkflow(source: string): boolean {
  let document: unknown;
  try {
    document = parse(source);
  } catch {
    return false;
  }
  // YAML 1.1 readers take `on` as true; the yaml package (1.2) keeps the key `on`
  const on = (document as Record<string, unknown> | null)?.on;
  let events: unknown[] = Object.keys(on ?? {});
  if (typeof on === 'string') events = [on];
  if (Array.isArray(on)) events = on;
  return events.some(event => event === 'push' || event === 'pull_request');
}

const GITHUB_FACTS = [
  'github.defaultBranchProtected',
  'github.hasCodeowners',
  'github.hasDependencyUpdates',
  'github.hasCiWorkflow',
  'github.hasImageScan',
  'github.lastDefaultBranchRunPassed',
] as const;

/** The GitHub facts of one repository, read on its default branch. */
async function readRepository(
  octokit: Octokit,
  owner: string,
  repo: string,
  branch: string,
): Promise<Record<string, boolean | null>> {
  const workflows = (
    await octokit.rest.actions.listRepoWorkflows({
      owner,
      repo,
      per_page: 100,
    })
  ).data.workflows;
  const sources = await Promise.all(
    workflows.map(w => text(octokit, owner, repo, w.path).catch(() => '')),
  );
  const runs = (
    await octokit.rest.actions.listWorkflowRunsForRepo({
      owner,
      repo,
      branch,
      per_page: 20,
    })
  ).data.workflow_runs;
  const lastCompleted = runs.find(run => run.status === 'completed');
  const protection = await branchProtection(octokit, owner, repo, branch);
  return {
    'github.defaultBranchProtected':
      protection === undefined ? null : isProtectedForReviewAndCi(protection),
    'github.hasCodeowners': await anyExists(octokit, owner, repo, CODEOWNERS),
    'github.hasDependencyUpdates': await anyExists(
      octokit,
      owner,
      repo,
      DEPENDENCY_UPDATES,
    ),
    'github.hasCiWorkflow': sources.some(isCiWorkflow),
    'github.hasImageScan': sources.some(source => IMAGE_SCAN.test(source)),
    'github.lastDefaultBranchRunPassed': lastCompleted
      ? lastCompleted.conclusion === 'success'
      : null,
  };
}

/** The GitHub retriever, which can also read one repository a webhook said changed. */
export interface GithubFactRetriever extends FactRetriever {
  /**
   * Reads one repository's facts for the entities it holds, on the default branch the webhook
   * named (no list of the organisation's repositories); `[]` when it cannot be read.
   */
  collectRepository(
    repository: { fullName: string; defaultBranch: string },
    entities: EntityRecord[],
  ): Promise<FactRecord[]>;
}

/**
 * The GitHub retriever: for each entity with a `github.com/project-slug`, CODEOWNERS, Dependabot
 * or Renovate configuration, a CI workflow, an image scan step in a workflow, and whether the
 * last completed run on the default branch succeeded, and whether the default branch requires
 * a review and a status check. Requests per repository: one list of workflows, one file per
 * workflow, up to 3 CODEOWNERS and 8 dependency configuration paths (stopping at the first
 * found), one page of runs, one branch protection; the default branches come from one list of
 * repositories per organisation. A repository that cannot be read keeps its earlier facts.
 * Each repository's requests (and each organisation's list, as `owner/*`) go to
 * `recordRequests`, the daily total per repository.
 */
export function createGithubRetriever(options: {
  /** The client of an organisation, with the count of requests it has made. */
  octokitFor: (
    owner: string,
  ) => Promise<{ octokit: Octokit; requests: () => number }>;
  logger: LoggerService;
  /** Adds requests made for a repository (`owner/name`, lower case) to today's total. */
  recordRequests?: (repository: string, requests: number) => Promise<void>;
  now?: () => Date;
}): GithubFactRetriever {
  const now = options.now ?? (() => new Date());
  const record = async (repository: string, requests: number) => {
    if (!options.recordRequests || requests <= 0) return;
    try {
      await options.recordRequests(repository, requests);
    } catch (error) {
      options.logger.warn('Scorecards could not count GitHub requests', {
        repository,
        error: String(error),
      });
    }
  };

  /** Reads one repository for its entities; the facts, or [] when it cannot be read. */
  async function collectOne(
    client: { octokit: Octokit; requests: () => number },
    owner: string,
    repo: string,
    branch: string,
    entities: EntityRecord[],
  ): Promise<FactRecord[]> {
    const repository = `${owner}/${repo}`.toLocaleLowerCase('en-US');
    const before = client.requests();
    try {
      const values = await readRepository(client.octokit, owner, repo, branch);
      // what a collection costs of the rate limit, per repository (hourly by default)
      options.logger.info('Scorecards read a GitHub repository', {
        repository,
        requests: client.requests() - before,
      });
      const collectedAt = now().toISOString();
      return entities.flatMap(entity =>
        Object.entries(values).map(([factId, value]) => ({
          entityRef: entity.entityRef,
          factId,
          value,
          collectedAt,
        })),
      );
    } catch (error) {
      options.logger.warn('Scorecards could not read a GitHub repository', {
        entityRefs: entities.map(e => e.entityRef).join(', '),
        repository,
        error: String(error),
      });
      return [];
    } finally {
      await record(repository, client.requests() - before);
    }
  }

  /** Entities by repository (lower case `owner/name`). */
  function byRepository(entities: EntityRecord[]) {
    const result = new Map<string, EntityRecord[]>();
    for (const entity of entities) {
      if (!entity.repository) continue;
      const key = entity.repository.toLocaleLowerCase('en-US');
      result.set(key, [...(result.get(key) ?? []), entity]);
    }
    return result;
  }

  return {
    source: 'github',
    facts: GITHUB_FACTS,
    async collect(entities, signal) {
      const facts: FactRecord[] = [];
      const byOwner = new Map<string, Map<string, EntityRecord[]>>();
      for (const [repository, held] of byRepository(entities)) {
        const owner = repository.split('/')[0];
        const repos = byOwner.get(owner) ?? new Map();
        repos.set(repository, held);
        byOwner.set(owner, repos);
      }
      for (const [owner, repos] of byOwner) {
        if (signal?.aborted) break;
        let client: { octokit: Octokit; requests: () => number };
        let defaultBranches: Map<string, string>;
        let before = 0;
        try {
          client = await options.octokitFor(owner);
          before = client.requests();
          const repositories = await client.octokit.paginate(
            client.octokit.rest.repos.listForOrg,
            { org: owner, per_page: 100 },
          );
          defaultBranches = new Map(
            repositories.map(r => [
              r.name.toLocaleLowerCase('en-US'),
              r.default_branch ?? 'main',
            ]),
          );
          await record(`${owner}/*`, client.requests() - before);
        } catch (error) {
          options.logger.warn(
            'Scorecards could not list the repositories of a GitHub organisation',
            { organization: owner, error: String(error) },
          );
          continue;
        }
        for (const [repository, held] of repos) {
          if (signal?.aborted) break;
          const repo = repository.split('/')[1];
          const branch = defaultBranches.get(repo);
          if (!branch) continue; // not in the organisation (or not visible to the portal)
          facts.push(...(await collectOne(client, owner, repo, branch, held)));
        }
      }
      return facts;
    },

    async collectRepository(repository, entities) {
      const [owner, repo] = repository.fullName
        .toLocaleLowerCase('en-US')
        .split('/');
      const held =
        byRepository(entities).get(`${owner}/${repo}`) ??
        ([] as EntityRecord[]);
      if (held.length === 0) return [];
      let client: { octokit: Octokit; requests: () => number };
      try {
        client = await options.octokitFor(owner);
      } catch (error) {
        options.logger.warn('Scorecards could not read a GitHub repository', {
          repository: repository.fullName,
          error: String(error),
        });
        return [];
      }
      return collectOne(client, owner, repo, repository.defaultBranch, held);
    },
  };
}
