import { BackfillStatus } from '@internal/plugin-insights-common';

export interface BackfillService {
  status(): Promise<BackfillStatus>;
  /** Starts a run in the background unless one is running; returns whether it started. */
  trigger(): boolean;
  /** Runs one backfill pass over every catalog repository. */
  run(): Promise<void>;
}
