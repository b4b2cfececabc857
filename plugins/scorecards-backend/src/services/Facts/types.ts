import { FactSource } from '@internal/plugin-scorecards-common';
import { EntityRecord, FactRecord } from '../../database/ScorecardStore';

/**
 * Collects the facts of one source for the entities the catalog retriever found. Retrievers
 * are idempotent (the store keeps a history row only when a value changes) and stop early
 * when the signal aborts.
 */
export interface FactRetriever {
  readonly source: FactSource;
  /** The facts it collects: checks on any other fact of its source are left out. */
  readonly facts: readonly string[];
  collect(
    entities: EntityRecord[],
    signal?: AbortSignal,
  ): Promise<FactRecord[]>;
}

/** The catalog retriever also says which entities exist, whom they belong to, what they are. */
export interface CatalogFactRetriever {
  readonly source: 'catalog';
  readonly facts: readonly string[];
  collect(
    signal?: AbortSignal,
  ): Promise<{ entities: EntityRecord[]; facts: FactRecord[] }>;
}
