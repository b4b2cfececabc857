import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { quarterOf } from '@internal/plugin-insights-common';
import { addMonths, scopeGroup } from '@internal/plugin-value-common';
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
 * The survey's share for a window that is one calendar quarter (the survey is published per
 * quarter, once it has ended); any other window says why it has no share.
 */
export function createSurveyTimeShare(survey: SurveyReader): TimeShareSource {
  return {
    async share({ scope, from, to }, { credentials }) {
      if (!survey.getSurveyResults) {
        return {
          ok: false,
          reason:
            'The survey does not ask for the share of time spent on infrastructure and tooling yet',
        };
      }
      const start = from.slice(0, 10);
      const month = Number(start.slice(5, 7));
      if (!start.endsWith('-01') || (month - 1) % 3 !== 0) {
        return {
          ok: false,
          reason: `The survey is published per calendar quarter; a baseline starting on ${start} does not follow them (start it on 1 January, April, July or October)`,
        };
      }
      if (Date.parse(to) < Date.parse(addMonths(start, 3))) {
        return {
          ok: true,
          value: {
            sharePercent: null,
            answers: null,
            withheld: WITHHELD.quarterOpen,
          },
        };
      }
      const result = await survey.getSurveyResults(
        {
          quarter: quarterOf(new Date(`${start}T00:00:00Z`)),
          group: scopeGroup(scope),
        },
        { credentials, timeoutMs: 10_000 },
      );
      const share = result.averageInfrastructureSharePct ?? null;
      return {
        ok: true,
        value: {
          sharePercent: share,
          answers: result.infrastructureShareAnswers ?? null,
          withheld:
            share === null
              ? WITHHELD[result.withheld ?? ''] ??
                'nobody answered the question that quarter'
              : null,
        },
      };
    },
  };
}
