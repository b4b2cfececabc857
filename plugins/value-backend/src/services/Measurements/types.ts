import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Baseline,
  CostMeasure,
  Measured,
  ReportMeasurements,
  TimeShareMeasure,
} from '@internal/plugin-value-common';

/** What a measurement is asked for: a scope over `[from, to)` (ISO dates or timestamps). */
export type MeasurementQuery = { scope: string; from: string; to: string };

export type MeasurementOptions = { credentials: BackstageCredentials };

/** The survey's share of the week spent on infrastructure and tooling. */
export interface TimeShareSource {
  share(
    query: MeasurementQuery,
    options: MeasurementOptions,
  ): Promise<Measured<TimeShareMeasure>>;
}

/** The infrastructure cost of a scope's workloads. */
export interface InfrastructureCostSource {
  cost(
    query: MeasurementQuery,
    options: MeasurementOptions,
  ): Promise<Measured<CostMeasure>>;
}

/** Everything a quarter's report is computed from, read on behalf of the caller. */
export interface MeasurementService {
  measure(
    baseline: Baseline,
    index: number,
    now: Date,
    options: MeasurementOptions,
  ): Promise<ReportMeasurements>;
}
