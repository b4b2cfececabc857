export type UpgradeState = 'open' | 'merged' | 'closed' | 'superseded';

/** One prepared upgrade of a service to a version. */
export type UpgradeRecord = {
  entityRef: string;
  template: string;
  fromVersion: string;
  toVersion: string;
  host: 'local' | 'github';
  repository: string;
  branch: string;
  commitSha?: string;
  pullRequestNumber?: number;
  url?: string;
  state: UpgradeState;
  conflicts: string[];
  createdAt?: string;
  updatedAt?: string;
  closedAt?: string;
};

/** Upgrades to one version of a template, counted. */
export type UpgradeCountsRow = {
  template: string;
  toVersion: string;
  open: number;
  merged: number;
  /** Open upgrades with at least one file that needs a person. */
  conflicted: number;
};

/** What a repository without `.golden-path.json` was made from, until an upgrade records it. */
export type Adoption = {
  entityRef: string;
  template: string;
  version: string;
  values: Record<string, unknown>;
  method: 'inferred' | 'stated';
  /** For an inferred adoption: lines differing between the render and the repository. */
  linesDiffering?: number;
  /** The user who adopted it (entity ref). */
  adoptedBy: string;
  adoptedAt?: string;
};

/** An adoption and what became of it. */
export type AdoptedService = Adoption & {
  /** The newest version an upgrade of the service was merged to. */
  mergedVersion?: string;
};

export interface UpgradeStore {
  /** The service's adoption, if its team or the portal adopted it. */
  adoption(entityRef: string): Promise<Adoption | undefined>;
  /**
   * Every adopted service, with the newest version an upgrade of it was merged to (the
   * version its repository records since), if any.
   */
  adoptions(): Promise<AdoptedService[]>;
  /** Saves (or replaces) the service's adoption. */
  saveAdoption(adoption: Omit<Adoption, 'adoptedAt'>): Promise<void>;
  /** Upgrades counted per template and target version (in SQL). */
  counts(): Promise<UpgradeCountsRow[]>;
  /** Per template, the open upgrade prepared longest ago. */
  oldestUnmerged(): Promise<UpgradeRecord[]>;
  /** The upgrade of a service to a version, if one was ever prepared. */
  get(entityRef: string, toVersion: string): Promise<UpgradeRecord | undefined>;
  /** The service's open upgrade (at most one: a newer version supersedes it). */
  open(entityRef: string): Promise<UpgradeRecord | undefined>;
  /**
   * Saves an open upgrade to `toVersion`; any other open upgrade of the service becomes
   * superseded, in the same transaction.
   */
  saveOpen(record: Omit<UpgradeRecord, 'state'>): Promise<void>;
  /** Marks an upgrade merged or closed (declined), with the time. */
  close(
    entityRef: string,
    toVersion: string,
    state: 'merged' | 'closed',
  ): Promise<void>;
  /**
   * Records that the owners of a service were told its version is deprecated; false when
   * they had been told already (nothing written).
   */
  markDeprecationNotice(entityRef: string, version: string): Promise<boolean>;
  /** Every upgrade ever prepared, newest first. */
  list(options?: { entityRef?: string }): Promise<UpgradeRecord[]>;
}
