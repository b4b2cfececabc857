import { LoggerService } from '@backstage/backend-plugin-api';
import { Octokit } from '@octokit/rest';
import { parse } from 'yaml';
import { FactRecord } from '../../database/ScorecardStore';
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

/**
 * The GitHub retriever: for each entity with a `github.com/project-slug`, CODEOWNERS, Dependabot
 * or Renovate configuration, a CI workflow, an image scan step in a workflow, and whether the
 * last completed run on the default branch succeeded, and whether the default branch requires
 * a review and a status check. Requests per repository: one list of workflows, one file per
 * workflow, up to 3 CODEOWNERS and 8 dependency configuration paths (stopping at the first
 * found), one page of runs, one branch protection; the default branches come from one list of
 * repositories per organisation. A repository that cannot be read keeps its earlier facts.
 */
export function createGithubRetriever(options: {
  /** The client of an organisation, with the count of requests it has made. */
  octokitFor: (
    owner: string,
  ) => Promise<{ octokit: Octokit; requests: () => number }>;
  logger: LoggerService;
  now?: () => Date;
}): FactRetriever {
  const now = options.now ?? (() => new Date());
  return {
    source: 'github',
    facts: [
      'github.defaultBranchProtected',
      'github.hasCodeowners',
      'github.hasDependencyUpdates',
      'github.hasCiWorkflow',
      'github.hasImageScan',
      'github.lastDefaultBranchRunPassed',
    ],
    async collect(entities, signal) {
      const facts: FactRecord[] = [];
      const byOwner = new Map<string, typeof entities>();
      for (const entity of entities) {
        if (!entity.repository) continue;
        const owner = entity.repository
          .split('/')[0]
          .toLocaleLowerCase('en-US');
        byOwner.set(owner, [...(byOwner.get(owner) ?? []), entity]);
      }
      for (const [owner, owned] of byOwner) {
        if (signal?.aborted) break;
        let octokit: Octokit;
        let requests: () => number;
        let defaultBranches: Map<string, string>;
        try {
          const client = await options.octokitFor(owner);
          octokit = client.octokit;
          requests = client.requests;
          const repositories = await octokit.paginate(
            octokit.rest.repos.listForOrg,
            { org: owner, per_page: 100 },
          );
          defaultBranches = new Map(
            repositories.map(r => [
              r.name.toLocaleLowerCase('en-US'),
              r.default_branch ?? 'main',
            ]),
          );
        } catch (error) {
          options.logger.warn(
            'Scorecards could not list the repositories of a GitHub organisation',
            { organization: owner, error: String(error) },
          );
          continue;
        }
        for (const entity of owned) {
          if (signal?.aborted) break;
          const repo = entity.repository!.split('/')[1];
          const branch = defaultBranches.get(repo.toLocaleLowerCase('en-US'));
          if (!branch) continue; // not in the organisation (or not visible to the portal)
          const before = requests();
          try {
            const workflows = (
              await octokit.rest.actions.listRepoWorkflows({
                owner,
                repo,
                per_page: 100,
              })
            ).data.workflows;
            const sources = await Promise.all(
              workflows.map(w =>
                text(octokit, owner, repo, w.path).catch(() => ''),
              ),
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
            const protection = await branchProtection(
              octokit,
              owner,
              repo,
              branch,
            );
            const values: Record<string, boolean | null> = {
              'github.defaultBranchProtected':
                protection === undefined
                  ? null
                  : isProtectedForReviewAndCi(protection),
              'github.hasCodeowners': await anyExists(
                octokit,
                owner,
                repo,
                CODEOWNERS,
              ),
              'github.hasDependencyUpdates': await anyExists(
                octokit,
                owner,
                repo,
                DEPENDENCY_UPDATES,
              ),
              'github.hasCiWorkflow': sources.some(isCiWorkflow),
              'github.hasImageScan': sources.some(source =>
                IMAGE_SCAN.test(source),
              ),
              'github.lastDefaultBranchRunPassed': lastCompleted
                ? lastCompleted.conclusion === 'success'
                : null,
            };
            // what a collection costs of the rate limit, per repository (hourly by default)
            options.logger.info('Scorecards read a GitHub repository', {
              repository: entity.repository,
              requests: requests() - before,
            });
            const collectedAt = now().toISOString();
            for (const [factId, value] of Object.entries(values)) {
              facts.push({
                entityRef: entity.entityRef,
                factId,
                value,
                collectedAt,
              });
            }
          } catch (error) {
            options.logger.warn(
              'Scorecards could not read a GitHub repository',
              {
                entityRef: entity.entityRef,
                repository: entity.repository,
                error: String(error),
              },
            );
          }
        }
      }
      return facts;
    },
  };
}
