import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { registerAction } from '@internal/portal-actions';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { insightsReadPermission } from '@internal/plugin-insights-common';
import { AdoptionService } from '../services/Adoption/AdoptionService';
import { DoraService } from '../services/Dora/DoraService';
import { parseWindow } from '../services/Dora/parseWindow';
import { ScopeResolver } from '../services/Scope/ScopeResolver';
import {
  adoptionInput,
  adoptionSummaryOutput,
  doraInput,
  doraSummaryOutput,
} from './schemas';

export type InsightsActionsOptions = {
  actionsRegistry: ActionsRegistryService;
  permissions: PermissionsService;
  scopes: ScopeResolver;
  dora: Pick<DoraService, 'summary'>;
  adoption: Pick<AdoptionService, 'summary'>;
};

/**
 * Delivery metrics as actions (exposed over MCP by the mcp-actions plugin): the same services,
 * permission (`insights.read`) and validation as `GET /dora` and `GET /adoption`.
 */
export function createInsightsActions(options: InsightsActionsOptions) {
  const { actionsRegistry, permissions, scopes, dora, adoption } = options;

  const authorizeRead = async (credentials: BackstageCredentials) => {
    const [decision] = await permissions.authorize(
      [{ permission: insightsReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`not allowed: ${insightsReadPermission.name}`);
    }
  };

  registerAction(actionsRegistry, {
    name: 'get-dora-metrics',
    title: 'DORA delivery metrics',
    description: `The four DORA metrics (deployment frequency, lead time for changes, change failure rate, time to restore service) with their performance band and a weekly series, over a window of at most 2 years.
Give entityRef for one component, group for the components a team owns, or neither for the whole organisation.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: { input: doraInput, output: doraSummaryOutput },
    action: async ({ input, credentials }) => {
      await authorizeRead(credentials);
      const window = parseWindow(input.from, input.to);
      const scope = await scopes.resolve(input, credentials);
      const summary = await dora.summary({
        repositories: scope.repositories,
        ...window,
        scope: {
          entityRef: scope.entityRef,
          group: scope.group,
          repositories: scope.repositories.length,
        },
      });
      return { output: summary };
    },
  });

  registerAction(actionsRegistry, {
    name: 'get-platform-adoption',
    title: 'Platform adoption',
    description: `The platform adoption KPIs (team and component adoption, self-service completion, time to first deployment, catalog completeness, satisfaction) against their targets, golden-path usage per week, and each component's baseline.
Give group for one team, or leave it out for the whole organisation.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: { input: adoptionInput, output: adoptionSummaryOutput },
    action: async ({ input, credentials }) => {
      await authorizeRead(credentials);
      const window = parseWindow(input.from, input.to);
      const scope = await scopes.resolve(input, credentials);
      const summary = await adoption.summary({
        components: scope.components,
        group: scope.group,
        ...window,
      });
      return { output: summary };
    },
  });
}
