import {
  compareVersions,
  Deprecation,
  deprecationOf,
  latestVersion,
  TemplateVersion,
  versionsBehind,
} from './versions';

/** A service made from a golden path, as the catalog describes it. */
export type ServiceOnTemplate = {
  entityRef: string;
  version: string;
  optOutReason?: string;
};

/** Upgrades to one version of a template, counted by the store. */
export type UpgradeCounts = {
  toVersion: string;
  open: number;
  merged: number;
  /** Open upgrades with at least one file that needs a person. */
  conflicted: number;
};

export type VersionSummary = TemplateVersion & {
  deprecation: Deprecation;
  /** Services on this version. */
  services: number;
  /** How many versions a service on this version is behind the latest. */
  behindBy: number;
  upgradesOpen: number;
  upgradesMerged: number;
  upgradesConflicted: number;
};

export type TemplateSummaryCore = {
  template: string;
  latest: string;
  services: number;
  servicesBehind: number;
  versions: VersionSummary[];
  optedOut: Array<{ entityRef: string; reason: string }>;
};

/**
 * The golden paths page's figures for one template: per published version, how many services
 * are on it, how far behind that is and what became of the upgrades to it. A service on a
 * version the file no longer lists counts in the total and as behind, under no version row.
 */
export function summarizeTemplate(input: {
  template: string;
  versions: TemplateVersion[];
  services: ServiceOnTemplate[];
  upgrades: UpgradeCounts[];
  today: string;
}): TemplateSummaryCore {
  const { template, versions, services, upgrades, today } = input;
  const latest = latestVersion(versions).version;
  return {
    template,
    latest,
    services: services.length,
    servicesBehind: services.filter(s => compareVersions(s.version, latest) < 0)
      .length,
    versions: versions.map(v => {
      const counts = upgrades.find(u => u.toVersion === v.version);
      return {
        ...v,
        deprecation: deprecationOf(versions, v.version, today),
        services: services.filter(s => s.version === v.version).length,
        behindBy: versionsBehind(versions, v.version),
        upgradesOpen: counts?.open ?? 0,
        upgradesMerged: counts?.merged ?? 0,
        upgradesConflicted: counts?.conflicted ?? 0,
      };
    }),
    optedOut: services
      .filter(s => s.optOutReason)
      .map(s => ({ entityRef: s.entityRef, reason: s.optOutReason! }))
      .sort((a, b) => a.entityRef.localeCompare(b.entityRef)),
  };
}
