import { CostCollection } from '@internal/plugin-costs-common';

/** Collects the day's costs from every connected cluster into the store. */
export interface CostCollector {
  /** The clusters it reads (by name); empty when none is connected. */
  clusters(): string[];
  collect(signal?: AbortSignal): Promise<CostCollection>;
}
