import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  CoverageCounts,
  KnownOwner,
  RepositoryRecord,
  RepositoryStore,
  ScanRecord,
  UncataloguedPage,
} from './RepositoryStore';

const TABLE = 'service_overview_repositories';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-service-overview-backend',
  'migrations',
);

type Row = {
  organization: string;
  name: string;
  url: string;
  description: string | null;
  pushed_at: Date | string | null;
  language: string | null;
  likely_owner: string | null;
  likely_owner_source: 'codeowners' | 'admin-team' | null;
};

function iso(value: Date | string | null): string | undefined {
  if (value === null) return undefined;
  return new Date(value).toISOString();
}

/** The repositories table: full replacement per organisation after a scan, edits from webhooks. */
export class DatabaseRepositoryStore implements RepositoryStore {
  /** Connects to the plugin's database and brings its schema up to date (unless told to skip). */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseRepositoryStore> {
    const client = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await client.migrate.latest({
        directory: migrationsDir,
        // the name the plugin has always used: a rename would run every migration again
        tableName: 'service_overview_knex_migrations',
      });
    }
    return new DatabaseRepositoryStore(client);
  }

  constructor(private readonly db: Knex) {}

  /** Replaces what is known about one organisation, in one transaction. */
  async replaceOrganization(
    organization: string,
    records: RepositoryRecord[],
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx(TABLE).where({ organization }).delete();
      for (let i = 0; i < records.length; i += 500) {
        await tx(TABLE).insert(
          records.slice(i, i + 500).map(r => this.toRow(r)),
        );
      }
    });
  }

  /**
   * The likely owners found by earlier scans of repositories not in the catalog, with the
   * last push they were found for: a repository not pushed since keeps its owner.
   */
  async knownOwners(organization: string): Promise<Map<string, KnownOwner>> {
    const rows: Row[] = await this.db(TABLE)
      .where({ organization, in_catalog: false })
      .select('name', 'pushed_at', 'likely_owner', 'likely_owner_source');
    return new Map(
      rows.map(r => [
        r.name,
        {
          pushedAt: iso(r.pushed_at) ?? null,
          owner:
            r.likely_owner && r.likely_owner_source
              ? { entityRef: r.likely_owner, source: r.likely_owner_source }
              : undefined,
        },
      ]),
    );
  }

  async upsert(record: RepositoryRecord): Promise<void> {
    await this.db(TABLE)
      .insert(this.toRow(record))
      .onConflict(['organization', 'name'])
      .merge();
  }

  async rename(
    organization: string,
    from: string,
    to: string,
    url: string,
  ): Promise<void> {
    await this.db(TABLE)
      .where({ organization, name: from })
      .update({ name: to, url, updated_at: this.db.fn.now() });
  }

  async remove(organization: string, name: string): Promise<void> {
    await this.db(TABLE).where({ organization, name }).delete();
  }

  async markInCatalog(organization: string, name: string): Promise<void> {
    await this.db(TABLE)
      .where({ organization, name })
      .update({ in_catalog: true, updated_at: this.db.fn.now() });
  }

  /** Counts in SQL: repositories (not archived) and those with a catalog entity. */
  async counts(organizations: string[]): Promise<CoverageCounts> {
    const row = await this.db(TABLE)
      .whereIn('organization', organizations)
      .andWhere('archived', false)
      .select(
        this.db.raw('count(*)::int as repositories'),
        this.db.raw('count(*) filter (where in_catalog)::int as covered'),
        this.db.raw('max(updated_at) as scanned_at'),
      )
      .first();
    return {
      repositories: Number(row?.repositories ?? 0),
      covered: Number(row?.covered ?? 0),
      scannedAt: row?.scanned_at ? iso(row.scanned_at) : undefined,
    };
  }

  async uncatalogued(page: {
    organizations: string[];
    offset: number;
    limit: number;
  }): Promise<UncataloguedPage> {
    const base = this.db(TABLE)
      .whereIn('organization', page.organizations)
      .andWhere({ archived: false, in_catalog: false });
    const [{ total }] = await base.clone().count({ total: '*' });
    const rows: Row[] = await base
      .clone()
      .select('*')
      .orderByRaw('pushed_at desc nulls last, organization, name')
      .offset(page.offset)
      .limit(page.limit);
    return {
      totalItems: Number(total),
      items: rows.map(r => ({
        organization: r.organization,
        name: r.name,
        url: r.url,
        description: r.description ?? undefined,
        lastPushAt: iso(r.pushed_at),
        language: r.language ?? undefined,
        likelyOwner: r.likely_owner ?? undefined,
        likelyOwnerSource: r.likely_owner_source ?? undefined,
      })),
    };
  }

  async recordScan(scan: ScanRecord): Promise<void> {
    await this.db('service_overview_scans').insert({
      organization: scan.organization,
      started_at: scan.startedAt,
      finished_at: new Date(),
      repositories: scan.repositories ?? null,
      requests: scan.requests ?? null,
      error: scan.error ?? null,
    });
  }

  private toRow(r: RepositoryRecord) {
    return {
      organization: r.organization,
      name: r.name,
      url: r.url,
      description: r.description ?? null,
      pushed_at: r.pushedAt ?? null,
      language: r.language ?? null,
      archived: r.archived,
      in_catalog: r.inCatalog,
      likely_owner: r.likelyOwner ?? null,
      likely_owner_source: r.likelyOwnerSource ?? null,
      updated_at: new Date(),
    };
  }
}
