import { RoiInputs } from '@internal/plugin-roi-common';
import { BaselineEvent } from '@internal/plugin-value-common';

/** A stored baseline (without what depends on the day it is read). */
export type BaselineRecord = {
  id: string;
  scope: string;
  scenarioId: string;
  scenarioName: string;
  scenarioVersion: number;
  currency: string;
  inputs: RoiInputs;
  startDate: string;
  costPerIncident: number;
  adoptedBy: string;
  adoptedAt: string;
};

export type NewBaseline = Omit<BaselineRecord, 'id' | 'adoptedAt'>;

/** The value plugin's only SQL. */
export interface BaselineStore {
  /** The scope's current baseline, if any. */
  current(scope: string): Promise<BaselineRecord | undefined>;
  /**
   * Adopts a baseline in one transaction: the scope's current one (if any) is marked replaced,
   * the new one inserted, and both recorded in the audit trail. Throws ConflictError when a
   * concurrent adoption of the same scope committed first.
   */
  adopt(baseline: NewBaseline, at: Date): Promise<BaselineRecord>;
  /** The scope's adoptions, latest first. */
  history(scope: string, limit: number): Promise<BaselineEvent[]>;
}
