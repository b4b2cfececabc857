import { Config } from '@backstage/config';
import { ParsedLocationAnnotation } from '@backstage/plugin-techdocs-node';
import path from 'node:path';

/** Hosts of the configured GitHub integrations (github.com when none is configured). */
export function readGithubHosts(config: Config): string[] {
  const hosts = (
    config.getOptionalConfigArray('integrations.github') ?? []
  ).map(github => github.getOptionalString('host') ?? 'github.com');
  return hosts.length ? hosts : ['github.com'];
}

/**
 * The "edit this page" links of docs read from a GitHub repository, as Backstage's generator
 * adds them: `repo_url` the repository, `edit_uri` its docs folder on the same branch. Only for
 * https URLs on a configured GitHub host; anything else gets no links.
 */
export function githubEditLinks(
  location: ParsedLocationAnnotation | undefined,
  docsDir: string,
  githubHosts: string[],
): { repo_url?: string; edit_uri?: string } {
  if (location?.type !== 'url') return {};
  let url: URL;
  try {
    url = new URL(location.target);
  } catch {
    return {};
  }
  if (url.protocol !== 'https:' || !githubHosts.includes(url.host)) return {};
  const match =
    /^\/([\w.-]+)\/([\w.-]+)(?:\/(?:tree|blob)\/([^/]+)(\/.*)?)?\/?$/.exec(
      url.pathname,
    );
  if (!match) return {};
  const [, owner, repository, branch, folder = '/'] = match;
  const repoUrl = `https://${url.host}/${owner}/${repository}`;
  if (!branch) return { repo_url: repoUrl };
  const docsFolder = path.posix.join(folder, docsDir).replace(/^\/|\/$/g, '');
  return {
    repo_url: repoUrl,
    edit_uri: `${repoUrl}/edit/${branch}/${docsFolder ? `${docsFolder}/` : ''}`,
  };
}
