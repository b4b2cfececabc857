import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import type {
  RunSchedule,
  SeedWorkflowRun,
  WorkflowRunConclusion,
} from './actions';
import { GithubOrganization, StandInRepository } from './organization';

/** The sample organisation's fixture (`fixtures/acme-retail.yaml`). */
type SampleFixture = {
  organization: string;
  catalog: string;
  defaultBranch?: string;
  files?: Record<string, string>;
  runs?: {
    inProgressAfterSeconds?: number;
    completeAfterSeconds: number;
    seeded?: Array<{
      workflow: string;
      title: string;
      hoursAgo: number;
      durationMinutes?: number;
      conclusion?: WorkflowRunConclusion;
    }>;
  };
};

/** What the stand-in serves as the sample: the organisation, its past runs, how runs progress. */
export type SampleOrganization = {
  organization: GithubOrganization;
  /** The catalog folder the repositories come from. */
  catalogFolder: string;
  /** Past runs, by repository name. */
  seededRuns: Array<{ repository: string; run: SeedWorkflowRun }>;
  schedule?: RunSchedule;
};

/** The fixture of the sample organisation, Acme Retail (in this package's fixtures/). */
export const SAMPLE_FIXTURE = join(
  dirname(require.resolve('@internal/github-stand-in/package.json')),
  'fixtures',
  'acme-retail.yaml',
);

type CatalogComponent = {
  kind?: string;
  metadata?: {
    name?: string;
    title?: string;
    description?: string;
    annotations?: Record<string, string>;
  };
};

/** The components of the catalog folder, each with the text of its catalog-info.yaml. */
function catalogComponents(folder: string) {
  return readdirSync(folder, { withFileTypes: true })
    .filter(d => d.isDirectory())
    .map(d => join(folder, d.name, 'catalog-info.yaml'))
    .filter(file => existsSync(file))
    .sort()
    .flatMap(file => {
      const text = readFileSync(file, 'utf8');
      return parseAllDocuments(text)
        .map(doc => doc.toJS() as CatalogComponent)
        .filter(entity => entity?.kind === 'Component')
        .map(entity => ({ entity, text }));
    });
}

/**
 * Reads the sample organisation: one repository per catalog component whose
 * `github.com/project-slug` is in the organisation, with the fixture's files and seeded runs.
 */
export function loadSampleOrganization(
  fixtureFile: string = SAMPLE_FIXTURE,
  now: Date = new Date(),
): SampleOrganization {
  const fixture = parse(readFileSync(fixtureFile, 'utf8')) as SampleFixture;
  const login = fixture.organization;
  const defaultBranch = fixture.defaultBranch ?? 'main';
  const repositories: StandInRepository[] = [];
  const catalogFolder = resolve(dirname(fixtureFile), fixture.catalog);
  for (const { entity, text } of catalogComponents(catalogFolder)) {
    const slug = entity.metadata?.annotations?.['github.com/project-slug'];
    const [owner, name, ...rest] = (slug ?? '').split('/');
    if (owner !== login || !name || rest.length) continue;
    if (repositories.some(r => r.name === name)) continue;
    const title = entity.metadata?.title ?? entity.metadata?.name ?? name;
    const description = entity.metadata?.description ?? null;
    repositories.push({
      name,
      description,
      defaultBranch,
      visibility: 'private',
      files: {
        'catalog-info.yaml': text,
        'README.md': `# ${title}\n${description ? `\n${description}\n` : ''}`,
        ...fixture.files,
      },
    });
  }

  const seededRuns = repositories.flatMap(r =>
    (fixture.runs?.seeded ?? []).map(seed => {
      const createdAt = new Date(now.getTime() - seed.hoursAgo * 3_600_000);
      return {
        repository: r.name,
        run: {
          workflow: seed.workflow,
          displayTitle: seed.title,
          createdAt,
          durationSeconds: (seed.durationMinutes ?? 0) * 60,
          conclusion: seed.conclusion ?? 'success',
          actor: 'acme-bot',
        },
      };
    }),
  );

  const runs = fixture.runs;
  return {
    organization: new GithubOrganization(login, { repositories }),
    catalogFolder,
    seededRuns,
    ...(runs
      ? {
          schedule: {
            inProgressAfterMs: (runs.inProgressAfterSeconds ?? 0) * 1000,
            completeAfterMs: runs.completeAfterSeconds * 1000,
            conclusion: 'success' as const,
          },
        }
      : {}),
  };
}
