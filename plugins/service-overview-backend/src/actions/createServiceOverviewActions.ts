import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { registerAction } from '@internal/portal-actions';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ENTITY_REF_ERROR,
  readEntityRef,
  serviceOverviewCoverageReadPermission,
} from '@internal/plugin-service-overview-common';
import { CoverageService } from '../services/Coverage/types';
import { ServiceCatalog } from '../services/ServiceCatalog/types';
import {
  overviewInput,
  overviewOutput,
  uncataloguedInput,
  uncataloguedOutput,
} from './schemas';

/** The overview reads the catalog as the caller, who is a signed-in user as on the routes. */
function requireUser(credentials: BackstageCredentials) {
  if ((credentials.principal as { type: string }).type !== 'user') {
    throw new NotAllowedError(
      'the service overview actions act for a signed-in user only',
    );
  }
}

/**
 * The service overview and the coverage of GitHub by the catalog as actions (exposed over MCP
 * by the mcp-actions plugin): the same services, catalog permissions and
 * `service-overview.coverage.read` as `GET /overview` and `GET /coverage/repositories`.
 */
export function createServiceOverviewActions(options: {
  actionsRegistry: ActionsRegistryService;
  permissions: PermissionsService;
  services: Pick<ServiceCatalog, 'overview'>;
  coverage: Pick<CoverageService, 'uncatalogued'>;
}) {
  const { actionsRegistry, permissions, services, coverage } = options;

  registerAction(actionsRegistry, {
    name: 'get-service-overview',
    title: 'Service overview',
    description: `The overview of a catalog entity: owner and on-call contact, system, lifecycle, golden path, repository, docs and dashboards, where it runs (Kubernetes id, namespace, clusters) and its latest deployments. The catalog's permissions apply: an entity the caller may not read is not found.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: { input: overviewInput, output: overviewOutput },
    action: async ({ input, credentials }) => {
      requireUser(credentials);
      const entityRef = readEntityRef(input.entityRef, 'component');
      if (!entityRef) throw new InputError(`entityRef: ${ENTITY_REF_ERROR}`);
      return { output: await services.overview(entityRef, credentials) };
    },
  });

  registerAction(actionsRegistry, {
    name: 'list-uncatalogued-repositories',
    title: 'Repositories not yet in the catalog',
    description: `The repositories of the configured GitHub organisations that no catalog entity describes, with their likely owner (from CODEOWNERS or the team with admin rights), as the last coverage scan found them. Paged with offset and limit.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: { input: uncataloguedInput, output: uncataloguedOutput },
    action: async ({ input, credentials }) => {
      requireUser(credentials);
      const [decision] = await permissions.authorize(
        [{ permission: serviceOverviewCoverageReadPermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `not allowed: ${serviceOverviewCoverageReadPermission.name}`,
        );
      }
      return {
        output: await coverage.uncatalogued({
          offset: input.offset ?? 0,
          limit: input.limit ?? 25,
          organization: input.organization,
        }),
      };
    },
  });
}
