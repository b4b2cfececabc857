import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError, stringifyError } from '@backstage/errors';
import {
  MaturityProposal,
  proposeMaturityFromScorecards,
  unavailableMaturityProposals,
} from '@internal/plugin-readiness-common';
import { ScorecardsClient } from '@internal/plugin-scorecards-common';
import { z } from 'zod';
import { ScorecardEvidenceService } from './types';

const count = z.number().int().min(0);

/**
 * The part of `GET /api/scorecards/summary` the proposals read: the golden path counts and the
 * days the services were evaluated. Typed by the client, but checked here: a proposal must not
 * be built on a changed answer.
 */
const summaryAnswer = z.object({
  goldenPaths: z
    .object({
      services: count,
      fromGoldenPath: count,
      onLatestVersion: count,
    })
    .refine(
      g =>
        g.fromGoldenPath <= g.services && g.onLatestVersion <= g.fromGoldenPath,
      'onLatestVersion ≤ fromGoldenPath ≤ services must hold',
    ),
  trend: z.array(z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) })),
});

const declare = 'answer from your own knowledge.';

/** The scorecards client, sending a token issued for the scorecards on behalf of the caller. */
export type ScorecardsSummaryReader = (
  ownerRef: string | undefined,
  token: string,
) => Promise<unknown>;

function defaultReader(
  discovery: DiscoveryService,
  timeoutMs: number,
): ScorecardsSummaryReader {
  return (ownerRef, token) =>
    new ScorecardsClient({
      discoveryApi: discovery,
      fetchApi: {
        fetch: (input, init) =>
          fetch(input, {
            ...init,
            headers: {
              ...(init?.headers as Record<string, string> | undefined),
              Authorization: `Bearer ${token}`,
            },
            signal: AbortSignal.timeout(timeoutMs),
          }),
      },
    }).getSummary(ownerRef);
}

export function createScorecardEvidence(options: {
  auth: AuthService;
  discovery: DiscoveryService;
  logger: LoggerService;
  timeoutMs?: number;
  now?: () => Date;
  read?: ScorecardsSummaryReader;
}): ScorecardEvidenceService {
  const { auth, discovery, logger } = options;
  const now = options.now ?? (() => new Date());
  const read =
    options.read ?? defaultReader(discovery, options.timeoutMs ?? 10_000);

  function refused(e: unknown, ownerRef: string | null): string {
    if (e instanceof ResponseError) {
      const status = e.statusCode;
      if (status === 404) {
        return `No scorecard figures: the scorecards plugin is not installed (/summary not found); ${declare}`;
      }
      const message = e.body.error.message;
      logger.warn('Readiness evidence: the scorecards refused the request', {
        ownerRef,
        status,
        message,
      });
      if (status === 403) {
        return `You may not read the scorecards (${message}); ${declare}`;
      }
      return `Scorecards answered ${status}: ${message}; ${declare}`;
    }
    if (e instanceof SyntaxError) {
      return `Scorecards answered something other than JSON; ${declare}`;
    }
    logger.warn('Readiness evidence: the scorecards could not be reached', {
      ownerRef,
      error: stringifyError(e),
    });
    return `Scorecards could not be reached (${
      (e as Error).message
    }); ${declare}`;
  }

  return {
    async propose({ groupRefs, organisation, credentials }) {
      if (!organisation && groupRefs.length !== 1) {
        return unavailableMaturityProposals(
          `The scorecards summarise one team or the whole organisation at a time: choose a single group for scorecard figures, or ${declare}`,
        );
      }
      const ownerRef = organisation ? null : groupRefs[0];
      let answer: unknown;
      const readAt = now();
      try {
        const { token } = await auth.getPluginRequestToken({
          onBehalfOf: credentials,
          targetPluginId: 'scorecards',
        });
        answer = await read(ownerRef ?? undefined, token);
      } catch (e) {
        return unavailableMaturityProposals(refused(e, ownerRef));
      }
      const parsed = summaryAnswer.safeParse(answer);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const reason = `${issue.path.join('.')}: ${issue.message}`;
        logger.warn(
          'Readiness evidence: unexpected answer from the scorecards',
          {
            ownerRef,
            reason,
          },
        );
        return unavailableMaturityProposals(
          `Scorecards answered in an unexpected form (${reason}); ${declare}`,
        );
      }
      const { goldenPaths, trend } = parsed.data;
      const days = trend.map(t => t.day).sort();
      const proposals: MaturityProposal[] = proposeMaturityFromScorecards({
        ownerRef,
        services: goldenPaths.services,
        fromGoldenPath: goldenPaths.fromGoldenPath,
        onLatestVersion: goldenPaths.onLatestVersion,
        readAt: readAt.toISOString(),
        lastEvaluatedDay: days.length > 0 ? days[days.length - 1] : null,
      });
      return proposals;
    },
  };
}
