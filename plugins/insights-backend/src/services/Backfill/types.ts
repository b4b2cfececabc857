import { BackfillStatus } from '@internal/plugin-insights-common';

export interface BackfillService {
  status(): Promise<BackfillStatus>;
  /**
   * Runs one backfill pass over the catalog's repositories of the configured organisations;
   * stops between repositories and pages once `signal` is aborted.
   */
  run(signal?: AbortSignal): Promise<void>;
}
