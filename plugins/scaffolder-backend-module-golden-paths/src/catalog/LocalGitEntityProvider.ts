import { LoggerService } from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
  locationSpecToLocationEntity,
} from '@backstage/plugin-catalog-node';
import { LocalGitHost } from '../lib/LocalGitHost';

/**
 * Brings the repositories of the local git host into the catalog: one `file` Location per
 * working copy's catalog-info.yaml, so that TechDocs' `dir:.` reads the docs next to it.
 * Registering through the catalog API is limited to `url` locations, hence this provider.
 */
export class LocalGitEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly host: LocalGitHost,
    private readonly logger?: LoggerService,
  ) {}

  getProviderName(): string {
    return 'golden-paths-local-git';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.refresh();
  }

  /** Whether the catalog has connected the provider (the catalog module is installed). */
  isConnected(): boolean {
    return this.connection !== undefined;
  }

  /** Re-reads the working copies and replaces the provider's Location entities. */
  async refresh(): Promise<number> {
    if (!this.connection) {
      throw new Error(
        'The local git host is not connected to the catalog; install the golden-paths backend module',
      );
    }
    const files = await this.host.listCatalogFiles();
    await this.connection.applyMutation({
      type: 'full',
      entities: files.map(target => ({
        entity: locationSpecToLocationEntity({
          location: { type: 'file', target },
        }),
        locationKey: `${this.getProviderName()}:${target}`,
      })),
    });
    this.logger?.info(
      `Local git host: ${files.length} repositories in the catalog`,
    );
    return files.length;
  }
}
