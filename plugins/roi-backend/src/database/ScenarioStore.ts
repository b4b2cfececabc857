import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  RoiChange,
  RoiInputs,
  ScenarioCursor,
} from '@internal/plugin-roi-common';
import { ScenarioQuery } from '../permissions/rules';

/** A scenario as stored: the resource the permission rules apply to. */
export type ScenarioRecord = {
  id: string;
  name: string;
  description: string;
  inputs: RoiInputs;
  ownerRef: string;
  sharedWithGroups: string[];
  shareToken: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
};

/** One saved version of a scenario: who changed what, and when. */
export type ScenarioVersionRecord = {
  scenarioId: string;
  version: number;
  name: string;
  description: string;
  inputs: RoiInputs;
  changedBy: string;
  changedAt: string;
  changes: RoiChange[];
};

/** Saved scenarios and their versions; the only place the ROI plugin speaks SQL. */
export interface ScenarioStore {
  /**
   * Scenarios matching the permission filter (all of them for `undefined`) in the list's
   * order (latest change first, then id). From a cursor: the rows after it (`next`) in that
   * order, or the rows before it (`prev`) nearest first.
   */
  list(options: {
    filter?: PermissionCriteria<ScenarioQuery>;
    limit: number;
    cursor?: ScenarioCursor;
  }): Promise<ScenarioRecord[]>;
  get(id: string): Promise<ScenarioRecord | undefined>;
  getByToken(token: string): Promise<ScenarioRecord | undefined>;
  /** Inserts a scenario and its first version, in one transaction. */
  insert(record: ScenarioRecord, version: ScenarioVersionRecord): Promise<void>;
  /**
   * Replaces a scenario if it is still at `expectedVersion` and records the new version, in
   * one transaction: a NotFoundError when it is gone, a ConflictError when someone saved in
   * between.
   */
  update(
    record: ScenarioRecord,
    expectedVersion: number,
    version: ScenarioVersionRecord,
  ): Promise<void>;
  delete(id: string): Promise<void>;
  /** Every version of a scenario, newest first. */
  versions(id: string): Promise<ScenarioVersionRecord[]>;
}
