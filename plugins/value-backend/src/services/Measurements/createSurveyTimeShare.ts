import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  addMonths,
  scopeGroup,
  shareOverSurveyQuarters,
  SurveyQuarterResult,
  surveyQuartersOf,
} from '@internal/plugin-value-common';
import { TimeShareSource } from './types';

/**
 * What the value plugin reads of the survey: insights' quarter results with the average share
 * of time on infrastructure and tooling. Optional, so a portal whose insights does not ask
 * the question yet answers "not asked" instead of failing.
 */
export type SurveyReader = {
  getSurveyResults?(
    query: { quarter: string; group?: string },
    options: { credentials: BackstageCredentials; timeoutMs?: number },
  ): Promise<{
    withheld: string | null;
    infrastructureShareAnswers?: number | null;
    averageInfrastructureSharePct?: number | null;
  }>;
};

const WITHHELD: Record<string, string> = {
  quarterOpen: 'the quarter has not ended',
  belowThreshold: 'too few answers to keep them anonymous',
  complementBelowThreshold:
    'too few answers elsewhere in the organisation to keep these anonymous',
};

/**
 * The survey's share for a window: the calendar quarters it covers (the survey is published
 * per quarter, once it has ended), each weighing by the days of the window inside it, with
 * the coverage in words where the window is not one calendar quarter (see
 * `shareOverSurveyQuarters`). A quarter not over by `now` counts as not published.
 */
export function createSurveyTimeShare(
  survey: SurveyReader,
  options: { now?: () => Date } = {},
): TimeShareSource {
  const now = options.now ?? (() => new Date());
  return {
    async share({ scope, from, to }, { credentials }) {
      const read = survey.getSurveyResults;
      if (!read) {
        return {
          ok: false,
          reason:
            'The survey does not ask for the share of time spent on infrastructure and tooling yet',
        };
      }
      const parts = surveyQuartersOf({ from, to });
      if (parts.length === 0) {
        return { ok: false, reason: 'The window has no day measured yet' };
      }
      const results: SurveyQuarterResult[] = await Promise.all(
        parts.map(async part => {
          if (Date.parse(part.quarterEnd) > now().getTime()) {
            return {
              ...part,
              sharePercent: null,
              answers: null,
              withheld: WITHHELD.quarterOpen,
            };
          }
          const result = await read(
            { quarter: part.quarter, group: scopeGroup(scope) },
            { credentials, timeoutMs: 10_000 },
          );
          const share = result.averageInfrastructureSharePct ?? null;
          return {
            ...part,
            sharePercent: share,
            answers: result.infrastructureShareAnswers ?? null,
            withheld:
              share === null
                ? WITHHELD[result.withheld ?? ''] ??
                  'nobody answered the question that quarter'
                : null,
          };
        }),
      );
      const combined = shareOverSurveyQuarters(results);
      const [first] = parts;
      const wholeQuarter =
        parts.length === 1 &&
        first.to === first.quarterEnd &&
        first.from === addMonths(first.quarterEnd, -3);
      return {
        ok: true,
        value: {
          sharePercent: combined.sharePercent,
          answers: wholeQuarter ? results[0].answers : combined.answers,
          withheld: combined.withheld,
          ...(wholeQuarter ? {} : { coverage: combined.coverage }),
        },
      };
    },
  };
}
