import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  HygieneCheck,
  HygienePage,
  HygieneSummary,
  ServiceOverview,
} from '@internal/plugin-service-overview-common';

/** Reads the catalog on behalf of the caller, one page at a time. */
export interface ServiceCatalog {
  overview(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ServiceOverview>;
  hygiene(
    check: HygieneCheck,
    page: { cursor?: string; limit: number },
    credentials: BackstageCredentials,
  ): Promise<HygienePage>;
  hygieneSummary(credentials: BackstageCredentials): Promise<HygieneSummary>;
}

/** The latest deployment source (the insights plugin), optional by design. */
export interface DeploymentSource {
  latest(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ServiceOverview['latestDeployment']>;
}
