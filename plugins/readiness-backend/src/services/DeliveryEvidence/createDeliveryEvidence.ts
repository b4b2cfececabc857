import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { InsightsQuery, InsightsService } from '@internal/plugin-insights-node';
import {
  DeliveryScope,
  EvidenceProposal,
  FactorId,
  proposeDeploymentFriction,
  proposeOnboardingTime,
  unavailableProposal,
} from '@internal/plugin-readiness-common';
import { ResponseError, stringifyError } from '@backstage/errors';
import { z } from 'zod';
import { DeliveryEvidenceService } from './types';

/** How far back the delivery metrics look. */
export const DELIVERY_WINDOW_DAYS = 90;

const DAY_MS = 86_400_000;

/**
 * The 90 whole UTC days before today. A window that ends at midnight gives the same figures
 * all day, so an answer proposed in the morning still matches when it is saved.
 */
export function deliveryWindow(now: Date): { from: string; to: string } {
  const to = Date.UTC(
    now.getUTCFullYear(),
    now.getUTCMonth(),
    now.getUTCDate(),
  );
  return {
    from: new Date(to - DELIVERY_WINDOW_DAYS * DAY_MS).toISOString(),
    to: new Date(to).toISOString(),
  };
}

const band = z.enum(['elite', 'high', 'medium', 'low']).nullable();

/** The part of `GET /api/insights/dora` deployment friction is read from. */
const doraAnswer = z.object({
  deploymentFrequency: z.object({
    deployments: z.number(),
    medianDeployDaysPerWeek: z.number().nullable(),
    category: band,
  }),
  leadTimeForChanges: z.object({
    medianHours: z.number().nullable(),
    category: band,
  }),
});

/** The part of `GET /api/insights/adoption` onboarding time is read from. */
const adoptionAnswer = z.object({
  kpis: z.array(
    z.object({
      id: z.string(),
      value: z.number().nullable(),
      numerator: z.number().optional(),
      denominator: z.number().optional(),
    }),
  ),
});

type Answer<T> = { ok: true; body: T } | { ok: false; reason: string };

const declare = 'answer from your own knowledge.';

export function createDeliveryEvidence(options: {
  insights: InsightsService;
  auth: AuthService;
  logger: LoggerService;
  timeoutMs?: number;
  now?: () => Date;
}): DeliveryEvidenceService {
  const { insights, auth, logger } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const now = options.now ?? (() => new Date());

  async function ask<T>(
    path: '/dora' | '/adoption',
    query: InsightsQuery,
    schema: z.ZodType<T>,
  ): Promise<Answer<T>> {
    let answer: unknown;
    try {
      const request = {
        credentials: await auth.getOwnServiceCredentials(),
        timeoutMs,
      };
      answer =
        path === '/dora'
          ? await insights.getDora(query, request)
          : await insights.getAdoption(query, request);
    } catch (e) {
      if (e instanceof ResponseError) {
        const status = e.statusCode;
        if (status === 404) {
          return {
            ok: false,
            reason: `No delivery metrics: the insights plugin is not installed (${path} not found); ${declare}`,
          };
        }
        const message = e.body.error.message;
        logger.warn('Readiness evidence: insights refused the request', {
          path,
          groupRef: query.group,
          status,
          message,
        });
        return {
          ok: false,
          reason: `Insights answered ${status}: ${message}; ${declare}`,
        };
      }
      if (e instanceof SyntaxError) {
        return {
          ok: false,
          reason: `Insights answered something other than JSON; ${declare}`,
        };
      }
      logger.warn('Readiness evidence: insights could not be reached', {
        path,
        groupRef: query.group,
        error: stringifyError(e),
      });
      return {
        ok: false,
        reason: `Insights could not be reached (${
          (e as Error).message
        }); ${declare}`,
      };
    }
    // Typed by the client, but checked here: a proposal must not be built on a changed answer.
    const parsed = schema.safeParse(answer);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const reason = `${issue.path.join('.')}: ${issue.message}`;
      logger.warn('Readiness evidence: unexpected answer from insights', {
        path,
        groupRef: query.group,
        reason,
      });
      return {
        ok: false,
        reason: `Insights answered in an unexpected form (${reason}); ${declare}`,
      };
    }
    return { ok: true, body: parsed.data };
  }

  const neither = (reason: string): EvidenceProposal[] =>
    (['onboardingTime', 'deploymentFriction'] as FactorId[]).map(f =>
      unavailableProposal(f, reason),
    );

  return {
    async propose({ groupRefs, organisation }) {
      if (!organisation && groupRefs.length !== 1) {
        return neither(
          `Insights measures one group or the whole organisation at a time: choose a single group for delivery metrics, or ${declare}`,
        );
      }
      const scope: DeliveryScope = {
        groupRef: organisation ? null : groupRefs[0],
        ...deliveryWindow(now()),
      };
      const query: InsightsQuery = {
        ...(scope.groupRef ? { group: scope.groupRef } : {}),
        from: scope.from,
        to: scope.to,
      };
      const [dora, adoption] = await Promise.all([
        ask('/dora', query, doraAnswer),
        ask('/adoption', query, adoptionAnswer),
      ]);

      let onboarding: EvidenceProposal;
      if (!adoption.ok) {
        onboarding = unavailableProposal('onboardingTime', adoption.reason);
      } else {
        const kpi = adoption.body.kpis.find(
          k => k.id === 'timeToFirstDeployment',
        );
        onboarding = kpi
          ? proposeOnboardingTime(
              {
                created: kpi.denominator ?? 0,
                deployed: kpi.numerator ?? 0,
                medianHours: kpi.value,
              },
              scope,
            )
          : unavailableProposal(
              'onboardingTime',
              `Insights reports no time to first deployment; ${declare}`,
            );
      }

      const friction = dora.ok
        ? proposeDeploymentFriction(
            {
              deployments: dora.body.deploymentFrequency.deployments,
              medianDeployDaysPerWeek:
                dora.body.deploymentFrequency.medianDeployDaysPerWeek,
              deploymentFrequency: dora.body.deploymentFrequency.category,
              leadTimeMedianHours: dora.body.leadTimeForChanges.medianHours,
              leadTime: dora.body.leadTimeForChanges.category,
            },
            scope,
          )
        : unavailableProposal('deploymentFriction', dora.reason);

      return [onboarding, friction];
    },
  };
}
