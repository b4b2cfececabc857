import { createPermission } from '@backstage/plugin-permission-common';

/** Read scorecards, summaries and waivers. */
export const scorecardsReadPermission = createPermission({
  name: 'scorecards.read',
  attributes: { action: 'read' },
});

/**
 * Request a waiver of a check for an entity. The policy allows it to signed-in users; the
 * backend then requires the caller to belong to the entity's owner (or be a platform admin).
 */
export const scorecardsWaiverRequestPermission = createPermission({
  name: 'scorecards.waiver.request',
  attributes: { action: 'create' },
});

/** Grant or reject a requested waiver: platform admins only. */
export const scorecardsWaiverDecidePermission = createPermission({
  name: 'scorecards.waiver.decide',
  attributes: { action: 'update' },
});

/** Collect the facts now and evaluate every scorecard (it spends GitHub rate limit). */
export const scorecardsRefreshPermission = createPermission({
  name: 'scorecards.refresh',
  attributes: { action: 'update' },
});

/** Create or change an initiative (its scope, target and deadline): platform admins only. */
export const scorecardsInitiativeManagePermission = createPermission({
  name: 'scorecards.initiative.manage',
  attributes: { action: 'update' },
});

export const scorecardsPermissions = [
  scorecardsReadPermission,
  scorecardsWaiverRequestPermission,
  scorecardsWaiverDecidePermission,
  scorecardsRefreshPermission,
  scorecardsInitiativeManagePermission,
];
