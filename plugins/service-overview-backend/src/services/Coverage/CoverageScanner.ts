import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { ForwardedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_GITHUB_SLUG,
  LikelyOwner,
  likelyOwner,
  requestsPerRepository,
} from '@internal/plugin-service-overview-common';
import { Octokit } from '@octokit/rest';
import { CountingOctokit } from '@internal/github-octokit';
import { RepositoryStore } from '../../database/RepositoryStore';
import { RepositoryRecord, ScanResult } from './types';

/** Where GitHub looks for CODEOWNERS, in its order. */
const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

const SLUG_FACET = `metadata.annotations.${ANNOTATION_GITHUB_SLUG}`;

type ListedRepository = {
  name: string;
  html_url: string;
  description: string | null;
  pushed_at?: string | null;
  language?: string | null;
  archived?: boolean;
};

const isoOrNull = (value: string | null | undefined) =>
  value ? new Date(value).toISOString() : null;

function status(error: unknown): number | undefined {
  return (error as { status?: number })?.status;
}

/**
 * Lists the repositories of each organisation (100 per request), compares them with the
 * project slugs in the catalog (one facet query), and looks up a likely owner only for the
 * repositories the catalog does not cover: CODEOWNERS first, then the admin team. A
 * repository not pushed since the last scan keeps the owner found then, so a rescan of an
 * unchanged organisation costs only its repository list.
 */
export class CoverageScanner {
  constructor(
    private readonly options: {
      organizations: string[];
      store: RepositoryStore;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      octokit: (organization: string) => Promise<CountingOctokit>;
    },
  ) {}

  async run(): Promise<ScanResult[]> {
    const results: ScanResult[] = [];
    for (const organization of this.options.organizations) {
      results.push(await this.scanOrganization(organization));
    }
    return results;
  }

  async scanOrganization(organization: string): Promise<ScanResult> {
    const startedAt = new Date();
    const { octokit, requests } = await this.options.octokit(organization);
    try {
      const listed = (await octokit.paginate(octokit.rest.repos.listForOrg, {
        org: organization,
        type: 'all',
        per_page: 100,
      })) as ListedRepository[];
      const covered = await this.coveredSlugs();
      const known = await this.options.store.knownOwners(organization);
      const records: RepositoryRecord[] = [];
      for (const repo of listed) {
        const inCatalog = covered.has(`${organization}/${repo.name}`.toLocaleLowerCase('en-US'));
        const previous = known.get(repo.name);
        let owner: LikelyOwner | undefined;
        if (!inCatalog && !repo.archived) {
          owner =
            previous && previous.pushedAt === isoOrNull(repo.pushed_at)
              ? previous.owner
              : await this.likelyOwnerOf(octokit, organization, repo.name);
        }
        records.push({
          organization,
          name: repo.name,
          url: repo.html_url,
          description: repo.description,
          pushedAt: repo.pushed_at ?? null,
          language: repo.language ?? null,
          archived: Boolean(repo.archived),
          inCatalog,
          likelyOwner: owner?.entityRef ?? null,
          likelyOwnerSource: owner?.source ?? null,
        });
      }
      await this.options.store.replaceOrganization(organization, records);
      const result: ScanResult = {
        organization,
        repositories: records.length,
        covered: records.filter(r => r.inCatalog).length,
        requests: requests(),
        requestsPerRepository: requestsPerRepository(requests(), records.length),
      };
      await this.options.store.recordScan({
        organization,
        startedAt,
        repositories: result.repositories,
        requests: result.requests,
      });
      this.options.logger.info('Catalog coverage scanned', {
        organization,
        repositories: result.repositories,
        covered: result.covered,
        requests: result.requests,
      });
      return result;
    } catch (error) {
      await this.options.store.recordScan({
        organization,
        startedAt,
        requests: requests(),
        error: String(error),
      });
      throw new ForwardedError(
        `Catalog coverage scan of ${organization} failed`,
        error,
      );
    }
  }

  /** A new repository (webhook): listed as not in the catalog until its entity arrives. */
  async addRepository(organization: string, repo: ListedRepository) {
    const { octokit } = await this.options.octokit(organization);
    const owner = await this.likelyOwnerOf(octokit, organization, repo.name);
    await this.options.store.upsert({
      organization,
      name: repo.name,
      url: repo.html_url,
      description: repo.description,
      pushedAt: repo.pushed_at ?? null,
      language: repo.language ?? null,
      archived: Boolean(repo.archived),
      inCatalog: false,
      likelyOwner: owner?.entityRef ?? null,
      likelyOwnerSource: owner?.source ?? null,
    });
  }

  private async coveredSlugs(): Promise<Set<string>> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const { facets } = await this.options.catalog.getEntityFacets(
      { facets: [SLUG_FACET] },
      { credentials },
    );
    return new Set(
      (facets[SLUG_FACET] ?? []).map(f => f.value.toLocaleLowerCase('en-US')),
    );
  }

  private async likelyOwnerOf(octokit: Octokit, owner: string, repo: string) {
    let codeowners: string | undefined;
    for (const path of CODEOWNERS_PATHS) {
      try {
        const { data } = await octokit.rest.repos.getContent({ owner, repo, path });
        if (!Array.isArray(data) && data.type === 'file' && 'content' in data) {
          codeowners = Buffer.from(data.content, 'base64').toString('utf8');
          break;
        }
      } catch (error) {
        if (status(error) !== 404) throw error;
      }
    }
    const fromCodeowners = likelyOwner(codeowners, []);
    if (fromCodeowners) return fromCodeowners;
    try {
      const teams = await octokit.paginate(octokit.rest.repos.listTeams, {
        owner,
        repo,
        per_page: 100,
      });
      return likelyOwner(
        undefined,
        teams.filter(t => t.permission === 'admin').map(t => t.slug),
      );
    } catch (error) {
      if (status(error) === 404 || status(error) === 403) return undefined;
      throw error;
    }
  }
}
