import { createPermission } from '@backstage/plugin-permission-common';

/** Read the catalog hygiene lists (entities with a missing owner, no docs, no system, orphans). */
export const serviceOverviewHygieneReadPermission = createPermission({
  name: 'service-overview.hygiene.read',
  attributes: { action: 'read' },
});

/** Read the repositories not in the catalog yet and the coverage share. */
export const serviceOverviewCoverageReadPermission = createPermission({
  name: 'service-overview.coverage.read',
  attributes: { action: 'read' },
});

/** Start a new scan of the organisations' repositories (it spends GitHub rate limit). */
export const serviceOverviewCoverageScanPermission = createPermission({
  name: 'service-overview.coverage.scan',
  attributes: { action: 'update' },
});

export const serviceOverviewPermissions = [
  serviceOverviewHygieneReadPermission,
  serviceOverviewCoverageReadPermission,
  serviceOverviewCoverageScanPermission,
];
