import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';

const TECHDOCS_REF = 'metadata.annotations.backstage.io/techdocs-ref';
const PAGE_SIZE = 100;

export type PrebuildDeps = {
  auth: AuthService;
  catalog: CatalogService;
  discovery: DiscoveryService;
  logger: LoggerService;
  fetch?: typeof globalThis.fetch;
};

/**
 * Asks the TechDocs backend to build (or confirm up to date) the docs of every entity that has
 * them. Docs are otherwise built on first read, which leaves them out of search until someone
 * opens them and makes that first reader wait.
 */
export async function prebuildDocs(
  deps: PrebuildDeps,
  signal?: AbortSignal,
): Promise<{ built: number; failed: number }> {
  const { auth, catalog, discovery, logger } = deps;
  const fetchFn = deps.fetch ?? globalThis.fetch;
  const credentials = await auth.getOwnServiceCredentials();
  const baseUrl = await discovery.getBaseUrl('techdocs');
  let built = 0;
  let failed = 0;
  let cursor: string | undefined;

  do {
    const page = await catalog.queryEntities(
      cursor
        ? { cursor, limit: PAGE_SIZE }
        : {
            filter: { [TECHDOCS_REF]: CATALOG_FILTER_EXISTS },
            fields: ['kind', 'metadata.namespace', 'metadata.name'],
            limit: PAGE_SIZE,
          },
      { credentials },
    );
    for (const entity of page.items) {
      if (signal?.aborted) return { built, failed };
      const ref = `${entity.metadata.namespace ?? 'default'}/${entity.kind}/${
        entity.metadata.name
      }`;
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: 'techdocs',
      });
      try {
        const response = await fetchFn(
          `${baseUrl}/sync/${ref.toLocaleLowerCase('en-US')}`,
          {
            headers: {
              Authorization: `Bearer ${token}`,
              Accept: 'text/event-stream',
            },
            signal,
          },
        );
        const body = await response.text();
        if (!response.ok || body.includes('event: error')) {
          throw new Error(`${response.status} ${body.slice(0, 200)}`);
        }
        built += 1;
      } catch (error) {
        failed += 1;
        logger.warn(`Could not build the docs of ${ref}: ${error}`);
      }
    }
    cursor = page.pageInfo.nextCursor;
  } while (cursor);

  return { built, failed };
}
