import { InputError } from '@backstage/errors';
import { GithubCredentialsProvider } from '@backstage/integration';
import {
  AdoptionMethod,
  compareVersions,
  GoldenPathRecord,
  RepositoryLocation,
  upgradeBranch,
} from '@internal/plugin-golden-path-upgrades-common';
import { GithubOctokitProvider } from '@internal/github-octokit';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { git, runGit } from '../lib/git';
import {
  prepareUpgrade,
  readRecord,
  UpgradeOutcome,
} from '../lib/prepareUpgrade';
import { TemplateSource } from '../lib/templateSource';
import { UpgradeRecord } from '../database/UpgradeStore';
import { RenderCache } from '../lib/renderCache';

/** What an upgrade is prepared with besides the repository. */
export type PrepareOptions = {
  source: TemplateSource;
  to?: string;
  /** What the repository was made from when it has no `.golden-path.json`. */
  adoption?: { record: GoldenPathRecord; method: AdoptionMethod };
  renders?: RenderCache;
  /** The template the catalog entity names (its upgrade branch is read with the base). */
  template?: string;
};

export type HostedUpgrade = {
  outcome: UpgradeOutcome;
  /** The pull request (GitHub) carrying the upgrade. */
  pullRequestNumber?: number;
  /** Where a person reviews it. */
  url?: string;
};

/** A git host on which upgrades are prepared as branches or pull requests. */
export interface UpgradeHost {
  prepare(
    location: RepositoryLocation,
    options: PrepareOptions,
  ): Promise<HostedUpgrade>;
  /** Runs `read` on a bare copy of the repository (objects only; nothing is pushed). */
  inspect<T>(
    location: RepositoryLocation,
    read: (repositoryDir: string, defaultBranch: string) => Promise<T>,
  ): Promise<T>;
  /** What became of a prepared upgrade. */
  status(
    location: RepositoryLocation,
    record: UpgradeRecord,
  ): Promise<'open' | 'merged' | 'closed'>;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const GITHUB_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

export function repositoryName(location: RepositoryLocation): string {
  return location.host === 'local'
    ? location.name
    : `${location.owner}/${location.repo}`;
}

/** The local git host: bare repositories `<repositoriesDir>/<name>.git`; upgrades are branches. */
export class LocalGitUpgradeHost implements UpgradeHost {
  constructor(private readonly repositoriesDir: string) {}

  private repositoryDir(location: RepositoryLocation): string {
    if (location.host !== 'local' || !DNS_LABEL.test(location.name)) {
      throw new InputError('repository: not a local git host repository name');
    }
    return path.join(this.repositoriesDir, `${location.name}.git`);
  }

  async prepare(
    location: RepositoryLocation,
    options: PrepareOptions,
  ): Promise<HostedUpgrade> {
    const repositoryDir = this.repositoryDir(location);
    const outcome = await prepareUpgrade({ ...options, repositoryDir });
    return { outcome };
  }

  async inspect<T>(
    location: RepositoryLocation,
    read: (repositoryDir: string, defaultBranch: string) => Promise<T>,
  ): Promise<T> {
    return read(this.repositoryDir(location), 'main');
  }

  async status(location: RepositoryLocation, record: UpgradeRecord) {
    const repositoryDir = this.repositoryDir(location);
    const main = await readRecord(repositoryDir, 'main');
    if (main && compareVersions(main.version, record.toVersion) >= 0) {
      return 'merged' as const;
    }
    const { code } = await runGit(
      ['rev-parse', '--verify', '--quiet', `refs/heads/${record.branch}`],
      { cwd: repositoryDir, okCodes: [1] },
    );
    // The branch deleted without its version reaching main: the team declined it.
    return code === 0 ? ('open' as const) : ('closed' as const);
  }
}

/**
 * GitHub: the repository is cloned bare into scratch space (the token travels in an HTTP
 * header set through git's environment, never in a URL or an argument), the upgrade branch is
 * pushed (refused if someone pushed to it since the clone) and the pull request opened or
 * updated through Octokit.
 */
export class GithubUpgradeHost implements UpgradeHost {
  constructor(
    private readonly octokits: GithubOctokitProvider,
    private readonly credentials: GithubCredentialsProvider,
  ) {}

  private check(location: RepositoryLocation) {
    if (
      location.host !== 'github' ||
      !GITHUB_NAME.test(location.owner) ||
      !GITHUB_NAME.test(location.repo)
    ) {
      throw new InputError('repository: not a GitHub owner/repo');
    }
    return {
      ...location,
      url: `https://${location.hostname}/${location.owner}/${location.repo}`,
    };
  }

  private async gitAuth(url: string): Promise<Record<string, string>> {
    const { token } = await this.credentials.getCredentials({ url });
    if (!token) return {};
    const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
    return {
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.extraHeader',
      GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
    };
  }

  async inspect<T>(
    location: RepositoryLocation,
    read: (repositoryDir: string, defaultBranch: string) => Promise<T>,
  ): Promise<T> {
    const { owner, repo, url } = this.check(location);
    const { octokit } = this.octokits.forUrl(url);
    const { data: repository } = await octokit.rest.repos.get({ owner, repo });
    const env = await this.gitAuth(url);
    const scratch = await fs.promises.mkdtemp(
      path.join(os.tmpdir(), 'gpu-github-'),
    );
    try {
      const bare = path.join(scratch, 'repository.git');
      await git(['clone', '--bare', '--quiet', repository.clone_url, bare], {
        cwd: scratch,
        env,
      });
      return await read(bare, repository.default_branch);
    } finally {
      await fs.promises.rm(scratch, { recursive: true, force: true });
    }
  }

  async prepare(
    location: RepositoryLocation,
    options: PrepareOptions,
  ): Promise<HostedUpgrade> {
    const { owner, repo, url } = this.check(location);
    const { octokit } = this.octokits.forUrl(url);
    const { data: repository } = await octokit.rest.repos.get({ owner, repo });
    const env = await this.gitAuth(url);
    const scratch = await fs.promises.mkdtemp(
      path.join(os.tmpdir(), 'gpu-github-'),
    );
    try {
      const bare = path.join(scratch, 'repository.git');
      await git(['clone', '--bare', '--quiet', repository.clone_url, bare], {
        cwd: scratch,
        env,
      });
      const record = await readRecord(bare, repository.default_branch);
      const branch = upgradeBranch(
        record?.template ?? options.adoption?.record.template ?? 'unknown',
      );
      const before = (
        await runGit(
          ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`],
          {
            cwd: bare,
            okCodes: [1],
          },
        )
      ).stdout.trim();
      const outcome = await prepareUpgrade({
        ...options,
        repositoryDir: bare,
        defaultBranch: repository.default_branch,
      });
      if (outcome.state !== 'prepared' && outcome.state !== 'unchanged') {
        return { outcome };
      }
      if (outcome.state === 'prepared') {
        await git(
          [
            'push',
            '--quiet',
            `--force-with-lease=refs/heads/${branch}:${before}`,
            'origin',
            `refs/heads/${branch}:refs/heads/${branch}`,
          ],
          { cwd: bare, env },
        );
      }
      const { data: open } = await octokit.rest.pulls.list({
        owner,
        repo,
        state: 'open',
        head: `${owner}:${branch}`,
        per_page: 10,
      });
      const existing = open.find(pr => pr.head.ref === branch);
      if (existing) {
        const { data } = await octokit.rest.pulls.update({
          owner,
          repo,
          pull_number: existing.number,
          title: outcome.title,
          body: outcome.description,
        });
        return { outcome, pullRequestNumber: data.number, url: data.html_url };
      }
      const { data } = await octokit.rest.pulls.create({
        owner,
        repo,
        head: branch,
        base: repository.default_branch,
        title: outcome.title,
        body: outcome.description,
      });
      return { outcome, pullRequestNumber: data.number, url: data.html_url };
    } finally {
      await fs.promises.rm(scratch, { recursive: true, force: true });
    }
  }

  async status(location: RepositoryLocation, record: UpgradeRecord) {
    const { owner, repo, url } = this.check(location);
    if (!record.pullRequestNumber) return 'open' as const;
    const { data } = await this.octokits.forUrl(url).octokit.rest.pulls.get({
      owner,
      repo,
      pull_number: record.pullRequestNumber,
    });
    if (data.merged_at) return 'merged' as const;
    return data.state === 'closed' ? ('closed' as const) : ('open' as const);
  }
}
