import { githubExample, GithubStandIn } from '@internal/github-stand-in';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A pull request as the stand-in keeps it. */
export type StandInPullRequest = {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
};

/**
 * The part of GitHub's REST and GraphQL APIs that `publish:github:pull-request` (through
 * octokit-plugin-create-pull-request) uses, over a real bare repository: git's objects are made
 * with git itself (blobs, trees on a base tree, commits), refs are moved, pull requests are
 * kept per head branch and found again through `ref.associatedPullRequests`; deployment
 * environments are kept by name. Answers start from
 * GitHub's own examples and are checked against its OpenAPI description by the stand-in.
 */
export function servePullRequests(
  standIn: GithubStandIn,
  options: { owner: string; repo: string; bare: string; cloneUrl: string },
) {
  const { owner, repo, bare } = options;
  const pulls: StandInPullRequest[] = [];
  const git = (args: string[], input?: Buffer | string, env = {}) =>
    execFileSync('git', args, {
      cwd: bare,
      input,
      env: { ...process.env, ...env },
    })
      .toString()
      .trim();
  const apiUrl = `https://api.github.com/repos/${owner}/${repo}`;
  const ours = (match: string[]) => match[1] === owner && match[2] === repo;
  const notFound = { status: 404, body: { message: 'Not Found' } };

  standIn.route('/repos/{owner}/{repo}', match => {
    if (!ours(match)) return notFound;
    return {
      ...githubExample('full-repository'),
      // GitHub's example lacks this field its own schema requires.
      has_discussions: false,
      name: repo,
      full_name: `${owner}/${repo}`,
      default_branch: git(['symbolic-ref', '--short', 'HEAD']),
      clone_url: options.cloneUrl,
      permissions: {
        admin: false,
        maintain: false,
        push: true,
        triage: true,
        pull: true,
      },
    };
  });

  standIn.route('/repos/{owner}/{repo}/commits', (match, url) => {
    if (!ours(match)) return notFound;
    const sha = git([
      'rev-parse',
      `${url.searchParams.get('sha') ?? 'HEAD'}^{commit}`,
    ]);
    const [example] = githubExample('commit-items');
    return [
      {
        ...example,
        sha,
        commit: {
          ...example.commit,
          tree: {
            ...example.commit.tree,
            sha: git(['rev-parse', `${sha}^{tree}`]),
          },
        },
      },
    ];
  });

  standIn.write(
    'post',
    '/repos/{owner}/{repo}/git/blobs',
    (match, _u, _r, body: any) => {
      if (!ours(match)) return notFound;
      const content = Buffer.from(
        body.content,
        body.encoding === 'base64' ? 'base64' : 'utf8',
      );
      const sha = git(['hash-object', '-w', '--stdin'], content);
      return { status: 201, body: { sha, url: `${apiUrl}/git/blobs/${sha}` } };
    },
  );

  standIn.write(
    'post',
    '/repos/{owner}/{repo}/git/trees',
    (match, _u, _r, body: any) => {
      if (!ours(match)) return notFound;
      const index = path.join(
        fs.mkdtempSync(path.join(os.tmpdir(), 'gp-index-')),
        'index',
      );
      try {
        const env = { GIT_INDEX_FILE: index };
        if (body.base_tree) git(['read-tree', body.base_tree], undefined, env);
        for (const entry of body.tree) {
          if (entry.sha === null) {
            git(['update-index', '--force-remove', entry.path], undefined, env);
          } else {
            git(
              [
                'update-index',
                '--add',
                '--cacheinfo',
                `${entry.mode},${entry.sha},${entry.path}`,
              ],
              undefined,
              env,
            );
          }
        }
        const sha = git(['write-tree'], undefined, env);
        return {
          status: 201,
          body: {
            ...githubExample('git-tree'),
            sha,
            url: `${apiUrl}/git/trees/${sha}`,
            truncated: false,
          },
        };
      } finally {
        fs.rmSync(path.dirname(index), { recursive: true, force: true });
      }
    },
  );

  standIn.write(
    'post',
    '/repos/{owner}/{repo}/git/commits',
    (match, _u, _r, body: any) => {
      if (!ours(match)) return notFound;
      const author = body.author ?? {
        name: 'unknown',
        email: 'unknown@example.com',
      };
      const sha = git(
        [
          'commit-tree',
          body.tree,
          ...body.parents.flatMap((p: string) => ['-p', p]),
          '-m',
          body.message,
        ],
        undefined,
        {
          GIT_AUTHOR_NAME: author.name,
          GIT_AUTHOR_EMAIL: author.email,
          GIT_COMMITTER_NAME: author.name,
          GIT_COMMITTER_EMAIL: author.email,
        },
      );
      const example = githubExample('git-commit');
      return {
        status: 201,
        body: {
          ...example,
          sha,
          node_id: `C_${sha}`,
          url: `${apiUrl}/git/commits/${sha}`,
          message: body.message,
          tree: { ...example.tree, sha: body.tree },
          parents: body.parents.map((p: string) => ({
            ...example.parents[0],
            sha: p,
          })),
        },
      };
    },
  );

  const refAnswer = (ref: string, sha: string) => ({
    ...githubExample('git-ref'),
    ref,
    url: `${apiUrl}/git/${ref}`,
    object: { type: 'commit', sha, url: `${apiUrl}/git/commits/${sha}` },
  });
  standIn.write(
    'post',
    '/repos/{owner}/{repo}/git/refs',
    (match, _u, _r, body: any) => {
      if (!ours(match)) return notFound;
      git(['update-ref', body.ref, body.sha, '']);
      return { status: 201, body: refAnswer(body.ref, body.sha) };
    },
  );
  standIn.write(
    'patch',
    '/repos/{owner}/{repo}/git/refs/{ref}',
    (match, _u, _r, body: any) => {
      if (!ours(match)) return notFound;
      const ref = `refs/${decodeURIComponent(match[3])}`;
      if (!body.force) git(['merge-base', '--is-ancestor', ref, body.sha]);
      git(['update-ref', ref, body.sha]);
      return { status: 200, body: refAnswer(ref, body.sha) };
    },
  );

  const pullAnswer = (pull: StandInPullRequest) => {
    const example = githubExample('pull-request');
    return {
      ...example,
      number: pull.number,
      title: pull.title,
      body: pull.body,
      html_url: `https://github.com/${owner}/${repo}/pull/${pull.number}`,
      head: {
        ...example.head,
        ref: pull.head,
        sha: git(['rev-parse', `refs/heads/${pull.head}`]),
      },
      base: {
        ...example.base,
        ref: pull.base,
        sha: git(['rev-parse', `refs/heads/${pull.base}`]),
      },
      // GitHub's example teams lack the ownership type its own schema requires.
      requested_teams: (example.requested_teams ?? []).map((t: any) => ({
        ...t,
        type: 'organization',
      })),
    };
  };
  standIn.write(
    'post',
    '/repos/{owner}/{repo}/pulls',
    (match, _u, _r, body: any) => {
      if (!ours(match)) return notFound;
      const pull = {
        number: pulls.length + 1,
        title: body.title,
        body: body.body ?? '',
        head: String(body.head).split(':').pop()!,
        base: body.base,
      };
      pulls.push(pull);
      return { status: 201, body: pullAnswer(pull) };
    },
  );
  standIn.write(
    'patch',
    '/repos/{owner}/{repo}/pulls/{pull_number}',
    (match, _u, _r, body: any) => {
      const pull = pulls.find(p => p.number === Number(match[3]));
      if (!ours(match) || !pull) return notFound;
      Object.assign(pull, {
        title: body.title ?? pull.title,
        body: body.body ?? pull.body,
      });
      return { status: 200, body: pullAnswer(pull) };
    },
  );

  // GitHub deployment environments (github:environment:create), by name.
  const environments = new Map<string, unknown>();
  standIn.write(
    'put',
    '/repos/{owner}/{repo}/environments/{environment_name}',
    (match, _u, _r, body: any) => {
      if (!ours(match)) return notFound;
      environments.set(match[3], body ?? {});
      return {
        status: 200,
        body: {
          ...githubExample('environment'),
          name: match[3],
          html_url: `https://github.com/${owner}/${repo}/deployments/activity_log?environments_filter=${match[3]}`,
        },
      };
    },
  );

  standIn.graphqlRoot = {
    ...standIn.graphqlRoot,
    repository: (args: { owner: string; name: string }) => {
      if (args.owner !== owner || args.name !== repo) return null;
      return {
        ref: ({ qualifiedName }: { qualifiedName: string }) => {
          const branch = qualifiedName.replace(/^refs\/heads\//, '');
          try {
            git(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`]);
          } catch {
            return null;
          }
          const open = pulls.filter(p => p.head === branch);
          return {
            associatedPullRequests: {
              edges: open.map(p => ({
                node: {
                  id: `PR_${p.number}`,
                  number: p.number,
                  url: `https://github.com/${owner}/${repo}/pull/${p.number}`,
                },
              })),
            },
          };
        },
      };
    },
  };
  return { pulls, environments };
}
