import { InputError } from '@backstage/errors';
import {
  MIN_NON_ZERO,
  ROI_DEFAULTS,
  RoiInputs,
  RoiNumericInputName,
} from './model/inputs';
import type { CreateScenarioRequest, UpdateScenarioRequest } from './scenarios';
import type { components } from './schema/openapi/generated/types';

/**
 * What the backend's contract (plugins/roi-backend/src/schema/openapi.yaml) has already
 * checked when a request reaches a route: types, bounds, patterns, unknown fields. The
 * functions below add the rules a JSON schema cannot express and apply the defaults; each
 * refusal is an InputError naming its field.
 */
export type CalculateRequestBody = components['schemas']['RoiInputsRequest'];
export type CreateScenarioRequestBody =
  components['schemas']['CreateScenarioRequest'];
export type UpdateScenarioRequestBody =
  components['schemas']['UpdateScenarioRequest'];

/** The amounts and percentages: 0 or at least a cent (ROI and payback divide by them). */
const NON_ZERO_MINIMUM: readonly RoiNumericInputName[] = [
  'devCosts',
  'incidentCosts',
  'infraCosts',
  'designCosts',
  'addLicenceCosts',
  'trainingCosts',
  'improvedProductivityPct',
  'improvedIncidentsCostsPct',
  'improvedResourcesPct',
  'ttmReductionGain',
  'recurringYearlyCosts',
];

/**
 * Inputs the contract admitted, with the defaults applied, or an InputError naming the field
 * (`prefix` names the record they are in, e.g. `inputs.`).
 */
export function toRoiInputs(
  body: CalculateRequestBody,
  prefix = '',
): RoiInputs {
  const inputs: RoiInputs = {
    periodMonths: body.periodMonths ?? ROI_DEFAULTS.periodMonths,
    currency: body.currency ?? ROI_DEFAULTS.currency,
    devCosts: body.devCosts,
    incidentCosts: body.incidentCosts,
    infraCosts: body.infraCosts,
    designCosts: body.designCosts,
    addLicenceCosts: body.addLicenceCosts,
    trainingCosts: body.trainingCosts,
    improvedProductivityPct: body.improvedProductivityPct,
    improvedIncidentsCostsPct: body.improvedIncidentsCostsPct,
    improvedResourcesPct: body.improvedResourcesPct,
    ttmReductionGain: body.ttmReductionGain,
    rampUpMonths: body.rampUpMonths ?? ROI_DEFAULTS.rampUpMonths,
    recurringYearlyCosts:
      body.recurringYearlyCosts ?? ROI_DEFAULTS.recurringYearlyCosts,
  };
  for (const name of NON_ZERO_MINIMUM) {
    const value = inputs[name];
    if (value !== 0 && !(value >= MIN_NON_ZERO)) {
      throw new InputError(
        `${prefix}${name}: must be 0 or at least ${MIN_NON_ZERO}`,
      );
    }
  }
  if (inputs.designCosts + inputs.addLicenceCosts + inputs.trainingCosts <= 0) {
    throw new InputError(
      `${prefix}investment: designCosts + addLicenceCosts + trainingCosts must be greater than 0 (ROI divides by the investment)`,
    );
  }
  return inputs;
}

/** A scenario the contract admitted: name trimmed, group refs lower-cased, defaults applied. */
export function toCreateScenarioRequest(
  body: CreateScenarioRequestBody,
): CreateScenarioRequest {
  const name = body.name.trim();
  if (name.length === 0) {
    throw new InputError('name: must be a text of 1 to 200 characters');
  }
  return {
    name,
    description: body.description ?? '',
    inputs: toRoiInputs(body.inputs, 'inputs.'),
    // entity refs compare case-insensitively: one spelling is stored
    sharedWithGroups: (body.sharedWithGroups ?? []).map(ref =>
      ref.toLocaleLowerCase('en-US'),
    ),
    sharedByLink: body.sharedByLink ?? false,
  };
}

/** The same for an edit, with the version it started from. */
export function toUpdateScenarioRequest(
  body: UpdateScenarioRequestBody,
): UpdateScenarioRequest {
  return { ...toCreateScenarioRequest(body), version: body.version };
}
