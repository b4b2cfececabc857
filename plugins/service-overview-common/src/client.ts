import { ResponseError } from '@backstage/errors';
import { ServicesCursor, ServicesQuery } from './query';
import { listServices, serviceFacets, ServiceCatalogReader } from './services';
import {
  CoverageSummary,
  HygieneCheck,
  HygienePage,
  HygieneSummary,
  ServiceFacets,
  ServiceOverview,
  ServicesPage,
  UncataloguedRepository,
} from './types';
import {
  DefaultApiClient,
  TypedResponse,
} from './schema/openapi/generated/DefaultApiClient';

/** A first page of services (filters, order) or a following one (the cursor it gave). */
export type ServicesRequest = ServicesQuery | ServicesCursor;

/**
 * The service overview as the frontend and other backends use it: the services page's
 * catalog reads, and the service-overview backend (`/api/service-overview`).
 */
export interface ServiceOverviewApi {
  /** A page of services, read from the catalog directly (needs `catalogApi`). */
  listServices(request: ServicesRequest): Promise<ServicesPage>;
  /** The services page's filter values, read from the catalog directly (needs `catalogApi`). */
  getFacets(): Promise<ServiceFacets>;
  getOverview(entityRef: string): Promise<ServiceOverview>;
  getHygieneSummary(): Promise<HygieneSummary>;
  getHygiene(check: HygieneCheck, cursor?: string): Promise<HygienePage>;
  getCoverage(): Promise<CoverageSummary>;
  getUncatalogued(
    offset: number,
    limit: number,
    organization?: string,
  ): Promise<{ items: UncataloguedRepository[]; totalItems: number }>;
  scanCoverage(): Promise<void>;
}

/** The hygiene page's page size. */
const HYGIENE_PAGE_SIZE = 25;

/**
 * {@link ServiceOverviewApi} over the client generated from the backend's contract: a response
 * that is not 2xx is thrown as a ResponseError (the backend's error body, status and
 * message). The services page reads the catalog itself, as Backstage's catalog page does, so
 * the catalog applies the caller's permissions: those two methods use `catalogApi`, the
 * frontend's CatalogApi or a backend's CatalogService bound to the caller.
 */
export class ServiceOverviewClient implements ServiceOverviewApi {
  private readonly api: DefaultApiClient;
  private readonly catalogApi?: ServiceCatalogReader;

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
    catalogApi?: ServiceCatalogReader;
  }) {
    this.api = new DefaultApiClient(options);
    this.catalogApi = options.catalogApi;
  }

  private catalog(): ServiceCatalogReader {
    if (!this.catalogApi) {
      throw new Error(
        'ServiceOverviewClient: the services page reads the catalog; construct the client with catalogApi',
      );
    }
    return this.catalogApi;
  }

  private async ok<T>(response: TypedResponse<T>): Promise<TypedResponse<T>> {
    if (!response.ok) {
      throw await ResponseError.fromResponse(response as Response);
    }
    return response;
  }

  private async json<T>(response: Promise<TypedResponse<T>>): Promise<T> {
    return (await this.ok(await response)).json();
  }

  async listServices(request: ServicesRequest): Promise<ServicesPage> {
    return listServices(this.catalog(), request);
  }

  async getFacets(): Promise<ServiceFacets> {
    return serviceFacets(this.catalog());
  }

  getOverview(entityRef: string): Promise<ServiceOverview> {
    return this.json(this.api.getOverview({ query: { entityRef } }));
  }

  getHygieneSummary(): Promise<HygieneSummary> {
    return this.json(this.api.getHygieneSummary({}));
  }

  getHygiene(check: HygieneCheck, cursor?: string): Promise<HygienePage> {
    // a following page is asked for with its cursor: the filters and order are in it
    return this.json(
      this.api.getHygiene({
        path: { check },
        query: { ...(cursor ? { cursor } : {}), limit: HYGIENE_PAGE_SIZE },
      }),
    );
  }

  getCoverage(): Promise<CoverageSummary> {
    return this.json(this.api.getCoverage({}));
  }

  getUncatalogued(
    offset: number,
    limit: number,
    organization?: string,
  ): Promise<{ items: UncataloguedRepository[]; totalItems: number }> {
    return this.json(
      this.api.listUncataloguedRepositories({
        query: { offset, limit, ...(organization ? { organization } : {}) },
      }),
    );
  }

  async scanCoverage(): Promise<void> {
    await this.ok(await this.api.scanCoverage({}));
  }
}
