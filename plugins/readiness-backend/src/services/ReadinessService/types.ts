import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  AssessmentComparison,
  AssessmentHistory,
  AssessmentSummary,
  EvaluateRequest,
  Evidence,
  ReadinessResult,
  SaveRequest,
  SavedAssessment,
} from '@internal/plugin-readiness-common';

export type ExportFormat = 'markdown' | 'csv';

export interface ReadinessService {
  /** Stateless: answers in, verdict, counts, maturity and recommendations out. */
  evaluate(request: EvaluateRequest): ReadinessResult;
  /**
   * Answers the portal can propose for the groups: the factors from the catalog and the
   * delivery metrics, maturity answers from the scorecards' figures (read as the caller).
   */
  evidence(
    groupRefs: string[],
    options: { credentials: BackstageCredentials },
  ): Promise<Evidence>;
  /** Saves an assessment for a catalog Group, with the signed-in user as author. */
  save(
    request: SaveRequest,
    options: { credentials: BackstageCredentials; userEntityRef: string },
  ): Promise<SavedAssessment>;
  get(id: string): Promise<SavedAssessment>;
  list(filter: {
    groupRef?: string;
    limit: number;
  }): Promise<AssessmentSummary[]>;
  history(groupRef: string, now: Date): Promise<AssessmentHistory>;
  latestPerGroup(limit: number): Promise<AssessmentSummary[]>;
  compare(a: string, b: string): Promise<AssessmentComparison>;
  export(
    id: string,
    format: ExportFormat,
  ): Promise<{ filename: string; contentType: string; body: string }>;
  delete(id: string): Promise<void>;
}
