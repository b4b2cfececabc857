import { createHash } from 'node:crypto';
import { connection } from './graphql';
import { GithubStandIn } from './GithubStandIn';
import { githubExample } from './openapi';

export type StandInRepository = {
  name: string;
  description?: string | null;
  /** Files on the default branch: path → content. */
  files?: Record<string, string>;
  defaultBranch?: string;
  /**
   * Branch heads: branch → commit SHA. The default branch, when not listed, has a SHA
   * derived from its files.
   */
  branches?: Record<string, string>;
  /** Tags: tag → commit SHA. */
  tags?: Record<string, string>;
  topics?: string[];
  language?: string | null;
  pushedAt?: string;
  archived?: boolean;
  fork?: boolean;
  visibility?: 'public' | 'private' | 'internal';
  /** Teams with access: team slug → permission. */
  teams?: Record<string, string>;
  /** The body the repository was created with (`POST /orgs/{org}/repos`). */
  settings?: Record<string, unknown>;
  /**
   * Branch protection by branch, in the body of `PUT .../branches/{branch}/protection` (as last
   * set, or seeded); `serveBranches` answers it. A branch without an entry is not protected.
   */
  protection?: Record<string, unknown>;
};

export type StandInTeam = {
  slug: string;
  name: string;
  description?: string | null;
  parent?: string;
  /** Logins of the team's direct members. */
  members: string[];
};

export type StandInUser = {
  login: string;
  name?: string | null;
  email?: string | null;
  bio?: string | null;
};

/** One GitHub organisation's repositories, teams and members; tests change them freely. */
export class GithubOrganization {
  repositories: StandInRepository[];
  teams: StandInTeam[];
  members: StandInUser[];

  constructor(
    readonly login: string,
    data: {
      repositories?: StandInRepository[];
      teams?: StandInTeam[];
      members?: StandInUser[];
    } = {},
  ) {
    this.repositories = data.repositories ?? [];
    this.teams = data.teams ?? [];
    this.members = data.members ?? [];
  }

  repository(name: string) {
    return this.repositories.find(
      r => r.name.toLowerCase() === name.toLowerCase(),
    );
  }

  htmlUrl(repository: string) {
    return `https://github.com/${this.login}/${repository}`;
  }
}

const sha = (text: string) => createHash('sha1').update(text).digest('hex');
const id = (text: string) => parseInt(sha(text).slice(0, 8), 16);
const NOT_FOUND = {
  status: 404,
  body: {
    message: 'Not Found',
    documentation_url: 'https://docs.github.com/rest',
  },
};

/** A repository as GitHub's REST API answers it in lists (`minimal-repository`). */
export function restRepository(org: GithubOrganization, r: StandInRepository) {
  const base = githubExample('minimal-repository');
  const apiUrl = `https://api.github.com/repos/${org.login}/${r.name}`;
  return {
    ...base,
    id: id(`${org.login}/${r.name}`),
    node_id: `R_${sha(`${org.login}/${r.name}`).slice(0, 12)}`,
    name: r.name,
    full_name: `${org.login}/${r.name}`,
    owner: {
      ...base.owner,
      login: org.login,
      type: 'Organization',
      html_url: `https://github.com/${org.login}`,
    },
    private: (r.visibility ?? 'private') !== 'public',
    visibility: r.visibility ?? 'private',
    html_url: org.htmlUrl(r.name),
    url: apiUrl,
    description: r.description ?? null,
    fork: Boolean(r.fork),
    archived: Boolean(r.archived),
    language: r.language ?? null,
    topics: r.topics ?? [],
    default_branch: r.defaultBranch ?? 'main',
    pushed_at: r.pushedAt ?? '2026-01-01T00:00:00Z',
  };
}

function restTeam(org: GithubOrganization, t: StandInTeam, permission: string) {
  const base = githubExample('team-items')[0];
  return {
    ...base,
    id: id(`${org.login}/team/${t.slug}`),
    node_id: `T_${sha(t.slug).slice(0, 12)}`,
    name: t.name,
    slug: t.slug,
    description: t.description ?? null,
    permission,
    // GitHub's own example lacks `type`, which its schema requires.
    type: 'organization',
    html_url: `https://github.com/orgs/${org.login}/teams/${t.slug}`,
    parent: null,
  };
}

function fullRepository(
  org: GithubOrganization,
  r: StandInRepository,
  cloneUrl: string,
) {
  const base = githubExample('full-repository');
  return {
    ...base,
    ...restRepository(org, r),
    owner: { ...base.owner, login: org.login, type: 'Organization' },
    clone_url: cloneUrl,
    // GitHub's example lacks `has_discussions`, which its schema requires.
    has_discussions: false,
    // GitHub's example names an organisation the stand-in does not have.
    organization: null,
    parent: undefined,
    source: undefined,
    template_repository: null,
  };
}

function contentFile(path: string, content: string) {
  const base = githubExample('content-file');
  const name = path.split('/').pop()!;
  return {
    ...base,
    name,
    path,
    sha: sha(content),
    size: Buffer.byteLength(content),
    content: Buffer.from(content, 'utf8').toString('base64'),
    encoding: 'base64',
  };
}

function graphqlUser(org: GithubOrganization, u: StandInUser) {
  return {
    __typename: 'User',
    id: `U_${sha(u.login).slice(0, 12)}`,
    login: u.login,
    name: u.name ?? null,
    // GitHub answers an empty string for a hidden e-mail.
    email: u.email ?? '',
    bio: u.bio ?? null,
    avatarUrl: `https://avatars.githubusercontent.com/${u.login}`,
    organizationVerifiedDomainEmails: () =>
      u.email && u.email.endsWith(`@${org.login}.example`) ? [u.email] : [],
  };
}

function graphqlTeam(org: GithubOrganization, t: StandInTeam): unknown {
  const parent = t.parent
    ? org.teams.find(p => p.slug === t.parent)
    : undefined;
  return {
    __typename: 'Team',
    slug: t.slug,
    combinedSlug: `${org.login}/${t.slug}`,
    name: t.name,
    description: t.description ?? null,
    avatarUrl: null,
    editTeamUrl: `https://github.com/orgs/${org.login}/teams/${t.slug}/edit`,
    parentTeam: parent ? graphqlTeam(org, parent) : null,
    members: (args: { first?: number; after?: string }) =>
      connection(
        t.members
          .map(login => org.members.find(m => m.login === login))
          .filter((u): u is StandInUser => !!u)
          .map(u => graphqlUser(org, u)),
        args,
      ),
  };
}

function graphqlRepository(org: GithubOrganization, r: StandInRepository) {
  const branch = r.defaultBranch ?? 'main';
  return {
    __typename: 'Repository',
    name: r.name,
    url: org.htmlUrl(r.name),
    isArchived: Boolean(r.archived),
    isFork: Boolean(r.fork),
    visibility: (r.visibility ?? 'private').toUpperCase(),
    defaultBranchRef: { __typename: 'Ref', name: branch },
    // `object(expression: "HEAD:catalog-info.yaml")`: a Blob when the file exists.
    object: ({ expression }: { expression: string }) => {
      const [ref, path] = expression.split(':', 2);
      if (ref !== 'HEAD' && ref !== branch) return null;
      const text = r.files?.[path];
      return text === undefined
        ? null
        : { __typename: 'Blob', id: `B_${sha(text).slice(0, 12)}`, text };
    },
    repositoryTopics: (args: { first?: number; after?: string }) =>
      connection(
        (r.topics ?? []).map(name => ({
          __typename: 'RepositoryTopic',
          topic: { name },
        })),
        args,
      ),
  };
}

function graphqlOrganization(org: GithubOrganization) {
  return {
    __typename: 'Organization',
    login: org.login,
    repositories: (args: { first?: number; after?: string }) =>
      connection(
        org.repositories.map(r => graphqlRepository(org, r)),
        args,
      ),
    repository: ({ name }: { name: string }) => {
      const r = org.repository(name);
      return r ? graphqlRepository(org, r) : null;
    },
    teams: (args: { first?: number; after?: string; userLogins?: string[] }) =>
      connection(
        org.teams
          .filter(
            t =>
              !args.userLogins?.length ||
              t.members.some(m => args.userLogins!.includes(m)),
          )
          .map(t => graphqlTeam(org, t)),
        args,
      ),
    team: ({ slug }: { slug: string }) => {
      const t = org.teams.find(team => team.slug === slug);
      return t ? graphqlTeam(org, t) : null;
    },
    membersWithRole: (args: { first?: number; after?: string }) =>
      connection(
        org.members.map(u => graphqlUser(org, u)),
        args,
      ),
  };
}

/** A branch's protection set (`created` the first time, then `edited`) or removed. */
export type BranchProtectionChange = {
  org: GithubOrganization;
  repository: StandInRepository;
  branch: string;
  action: 'created' | 'edited' | 'deleted';
  /** The body of the `PUT .../protection` that set it; for `deleted`, the one removed. */
  put: unknown;
};

/**
 * Serves organisations on the stand-in: the REST calls for repositories, file contents and
 * repository teams, and the GraphQL queries of Backstage's GitHub entity and org providers.
 * `onBranchProtection` hears each protection change (`branchProtectionWebhooks` delivers them).
 */
export function serveOrganizations(
  standIn: GithubStandIn,
  organizations: GithubOrganization[],
  options: {
    onBranchProtection?: (change: BranchProtectionChange) => void;
  } = {},
) {
  const find = (login: string) =>
    organizations.find(o => o.login.toLowerCase() === login.toLowerCase());
  const repo = (owner: string, name: string) => {
    const org = find(owner);
    const r = org?.repository(name);
    return org && r ? { org, r } : undefined;
  };

  standIn.route('/orgs/{org}/repos', ([, login]) => {
    const org = find(login);
    return org ? org.repositories.map(r => restRepository(org, r)) : NOT_FOUND;
  });
  standIn.route(
    '/repos/{owner}/{repo}/contents/{path}',
    ([, owner, name, path]) => {
      const found = repo(owner, name);
      const content = found?.r.files?.[path];
      if (!found || content === undefined) return NOT_FOUND;
      return { raw: content, json: contentFile(path, content) };
    },
  );
  standIn.route('/repos/{owner}/{repo}/teams', ([, owner, name]) => {
    const found = repo(owner, name);
    if (!found) return NOT_FOUND;
    return Object.entries(found.r.teams ?? {})
      .map(([slug, permission]) => {
        const team = found.org.teams.find(t => t.slug === slug);
        return team ? restTeam(found.org, team, permission) : undefined;
      })
      .filter(Boolean);
  });

  // Publishing: what Backstage's publish:github action calls to create a repository.
  standIn.route('/users/{username}', ([, login]) => {
    const org = find(login);
    const member = organizations
      .flatMap(o => o.members)
      .find(m => m.login.toLowerCase() === login.toLowerCase());
    if (!org && !member) return NOT_FOUND;
    const user = githubExample('public-user-default-response');
    return {
      ...user,
      login: org?.login ?? member!.login,
      type: org ? 'Organization' : 'User',
      html_url: `https://github.com/${org?.login ?? member!.login}`,
    };
  });
  standIn.write('post', '/orgs/{org}/repos', ([, login], _url, req, body) => {
    const org = find(login);
    if (!org) return NOT_FOUND;
    if (!body?.name || org.repository(body.name)) {
      return {
        status: 422,
        body: {
          message: 'Repository creation failed.',
          errors: [
            {
              resource: 'Repository',
              code: 'custom',
              field: 'name',
              message: 'name already exists on this account',
            },
          ],
          documentation_url:
            'https://docs.github.com/rest/repos/repos#create-an-organization-repository',
        },
      };
    }
    const r: StandInRepository = {
      name: body.name,
      description: body.description ?? null,
      visibility: body.visibility ?? (body.private ? 'private' : 'public'),
      settings: body,
      files: {},
      teams: {},
    };
    org.repositories.push(r);
    standIn.git?.createRepository(org.login, r.name);
    const base = `http://${req.headers.host}`;
    const cloneUrl = standIn.git
      ? standIn.git.cloneUrl(base, org.login, r.name)
      : `${org.htmlUrl(r.name)}.git`;
    return { status: 201, body: fullRepository(org, r, cloneUrl) };
  });
  standIn.write(
    'put',
    '/orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}',
    ([, login, slug, owner, name], _url, _req, body) => {
      const org = find(login);
      const found = repo(owner, name);
      if (!org || !found || !org.teams.some(t => t.slug === slug)) {
        return NOT_FOUND;
      }
      found.r.teams = { ...found.r.teams, [slug]: body?.permission ?? 'push' };
      return { status: 204, body: undefined };
    },
  );
  standIn.write(
    'put',
    '/repos/{owner}/{repo}/topics',
    ([, owner, name], _url, _req, body) => {
      const found = repo(owner, name);
      if (!found) return NOT_FOUND;
      found.r.topics = body?.names ?? [];
      return { status: 200, body: { names: found.r.topics } };
    },
  );
  standIn.write(
    'put',
    '/repos/{owner}/{repo}/branches/{branch}/protection',
    ([, owner, name, branch], _url, _req, body) => {
      const found = repo(owner, name);
      if (!found) return NOT_FOUND;
      const action =
        found.r.protection?.[branch] === undefined ? 'created' : 'edited';
      found.r.protection = { ...found.r.protection, [branch]: body };
      options.onBranchProtection?.({
        org: found.org,
        repository: found.r,
        branch,
        action,
        put: body,
      });
      const answer = githubExample('branch-protection-update');
      return {
        status: 200,
        body: {
          ...answer,
          url: `https://api.github.com/repos/${owner}/${name}/branches/${branch}/protection`,
        },
      };
    },
  );
  standIn.write(
    'delete',
    '/repos/{owner}/{repo}/branches/{branch}/protection',
    ([, owner, name, branch]) => {
      const found = repo(owner, name);
      const put = found?.r.protection?.[branch];
      if (!found || put === undefined) {
        return {
          status: 404,
          body: {
            message: 'Branch not protected',
            documentation_url:
              'https://docs.github.com/rest/branches/branch-protection#delete-branch-protection',
          },
        };
      }
      const { [branch]: _removed, ...rest } = found.r.protection!;
      found.r.protection = rest;
      options.onBranchProtection?.({
        org: found.org,
        repository: found.r,
        branch,
        action: 'deleted',
        put,
      });
      return { status: 204, body: undefined };
    },
  );

  standIn.graphqlRoot = {
    repositoryOwner: ({ login }: { login: string }) => {
      const org = find(login);
      return org ? graphqlOrganization(org) : null;
    },
    organization: ({ login }: { login: string }) => {
      const org = find(login);
      return org ? graphqlOrganization(org) : null;
    },
  };
}
