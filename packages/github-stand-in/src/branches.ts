import { createHash, randomUUID } from 'node:crypto';
import { GithubStandIn } from './GithubStandIn';
import { githubExample } from './openapi';
import {
  BranchProtectionChange,
  GithubOrganization,
  restRepository,
  StandInRepository,
} from './organization';
import { webhookExample, webhookHeaders } from './webhooks';

const API = 'https://api.github.com';
const DOCS = 'https://docs.github.com/rest/branches';
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const notFound = (message: string, documentation: string) => ({
  status: 404,
  body: { message, documentation_url: `${DOCS}/${documentation}` },
});

/**
 * A branch head: listed in `branches`, else (the default branch) derived from the files, as
 * the Actions routes derive it for the runs they seed.
 */
function branchHead(r: StandInRepository, branch: string) {
  const listed = r.branches?.[branch];
  if (listed) return listed;
  return branch === (r.defaultBranch ?? 'main')
    ? sha1(JSON.stringify(r.files ?? {}))
    : undefined;
}

const enabled = (value: unknown) =>
  value === undefined || value === null ? {} : { enabled: Boolean(value) };

/**
 * The protection as `GET .../protection` answers it (`branch-protection`), from the body of
 * `PUT .../protection` that set it (GitHub's input shape: booleans and nulls).
 */
export function restBranchProtection(
  owner: string,
  repo: string,
  branch: string,
  put: any,
) {
  const url = `${API}/repos/${owner}/${repo}/branches/${encodeURIComponent(
    branch,
  )}/protection`;
  const checks = put?.required_status_checks;
  const reviews = put?.required_pull_request_reviews;
  const contexts: string[] =
    checks?.contexts ??
    (checks?.checks ?? []).map((c: { context: string }) => c.context);
  return {
    url,
    ...(checks
      ? {
          required_status_checks: {
            url: `${url}/required_status_checks`,
            strict: Boolean(checks.strict),
            contexts,
            contexts_url: `${url}/required_status_checks/contexts`,
            checks:
              checks.checks?.map((c: { context: string; app_id?: number }) => ({
                context: c.context,
                app_id: c.app_id ?? null,
              })) ?? contexts.map(context => ({ context, app_id: null })),
          },
        }
      : {}),
    enforce_admins: {
      url: `${url}/enforce_admins`,
      enabled: Boolean(put?.enforce_admins),
    },
    ...(reviews
      ? {
          required_pull_request_reviews: {
            url: `${url}/required_pull_request_reviews`,
            dismiss_stale_reviews: Boolean(reviews.dismiss_stale_reviews),
            require_code_owner_reviews: Boolean(
              reviews.require_code_owner_reviews,
            ),
            required_approving_review_count:
              reviews.required_approving_review_count ?? 0,
            require_last_push_approval: Boolean(
              reviews.require_last_push_approval,
            ),
          },
        }
      : {}),
    required_linear_history: enabled(put?.required_linear_history ?? false),
    allow_force_pushes: enabled(put?.allow_force_pushes ?? false),
    allow_deletions: enabled(put?.allow_deletions ?? false),
    block_creations: enabled(put?.block_creations ?? false),
    required_conversation_resolution: enabled(
      put?.required_conversation_resolution ?? false,
    ),
    lock_branch: enabled(put?.lock_branch ?? false),
    allow_fork_syncing: enabled(put?.allow_fork_syncing ?? false),
  };
}

/** A rule's enforcement level: off, or on for everyone (admins too) or for non-admins. */
function enforcement(on: boolean, admins: boolean) {
  if (!on) return 'off';
  return admins ? 'everyone' : 'non_admins';
}

/**
 * The `branch_protection_rule` webhook GitHub delivers when a branch's protection is set
 * (`created` the first time, `edited` after) or removed (`deleted`): a real payload from
 * `@octokit/webhooks-examples` with the rule, the repository and the organisation of this one.
 * `put` is the body of `PUT .../protection` that set it (for `deleted`, the one removed).
 */
export function branchProtectionRuleWebhook(
  org: GithubOrganization,
  r: StandInRepository,
  branch: string,
  action: 'created' | 'edited' | 'deleted',
  put: any,
  now: Date = new Date(),
) {
  const payload = webhookExample(
    'branch_protection_rule',
    p => p.action === action,
  );
  const repository = restRepository(org, r);
  const checks = put?.required_status_checks;
  const reviews = put?.required_pull_request_reviews;
  const admins = Boolean(put?.enforce_admins);
  const at = now.toISOString();
  payload.rule = {
    ...payload.rule,
    id: parseInt(
      sha1(`${org.login}/${r.name}/protection/${branch}`).slice(0, 8),
      16,
    ),
    repository_id: repository.id,
    name: branch,
    created_at: action === 'created' ? at : payload.rule.created_at,
    updated_at: at,
    pull_request_reviews_enforcement_level: enforcement(!!reviews, admins),
    required_approving_review_count:
      reviews?.required_approving_review_count ?? 0,
    dismiss_stale_reviews_on_push: Boolean(reviews?.dismiss_stale_reviews),
    require_code_owner_review: Boolean(reviews?.require_code_owner_reviews),
    require_last_push_approval: Boolean(reviews?.require_last_push_approval),
    required_status_checks:
      checks?.contexts ??
      (checks?.checks ?? []).map((c: { context: string }) => c.context),
    required_status_checks_enforcement_level: enforcement(!!checks, admins),
    strict_required_status_checks_policy: Boolean(checks?.strict),
    admin_enforced: admins,
  };
  payload.repository = { ...payload.repository, ...repository };
  if (payload.organization) {
    payload.organization = { ...payload.organization, login: org.login };
  }
  return payload;
}

/**
 * Delivers the signed `branch_protection_rule` webhook of each protection change to `target`
 * (the portal's GitHub webhook), as GitHub does for a repository's webhooks; pass
 * `onBranchProtection` to `serveOrganizations`. `deliveries` keeps each one's receiver status
 * (0: not reached).
 */
export function branchProtectionWebhooks(target: {
  url: string;
  secret: string;
}) {
  const pending = new Set<Promise<void>>();
  const deliveries: Array<{
    repository: string;
    branch: string;
    action: string;
    status: number;
  }> = [];
  return {
    deliveries,
    onBranchProtection(change: BranchProtectionChange) {
      const { org, repository, branch, action, put } = change;
      const body = JSON.stringify(
        branchProtectionRuleWebhook(org, repository, branch, action, put),
      );
      const entry = {
        repository: `${org.login}/${repository.name}`,
        branch,
        action,
        status: 0,
      };
      deliveries.push(entry);
      const delivery = fetch(target.url, {
        method: 'POST',
        headers: webhookHeaders(
          'branch_protection_rule',
          body,
          target.secret,
          randomUUID(),
        ),
        body,
      })
        .then(res => {
          entry.status = res.status;
        })
        .catch(() => undefined)
        .finally(() => pending.delete(delivery));
      pending.add(delivery);
    },
    /** Resolves once every delivery started so far has been answered. */
    async settled() {
      while (pending.size) await Promise.all([...pending]);
    },
  };
}

/**
 * Serves a repository's branches and their protection: `GET /repos/{owner}/{repo}/branches/{branch}`
 * and `GET .../protection`, answering the protection a repository was given
 * (`StandInRepository.protection`, or a `PUT .../protection` served by `serveOrganizations`).
 * An unprotected branch answers 404 "Branch not protected", as GitHub does.
 */
export function serveBranches(
  standIn: GithubStandIn,
  organizations: GithubOrganization[],
) {
  const find = (owner: string, name: string) => {
    const org = organizations.find(
      o => o.login.toLowerCase() === owner.toLowerCase(),
    );
    const r = org?.repository(name);
    return org && r ? { org, r } : undefined;
  };

  standIn.route(
    '/repos/{owner}/{repo}/branches/{branch}',
    ([, owner, name, branch]) => {
      const found = find(owner, name);
      const head = found && branchHead(found.r, branch);
      if (!found || !head) {
        return notFound('Branch not found', 'branches#get-a-branch');
      }
      const { login } = found.org;
      const repo = found.r.name;
      const base = `${API}/repos/${login}/${repo}`;
      const example = githubExample('branch-get');
      const put = found.r.protection?.[branch];
      const protection = restBranchProtection(login, repo, branch, put);
      return {
        status: 200,
        body: {
          ...example,
          name: branch,
          commit: {
            ...example.commit,
            sha: head,
            url: `${base}/commits/${head}`,
            html_url: `https://github.com/${login}/${repo}/commit/${head}`,
            comments_url: `${base}/commits/${head}/comments`,
            parents: [],
          },
          _links: {
            self: `${base}/branches/${encodeURIComponent(branch)}`,
            html: `https://github.com/${login}/${repo}/tree/${branch}`,
          },
          protected: put !== undefined,
          protection: {
            enabled: put !== undefined,
            ...(protection.required_status_checks
              ? { required_status_checks: protection.required_status_checks }
              : {}),
          },
          protection_url: protection.url,
        },
      };
    },
  );
  standIn.route(
    '/repos/{owner}/{repo}/branches/{branch}/protection',
    ([, owner, name, branch]) => {
      const found = find(owner, name);
      if (!found || !branchHead(found.r, branch)) {
        return notFound('Branch not found', 'branches#get-a-branch');
      }
      const put = found.r.protection?.[branch];
      if (put === undefined) {
        return notFound(
          'Branch not protected',
          'branch-protection#get-branch-protection',
        );
      }
      return {
        status: 200,
        body: restBranchProtection(found.org.login, found.r.name, branch, put),
      };
    },
  );
}
