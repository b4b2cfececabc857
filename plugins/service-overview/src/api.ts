import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { CatalogApi } from '@backstage/plugin-catalog-react';
import {
  CoverageSummary,
  HygieneCheck,
  HygienePage,
  HygieneSummary,
  ServiceFacets,
  ServiceOverview,
  listServices,
  serviceFacets,
  ServicesCursor,
  ServicesPage,
  ServicesQuery,
  UncataloguedRepository,
} from '@internal/plugin-service-overview-common';

/** A first page (filters, order) or a following one (the cursor the last answer gave). */
export type ServicesRequest = ServicesQuery | ServicesCursor;

export interface ServiceOverviewApi {
  listServices(request: ServicesRequest): Promise<ServicesPage>;
  getFacets(): Promise<ServiceFacets>;
  getOverview(entityRef: string): Promise<ServiceOverview>;
  getHygieneSummary(): Promise<HygieneSummary>;
  getHygiene(check: HygieneCheck, cursor?: string): Promise<HygienePage>;
  getCoverage(): Promise<CoverageSummary>;
  getUncatalogued(
    offset: number,
    limit: number,
  ): Promise<{
    items: UncataloguedRepository[];
    totalItems: number;
  }>;
  scanCoverage(): Promise<void>;
}

export const serviceOverviewApiRef = createApiRef<ServiceOverviewApi>({
  id: 'plugin.service-overview.api',
});

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * The services page reads the catalog directly (as Backstage's catalog page does), the rest
 * comes from the service-overview backend.
 */
export class ServiceOverviewClient implements ServiceOverviewApi {
  constructor(
    private readonly discovery: DiscoveryApi,
    private readonly fetchApi: FetchApi,
    private readonly catalogApi: CatalogApi,
  ) {}

  private async call<T>(path: string, init?: RequestInit): Promise<T> {
    const base = await this.discovery.getBaseUrl('service-overview');
    const res = await this.fetchApi.fetch(`${base}${path}`, init);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as T;
  }

  listServices(request: ServicesRequest) {
    return listServices(this.catalogApi, request);
  }
  getFacets() {
    return serviceFacets(this.catalogApi);
  }
  getOverview(entityRef: string) {
    return this.call<ServiceOverview>(`/overview${query({ entityRef })}`);
  }
  getHygieneSummary() {
    return this.call<HygieneSummary>('/hygiene/summary');
  }
  getHygiene(check: HygieneCheck, cursor?: string) {
    return this.call<HygienePage>(
      `/hygiene/${check}${query({ cursor, limit: 25 })}`,
    );
  }
  getCoverage() {
    return this.call<CoverageSummary>('/coverage');
  }
  getUncatalogued(offset: number, limit: number) {
    return this.call<{ items: UncataloguedRepository[]; totalItems: number }>(
      `/coverage/repositories${query({ offset, limit })}`,
    );
  }
  async scanCoverage() {
    await this.call('/coverage/scan', { method: 'POST' });
  }
}
