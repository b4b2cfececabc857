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

export interface UpgradeStore {
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
  /** Every upgrade ever prepared, newest first. */
  list(options?: { entityRef?: string }): Promise<UpgradeRecord[]>;
}
