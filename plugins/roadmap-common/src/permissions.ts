import { createPermission } from '@backstage/plugin-permission-common';

/** Read the roadmap and the proposals with their votes. */
export const roadmapReadPermission = createPermission({
  name: 'roadmap.read',
  attributes: { action: 'read' },
});

/** Propose an item for the roadmap: every signed-in user. */
export const roadmapProposePermission = createPermission({
  name: 'roadmap.proposal.create',
  attributes: { action: 'create' },
});

/** Vote for a proposal or withdraw one's vote: every signed-in user. */
export const roadmapVotePermission = createPermission({
  name: 'roadmap.proposal.vote',
  attributes: { action: 'update' },
});

/** Create and change roadmap items and answer proposals: platform admins only. */
export const roadmapManagePermission = createPermission({
  name: 'roadmap.manage',
  attributes: { action: 'update' },
});

export const roadmapPermissions = [
  roadmapReadPermission,
  roadmapProposePermission,
  roadmapVotePermission,
  roadmapManagePermission,
];
