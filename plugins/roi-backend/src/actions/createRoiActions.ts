import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { registerAction } from '@internal/portal-actions';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  calculateRoi,
  formatFieldErrors,
  validateRoiInputs,
} from '@internal/plugin-roi-common';
import { ScenarioService } from '../services/ScenarioService/types';
import {
  calculateInput,
  getInput,
  getOutput,
  listInput,
  listOutput,
  roiResultOutput,
} from './schemas';

/**
 * Saved scenarios are a user's: owned by one, shared with groups. Like the routes, the actions
 * act for a signed-in user only.
 */
function requireUser(credentials: BackstageCredentials) {
  if ((credentials.principal as { type: string }).type !== 'user') {
    throw new NotAllowedError('the ROI actions act for a signed-in user only');
  }
}

/**
 * The ROI calculator as actions (exposed over MCP by the mcp-actions plugin): the model's
 * validation and formulas, and the scenario service with its `roi.scenario.read` checks.
 */
export function createRoiActions(options: {
  actionsRegistry: ActionsRegistryService;
  scenarios: Pick<ScenarioService, 'list' | 'get'>;
}) {
  const { actionsRegistry, scenarios } = options;

  registerAction(actionsRegistry, {
    name: 'calculate-roi',
    title: 'Calculate the ROI of the platform',
    description: `The return on investment of Platform Engineering by the WeScale method: gain = ImprovedProductivity% × DevCosts + ImprovedIncidentsCosts% × IncidentCosts + ImprovedResources% × InfraCosts + TTMReductionGain; investment = DesignCosts + AddLicenceCosts + TrainingCosts; ROI = (gain − investment) ÷ investment.
Answers the headline figures, payback, a 36-month cash flow, a 1–3 year view and the sensitivity to each impact input. Nothing is saved.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: { input: calculateInput, output: roiResultOutput },
    action: async ({ input, credentials }) => {
      requireUser(credentials);
      const validation = validateRoiInputs(input.inputs);
      if (!validation.ok) {
        throw new InputError(
          formatFieldErrors(
            validation.errors.map(e => ({ ...e, field: `inputs.${e.field}` })),
          ),
        );
      }
      return { output: calculateRoi(validation.inputs) };
    },
  });

  registerAction(actionsRegistry, {
    name: 'list-roi-business-cases',
    title: 'List saved ROI business cases',
    description: `The saved ROI business cases (scenarios) the caller may read: their own and those shared with their teams, most recently updated first, with their headline figures.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: { input: listInput, output: listOutput },
    action: async ({ input, credentials }) => {
      requireUser(credentials);
      return {
        output: { items: (await scenarios.list(credentials, input)).items },
      };
    },
  });

  registerAction(actionsRegistry, {
    name: 'get-roi-business-case',
    title: 'Get a saved ROI business case',
    description: `One saved ROI business case by id: its inputs, sharing, version and the result of the calculation on its inputs. Refused when it is neither the caller's nor shared with their teams.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: { input: getInput, output: getOutput },
    action: async ({ input, credentials }) => {
      requireUser(credentials);
      const { shareToken: _token, ...scenario } = await scenarios.get(
        credentials,
        input.id,
      );
      return {
        output: { ...scenario, result: calculateRoi(scenario.inputs) },
      };
    },
  });
}
