import { Config } from '@backstage/config';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  createScaffolderTaskConditionalDecision,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import { decideRoiScenarioForMember } from '@internal/plugin-roi-backend';
import { RESOURCE_TYPE_ROI_SCENARIO } from '@internal/plugin-roi-common';
import { PlatformAdminDirectory } from './PlatformAdminDirectory';
import { decideReadinessGroupForMember } from '@internal/plugin-readiness-backend';
import { RESOURCE_TYPE_READINESS_GROUP } from '@internal/plugin-readiness-common';
import { deploymentsDispatchProductionPermission } from '@internal/plugin-deployments-common';
import { readProductionApprovers } from '@internal/plugin-deployments-backend';
import { decideValueScopeForMember } from '@internal/plugin-value-backend';
import { RESOURCE_TYPE_VALUE_SCOPE } from '@internal/plugin-value-common';

/** What a signed-in member (not a platform admin) may do, by permission name. */
type MemberRule = 'allow' | 'deny' | 'owner';

/**
 * The decisions for signed-in members. Platform admins may do everything; members may read
 * the catalog and docs, run templates and change what their own groups own. Each plugin that
 * adds permissions adds its rows here; anything not listed falls back to "reads are allowed,
 * everything else is denied".
 */
export const memberRules: Record<string, MemberRule> = {
  // Catalog: anyone may read and register (catalog rules restrict the kinds a location may
  // bring in); deleting is for owners; removing locations and ingestion control for admins.
  'catalog.entity.read': 'allow',
  'catalog.entity.create': 'allow',
  'catalog.entity.refresh': 'allow',
  'catalog.entity.validate': 'allow',
  'catalog.entity.delete': 'owner',
  'catalog.location.read': 'allow',
  'catalog.location.analyze': 'allow',
  'catalog.location.create': 'allow',
  'catalog.location.delete': 'deny',
  'catalog.ingestion.read': 'deny',
  'catalog.ingestion.manage': 'deny',
  // Scaffolder: every member runs golden paths and follows their own tasks.
  'scaffolder.template.parameter.read': 'allow',
  'scaffolder.template.step.read': 'allow',
  'scaffolder.template.dry-run': 'allow',
  'scaffolder.action.execute': 'allow',
  'scaffolder.task.create': 'allow',
  'scaffolder.task.read': 'owner',
  'scaffolder.task.cancel': 'owner',
  'scaffolder.template.management': 'deny',
  // ROI calculator: every member saves business cases; reading is for the owner and the
  // groups it is shared with, changing and deleting for the owner (see handle()).
  'roi.scenario.create': 'allow',
  'roi.scenario.read': 'owner',
  'roi.scenario.update': 'owner',
  'roi.scenario.delete': 'owner',
  // Insights: every member answers the survey; starting a GitHub backfill is for admins.
  'insights.survey.answer': 'allow',
  'insights.backfill.run': 'deny',
  'insights.read': 'allow',
  // The survey's comments (by closed quarter, without authors) reach the platform team.
  'insights.survey.comments.read': 'deny',
  // Setting the date a team adopted the platform (before/after comparison) is for admins.
  'insights.adoption.set': 'deny',
  // Readiness: every member evaluates and reads the history; saving an assessment is for the
  // members of its group (see handle()); deleting one is for platform admins, so the
  // quarterly record stays intact.
  'readiness.assessment.create': 'owner',
  'readiness.assessment.read': 'allow',
  'readiness.assessment.delete': 'deny',
  // Service overview: hygiene lists and coverage are readable by every member (catalog reads
  // stay filtered by the catalog's own rules); starting a GitHub coverage scan is for admins.
  'service-overview.hygiene.read': 'allow',
  'service-overview.coverage.read': 'allow',
  'service-overview.coverage.scan': 'deny',
  // Golden paths: dropping a service's database (acme:database:drop) is for the owners of its
  // component; platform admins may, as everywhere.
  'golden-paths.database.drop': 'owner',
  // Deployments: dispatching a component's deploy workflow is for the members of its owning
  // team; to production also for the members of `deployments.productionApprovers` (see
  // handle()). Platform admins may, as everywhere.
  'deployments.dispatch': 'owner',
  'deployments.dispatch.production': 'owner',
  // Scorecards: every member reads scorecards and summaries and may request a waiver (the
  // scorecards backend then requires membership of the component's owning team); granting or
  // rejecting a waiver, starting a collection and creating or changing an initiative are for
  // platform admins (every member reads initiatives with scorecards.read).
  'scorecards.read': 'allow',
  'scorecards.waiver.request': 'allow',
  'scorecards.waiver.decide': 'deny',
  'scorecards.refresh': 'deny',
  'scorecards.initiative.manage': 'deny',
  // Value delivered: everyone reads; a team's members adopt its baseline, admins the organisation's.
  'value.read': 'allow',
  'value.baseline.adopt': 'owner',
  // Roadmap: every member reads the roadmap, proposes items and votes (once per proposal,
  // withdrawable); changing items and answering proposals is for platform admins.
  'roadmap.read': 'allow',
  'roadmap.proposal.create': 'allow',
  'roadmap.proposal.vote': 'allow',
  'roadmap.manage': 'deny',
};

export type PortalPolicyOptions = {
  /** Group entity refs whose members may do everything. */
  platformAdmins: string[];
  /** Group entity refs whose members may deploy any component to production. */
  productionApprovers: string[];
};

export function readPortalPolicyOptions(config: Config): PortalPolicyOptions {
  const admins = config.getOptionalStringArray('permission.platformAdmins') ?? [
    'group:default/platform-team',
  ];
  return {
    platformAdmins: admins.map(ref => ref.toLocaleLowerCase('en-US')),
    productionApprovers: readProductionApprovers(config),
  };
}

export class PortalPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly options: PortalPolicyOptions,
    /** Confirms an admin claim from trusted catalog data (see PlatformAdminDirectory). */
    private readonly adminDirectory: PlatformAdminDirectory,
  ) {}

  private async isPlatformAdmin(user: PolicyQueryUser, claims: string[]) {
    const claimed = this.options.platformAdmins.filter(ref =>
      claims.includes(ref),
    );
    return (
      claimed.length > 0 &&
      this.adminDirectory.isConfirmedAdmin(user.info.userEntityRef, claimed)
    );
  }

  /** Membership of an approver group, confirmed from trusted catalog data as an admin's is. */
  private async isProductionApprover(user: PolicyQueryUser, claims: string[]) {
    const claimed = this.options.productionApprovers.filter(ref =>
      claims.includes(ref),
    );
    return (
      claimed.length > 0 &&
      this.adminDirectory.isConfirmedAdmin(user.info.userEntityRef, claimed)
    );
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    const claims = user.info.ownershipEntityRefs.map(ref =>
      ref.toLocaleLowerCase('en-US'),
    );
    if (await this.isPlatformAdmin(user, claims)) {
      return { result: AuthorizeResult.ALLOW };
    }

    const { permission } = request;
    const rule =
      memberRules[permission.name] ??
      (permission.attributes.action === 'read' ? 'allow' : 'deny');

    if (rule === 'allow') return { result: AuthorizeResult.ALLOW };
    if (rule === 'deny' || !isResourcePermission(permission)) {
      return { result: AuthorizeResult.DENY };
    }
    if (
      permission.name === deploymentsDispatchProductionPermission.name &&
      (await this.isProductionApprover(user, claims))
    ) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isResourcePermission(permission, 'catalog-entity')) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    if (isResourcePermission(permission, 'scaffolder-task')) {
      return createScaffolderTaskConditionalDecision(
        permission,
        scaffolderTaskConditions.isTaskOwner({
          createdBy: [user.info.userEntityRef],
        }),
      );
    }
    if (isResourcePermission(permission, RESOURCE_TYPE_READINESS_GROUP)) {
      return decideReadinessGroupForMember(permission, { claims });
    }
    if (isResourcePermission(permission, RESOURCE_TYPE_VALUE_SCOPE)) {
      return decideValueScopeForMember(permission, { claims });
    }
    if (isResourcePermission(permission, RESOURCE_TYPE_ROI_SCENARIO)) {
      return decideRoiScenarioForMember(permission, {
        userEntityRef: user.info.userEntityRef,
        claims,
      });
    }
    return { result: AuthorizeResult.DENY };
  }
}
