import {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  insightsBackfillRunPermission,
  insightsSurveyAnswerPermission,
  KPI_TARGETS,
  quarterOf,
  quarterRange,
  SEED_TARGETS,
} from '@internal/plugin-insights-common';
import express, { ErrorRequestHandler } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { InsightsConfig } from '../config';
import { AdoptionService } from '../services/Adoption/AdoptionService';
import { BackfillService } from '../services/Backfill/types';
import { DoraService } from '../services/Dora/DoraService';
import { parseWindow } from '../services/Dora/parseWindow';
import { parseWebhook } from '../services/Github/parseWebhook';
import {
  GithubStore,
  SUPPORTED_EVENTS,
  SupportedEvent,
} from '../services/Github/types';
import { ScopeResolver } from '../services/Scope/ScopeResolver';
import { SurveyService } from '../services/Survey/SurveyService';
import { verifyGithubSignature } from './webhookSignature';

export type RouterOptions = {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  config: InsightsConfig;
  github: GithubStore;
  scopes: ScopeResolver;
  dora: DoraService;
  survey: SurveyService;
  adoption: AdoptionService;
  backfill: BackfillService;
};

/** Largest webhook body accepted (GitHub caps payloads at 25 MB; ours at 5 MB). */
export const WEBHOOK_BODY_LIMIT = '5mb';

const scopeQuery = z
  .object({
    entityRef: z.string().min(1).optional(),
    group: z.string().min(1).optional(),
    from: z.string(),
    to: z.string(),
  })
  .strict();

const surveyBody = z
  .object({
    nps: z.number().int().min(0).max(10),
    satisfaction: z.number().int().min(1).max(5),
    comment: z.string().max(2000).optional(),
  })
  .strict();

/**
 * PostgreSQL text and jsonb cannot hold U+0000, which a commit message or issue body may carry
 * (as the JSON escape \u0000, the only way it can appear in JSON). Such strings are stored with
 * U+FFFD in its place; the reviver only runs for the rare body that needs it.
 */
function withoutNul(raw: Buffer) {
  if (!raw.includes('\\u0000')) return undefined;
  return (_key: string, value: unknown) =>
    typeof value === 'string' ? value.replaceAll('\0', '\uFFFD') : value;
}

function firstIssue(error: z.ZodError, prefix?: string): string {
  const issue = error.issues[0];
  const path = [...(prefix ? [prefix] : []), ...issue.path.map(String)].join(
    '.',
  );
  return `${path || (prefix ?? 'request')}: ${issue.message}`;
}

function parseQuery(query: unknown) {
  const parsed = scopeQuery.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue.code === 'unrecognized_keys') {
      throw new InputError(`${issue.keys.join(', ')}: unknown query parameter`);
    }
    if (issue.path[0] === 'from' || issue.path[0] === 'to') {
      throw new InputError(
        `${String(issue.path[0])}: required, an ISO 8601 date or timestamp`,
      );
    }
    throw new InputError(firstIssue(parsed.error));
  }
  const window = parseWindow(parsed.data.from, parsed.data.to);
  return { ...parsed.data, ...window };
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, userInfo, config, logger } = options;
  const router = Router();

  const authorize = async (
    credentials: BackstageCredentials,
    permission: typeof insightsSurveyAnswerPermission,
  ) => {
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`not allowed: ${permission.name}`);
    }
  };

  router.post(
    '/github/webhook',
    express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT }),
    async (req, res) => {
      const secret = config.webhookSecret;
      const signature = req.header('x-hub-signature-256');
      if (!secret) {
        res.status(403).json({
          error: {
            name: 'NotAllowedError',
            message:
              'webhook secret is not configured (GITHUB_WEBHOOK_SECRET): delivery refused',
          },
        });
        return;
      }
      if (!signature) {
        res.status(401).json({
          error: {
            name: 'AuthenticationError',
            message: 'X-Hub-Signature-256: missing',
          },
        });
        return;
      }
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (!verifyGithubSignature(secret, raw, signature)) {
        res.status(403).json({
          error: {
            name: 'NotAllowedError',
            message: 'X-Hub-Signature-256: does not match the body',
          },
        });
        return;
      }
      const eventType = req.header('x-github-event');
      const deliveryId = req.header('x-github-delivery');
      if (!eventType) throw new InputError('X-GitHub-Event: missing');
      if (!deliveryId) throw new InputError('X-GitHub-Delivery: missing');
      if (deliveryId.length > 200)
        throw new InputError('X-GitHub-Delivery: too long');
      if (eventType === 'ping') {
        res.status(200).json({ status: 'pong' });
        return;
      }
      if (!(SUPPORTED_EVENTS as readonly string[]).includes(eventType)) {
        throw new InputError(
          `X-GitHub-Event: unsupported event type '${eventType}' (supported: ${SUPPORTED_EVENTS.join(
            ', ',
          )})`,
        );
      }
      let payload: unknown;
      try {
        payload = JSON.parse(raw.toString('utf8'), withoutNul(raw));
      } catch (e) {
        throw new InputError(`body: malformed JSON (${(e as Error).message})`);
      }
      const parsed = parseWebhook(eventType as SupportedEvent, payload);
      const result = await options.github.ingestWebhook({
        deliveryId,
        eventType: eventType as SupportedEvent,
        action: parsed.action,
        repository: parsed.repository,
        payload,
        records: parsed.records,
      });
      res.status(result.status === 'stored' ? 202 : 200).json(result);
    },
  );

  router.get('/dora', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const q = parseQuery(req.query);
    const scope = await options.scopes.resolve(q, credentials);
    const summary = await options.dora.summary({
      repositories: scope.repositories,
      from: q.from,
      to: q.to,
      scope: {
        entityRef: scope.entityRef,
        group: scope.group,
        repositories: scope.repositories.length,
      },
    });
    res.json(summary);
  });

  router.get('/adoption', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const q = parseQuery(req.query);
    if (q.entityRef)
      throw new InputError('entityRef: adoption is by group or organisation');
    const scope = await options.scopes.resolve(q, credentials);
    res.json(
      await options.adoption.summary({
        components: scope.components,
        group: scope.group,
        from: q.from,
        to: q.to,
      }),
    );
  });

  router.get('/definitions', async (_req, res) => {
    res.json({
      thresholds: config.thresholds,
      productionEnvironmentPattern: config.productionPattern,
      incidentLabelPattern: config.incidentPattern,
      seedTargets: SEED_TARGETS,
      kpiTargets: KPI_TARGETS,
    });
  });

  const quarterParam = (value: unknown): string => {
    if (value === undefined) return quarterOf(new Date());
    if (typeof value !== 'string' || !quarterRange(value)) {
      throw new InputError(
        `quarter: '${String(value)}' is not a quarter like 2025-Q3`,
      );
    }
    return value;
  };

  router.get('/survey/mine', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const quarter = quarterParam(req.query.quarter);
    res.json({
      quarter,
      answer: await options.survey.mine(
        credentials.principal.userEntityRef,
        quarter,
      ),
    });
  });

  router.get('/survey/results', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const quarter = quarterParam(req.query.quarter);
    let group: string | undefined;
    if (req.query.group !== undefined) {
      const scope = await options.scopes.resolve(
        { group: String(req.query.group) },
        credentials,
      );
      group = scope.group;
    }
    res.json(await options.survey.results(quarter, group));
  });

  router.post('/survey', express.json({ limit: '16kb' }), async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const parsed = surveyBody.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      if (issue.code === 'unrecognized_keys') {
        throw new InputError(`${issue.keys.join(', ')}: unknown field`);
      }
      throw new InputError(firstIssue(parsed.error, 'body'));
    }
    await authorize(credentials, insightsSurveyAnswerPermission);
    const info = await userInfo.getUserInfo(credentials);
    const teams = info.ownershipEntityRefs.filter(ref =>
      ref.startsWith('group:'),
    );
    const stored = await options.survey.answer({
      userRef: credentials.principal.userEntityRef,
      teams,
      answer: parsed.data,
    });
    res.status(200).json(stored);
  });

  router.get('/backfill/status', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(await options.backfill.status());
  });

  router.post('/backfill/run', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await authorize(credentials, insightsBackfillRunPermission);
    const started = options.backfill.trigger();
    res.status(202).json({ started });
  });

  const bodyErrors: ErrorRequestHandler = (err, _req, res, next) => {
    if (err?.type === 'entity.too.large') {
      res.status(413).json({
        error: {
          name: 'PayloadTooLargeError',
          message: `body: larger than the ${err.limit} byte limit`,
        },
      });
      return;
    }
    if (err?.type === 'entity.parse.failed') {
      next(new InputError(`body: malformed JSON (${err.message})`));
      return;
    }
    if (err?.type && typeof err.status === 'number' && err.status < 500) {
      next(new InputError(`body: ${err.message}`));
      return;
    }
    if (!(err instanceof InputError) && !(err instanceof NotAllowedError)) {
      logger.error(`insights request failed: ${err?.message ?? err}`);
    }
    next(err);
  };
  router.use(bodyErrors);
  return router;
}
