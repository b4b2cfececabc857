import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { GithubOrganization, StandInUser } from '../organization';
import { generateHistory, HistoryRepository, HistorySpec } from './history';

/** The demo history's fixture (in this package's fixtures/). */
export const HISTORY_FIXTURE = join(
  dirname(require.resolve('@internal/github-stand-in/package.json')),
  'fixtures',
  'acme-retail-history.yaml',
);

type HistoryFixture = HistorySpec & {
  uncatalogued?: Record<string, string | null>;
};

export function loadHistorySpec(
  file: string = HISTORY_FIXTURE,
): HistoryFixture {
  return parse(readFileSync(file, 'utf8')) as HistoryFixture;
}

type Entity = {
  kind?: string;
  metadata?: { name?: string; annotations?: Record<string, string> };
  spec?: { owner?: string; memberOf?: string[]; profile?: any };
};

/** A catalog user's GitHub login: the entity name with dots as dashes. */
const login = (name: string) => name.replace(/\./g, '-');

/**
 * Adds the demo to the sample organisation: the teams and members of the catalog's org.yaml
 * (as GitHub teams with the same slugs), the repositories without a catalog-info.yaml, and
 * each repository's team. Returns the repositories the history is generated for.
 */
export function extendWithDemo(
  organization: GithubOrganization,
  catalogFolder: string,
  spec: HistoryFixture,
): HistoryRepository[] {
  const orgFile = resolve(catalogFolder, '..', 'org.yaml');
  const entities: Entity[] = existsSync(orgFile)
    ? parseAllDocuments(readFileSync(orgFile, 'utf8')).map(
        d => d.toJS() as Entity,
      )
    : [];
  const users = entities.filter(e => e.kind === 'User');
  organization.members = users.map(
    (u): StandInUser => ({
      login: login(u.metadata!.name!),
      name: u.spec?.profile?.displayName ?? null,
      email: u.spec?.profile?.email ?? null,
    }),
  );
  organization.teams = entities
    .filter(
      e => e.kind === 'Group' && e.metadata?.name && e.metadata.name !== 'acme',
    )
    .map(g => ({
      slug: g.metadata!.name!,
      name: g.metadata!.name!,
      members: users
        .filter(u => u.spec?.memberOf?.includes(g.metadata!.name!))
        .map(u => login(u.metadata!.name!)),
    }));

  const repositories: HistoryRepository[] = [];
  for (const r of organization.repositories) {
    const text = r.files?.['catalog-info.yaml'] ?? '';
    const owner = parseAllDocuments(text)
      .map(d => d.toJS() as Entity)
      .find(e => e?.kind === 'Component')?.spec?.owner;
    const team = owner?.replace(/^group:(default\/)?/, '') ?? null;
    if (team) r.teams = { ...r.teams, [team]: 'push' };
    repositories.push({ name: r.name, team });
  }
  for (const [name, team] of Object.entries(spec.uncatalogued ?? {})) {
    if (organization.repository(name)) continue;
    organization.repositories.push({
      name,
      description: null,
      defaultBranch: 'main',
      visibility: 'private',
      files: {
        'README.md': `# ${name}\n`,
        '.github/workflows/ci.yaml':
          organization.repositories[0]?.files?.['.github/workflows/ci.yaml'] ??
          'name: CI\non: push\njobs: {}\n',
        '.github/workflows/deploy.yaml':
          organization.repositories[0]?.files?.[
            '.github/workflows/deploy.yaml'
          ] ?? 'name: Deploy\non: workflow_dispatch\njobs: {}\n',
      },
      ...(team ? { teams: { [team]: 'push' } } : {}),
    });
    repositories.push({ name, team });
  }
  return repositories;
}

/** The demo's history for the organisation, generated up to `end`. */
export function demoHistory(
  organization: GithubOrganization,
  catalogFolder: string,
  options: {
    fixture?: string;
    end?: Date;
    overrides?: Partial<HistorySpec>;
  } = {},
) {
  const spec = { ...loadHistorySpec(options.fixture), ...options.overrides };
  const repositories = extendWithDemo(organization, catalogFolder, spec);
  const history = generateHistory(
    spec,
    repositories,
    options.end ?? new Date(),
  );
  // Each repository's latest commit is its default branch's head, pushed at that time.
  for (const r of organization.repositories) {
    const commits = history.commits[r.name] ?? [];
    const head = commits[commits.length - 1];
    if (head) {
      r.branches = { ...r.branches, [r.defaultBranch ?? 'main']: head.sha };
      r.pushedAt = head.authoredAt;
    }
  }
  return { spec, repositories, history };
}
