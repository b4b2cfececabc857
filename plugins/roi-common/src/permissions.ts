import { createPermission } from '@backstage/plugin-permission-common';

/** The resource type of saved ROI scenarios in the permission framework. */
export const RESOURCE_TYPE_ROI_SCENARIO = 'roi-scenario';

/** Save a new scenario (or a duplicate). */
export const roiScenarioCreatePermission = createPermission({
  name: 'roi.scenario.create',
  attributes: { action: 'create' },
});

/** Read a saved scenario: its owner, the groups it is shared with. */
export const roiScenarioReadPermission = createPermission({
  name: 'roi.scenario.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_ROI_SCENARIO,
});

/** Change a saved scenario (a new version): its owner. */
export const roiScenarioUpdatePermission = createPermission({
  name: 'roi.scenario.update',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_ROI_SCENARIO,
});

/** Delete a saved scenario and its versions: its owner. */
export const roiScenarioDeletePermission = createPermission({
  name: 'roi.scenario.delete',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_ROI_SCENARIO,
});

export const roiPermissions = [
  roiScenarioCreatePermission,
  roiScenarioReadPermission,
  roiScenarioUpdatePermission,
  roiScenarioDeletePermission,
];
