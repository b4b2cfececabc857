import { createHash } from 'node:crypto';
import {
  BackstageCredentials,
  DiscoveryService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  SchedulerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  insightsAdoptionDateSetPermission,
  insightsBackfillRunPermission,
  insightsReadPermission,
  insightsSurveyAnswerPermission,
  insightsSurveyCommentsReadPermission,
  KPI_TARGETS,
  quarterOf,
  quarterRange,
  SEED_TARGETS,
} from '@internal/plugin-insights-common';
import express, { ErrorRequestHandler } from 'express';
import Router from 'express-promise-router';
import { InsightsConfig } from '../config';
import { AdoptionService } from '../services/Adoption/AdoptionService';
import { BackfillService } from '../services/Backfill/types';
import { CohortService } from '../services/Cohorts/CohortService';
import { DoraService } from '../services/Dora/DoraService';
import { parseWindow } from '../services/Dora/parseWindow';
import { parseWebhook } from '../services/Github/parseWebhook';
import { GithubStore } from '../database/GithubStore';
import { SUPPORTED_EVENTS, SupportedEvent } from '../services/Github/types';
import { ScopeResolver } from '../services/Scope/ScopeResolver';
import { SurveyService } from '../services/Survey/SurveyService';
import { createOpenApiRouter } from '../schema/openapi/generated/router';
import { parseTimestamp, printable } from './validation';

/** How many closed quarters the survey's trend and comments cover when not asked. */
const SURVEY_QUARTERS_DEFAULT = 4;

/** The scheduler task of the GitHub backfill; `POST /backfill/run` triggers it. */
export const BACKFILL_TASK_ID = 'insights-github-backfill';

export type RouterOptions = {
  logger: LoggerService;
  discovery: Pick<DiscoveryService, 'getBaseUrl'>;
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
  /** Golden path against off-road, before against after; tests without it leave it out. */
  cohorts?: CohortService;
  scheduler: Pick<SchedulerService, 'triggerTask'>;
};

/** Largest webhook body accepted (GitHub caps payloads at 25 MB; ours at 5 MB). */
export const WEBHOOK_BODY_LIMIT = '5mb';

/** The only caller of `/github/deliveries`: the events backend's GitHub ingress. */
export const GITHUB_INGRESS_SUBJECT = 'plugin:events';

/** What a GitHub delivery carries that the portal's webhook reads. */
const RELAYED_HEADERS = [
  'content-type',
  'x-hub-signature-256',
  'x-github-event',
  'x-github-delivery',
  'x-github-hook-id',
  'x-github-hook-installation-target-id',
  'x-github-hook-installation-target-type',
  'user-agent',
];

/** A failure of the connection to PostgreSQL (not of the request): the caller may retry later. */
function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; name?: unknown };
  if (e?.name === 'KnexTimeoutError') return true;
  if (typeof e?.code !== 'string') return false;
  return (
    /^(08|57P)/.test(e.code) ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'].includes(
      e.code,
    )
  );
}

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

/** The window of a query, checked as the contract cannot: dates that exist, a bounded length. */
function windowOf(query: { from: string; to: string }) {
  return parseWindow(query.from, query.to);
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, userInfo, config, logger } = options;
  /**
   * The GitHub routes read their raw body themselves (up to 5 MB, hashed to recognise a
   * replay, form-encoded too), so they are served ahead of the contract's router, whose JSON
   * parser takes 64 KB; src/schema/openapi.yaml describes them all the same.
   */
  const router = Router();
  const api = await createOpenApiRouter();

  const authorize = async (
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ) => {
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`not allowed: ${permission.name}`);
    }
  };

  /** The caller's credentials, once the policy allows them to read insights. */
  // any: the typed router's requests carry the contract's query types, not ParsedQs
  const reader = async (req: express.Request<any, any, any, any>) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(credentials, insightsReadPermission);
    return credentials;
  };

  /**
   * Deliveries of the portal's one GitHub webhook, `POST /api/events/http/github`: the events
   * backend's ingress checks the signature and hands each delivery of an event type insights uses
   * to this route before it answers GitHub, so its 2xx means the delivery is stored here.
   */
  router.post(
    '/github/deliveries',
    express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT }),
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['service'],
      });
      if (credentials.principal.subject !== GITHUB_INGRESS_SUBJECT) {
        throw new NotAllowedError(
          'GitHub deliveries come from the events backend only',
        );
      }
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const eventType = req.header('x-github-event');
      const deliveryId = req.header('x-github-delivery');
      if (!eventType) throw new InputError('X-GitHub-Event: missing');
      if (!deliveryId) throw new InputError('X-GitHub-Delivery: missing');
      if (deliveryId.length > 200)
        throw new InputError('X-GitHub-Delivery: too long');
      if (!(SUPPORTED_EVENTS as readonly string[]).includes(eventType)) {
        throw new InputError(
          `X-GitHub-Event: unsupported event type '${printable(
            eventType,
          )}' (supported: ${SUPPORTED_EVENTS.join(', ')})`,
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
        bodySha256: createHash('sha256').update(raw).digest('hex'),
        size: raw.length,
      });
      res.status(result.status === 'stored' ? 202 : 200).json(result);
    },
  );

  /**
   * The webhook URL of earlier releases: relays the delivery, signature and all, to the portal's
   * one webhook, so an organisation that still points here is answered exactly as there.
   */
  router.post(
    '/github/webhook',
    express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT }),
    async (req, res) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const headers: Record<string, string> = {};
      for (const name of RELAYED_HEADERS) {
        const value = req.header(name);
        if (value !== undefined) headers[name] = value;
      }
      const relayed = await fetch(
        `${await options.discovery.getBaseUrl('events')}/http/github`,
        { method: 'POST', headers, body: raw },
      );
      res.status(relayed.status);
      const type = relayed.headers.get('content-type');
      if (type) res.type(type);
      res.send(Buffer.from(await relayed.arrayBuffer()));
    },
  );

  api.get('/dora', async (req, res) => {
    const credentials = await reader(req);
    const q = { ...req.query, ...windowOf(req.query) };
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

  api.get('/dora/windows', async (req, res) => {
    const credentials = await reader(req);
    const list = (value: string | string[] | undefined) =>
      value === undefined ? [] : ([] as string[]).concat(value);
    const asked = [
      ...list(req.query.window).map(w => ({ w, field: 'window', lead: true })),
      ...list(req.query.incidentWindow).map(w => ({
        w,
        field: 'incidentWindow',
        lead: false,
      })),
    ];
    if (asked.length === 0) {
      throw new InputError('window: at least one window or incidentWindow');
    }
    const windows = asked.map(({ w, field, lead }) => {
      const [fromText, toText] = w.split('/');
      try {
        return { ...parseWindow(fromText, toText), leadTimes: lead };
      } catch (e) {
        if (e instanceof InputError) {
          throw new InputError(`${field}: ${w}: ${e.message}`);
        }
        throw e;
      }
    });
    const scope = await options.scopes.resolve(req.query, credentials);
    const measured = await options.dora.measures({
      repositories: scope.repositories,
      windows,
    });
    res.json({
      scope: {
        entityRef: scope.entityRef,
        group: scope.group,
        repositories: scope.repositories.length,
      },
      windows: measured.map(m => ({
        ...m,
        from: m.from.toISOString(),
        to: m.to.toISOString(),
      })),
    });
  });

  api.get('/adoption', async (req, res) => {
    const credentials = await reader(req);
    const q = { ...req.query, ...windowOf(req.query) };
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

  const cohorts = () => {
    if (!options.cohorts) throw new NotFoundError('cohorts: not served');
    return options.cohorts;
  };

  api.get('/cohorts', async (req, res) => {
    const credentials = await reader(req);
    const q = { ...req.query, ...windowOf(req.query) };
    const scope = await options.scopes.resolve({ group: q.group }, credentials);
    res.json(
      await cohorts().compare({
        components: scope.components,
        group: scope.group,
        from: q.from,
        to: q.to,
      }),
    );
  });

  /** The team a platform admin sets a date for: a group of the catalog, named `team`. */
  const adoptionTeam = async (
    req: express.Request<any, any, any, any>,
    team: string,
  ) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await authorize(credentials, insightsAdoptionDateSetPermission);
    const scope = await options.scopes
      .resolve({ group: team }, credentials)
      .catch(e => {
        if (e instanceof InputError) {
          throw new InputError(e.message.replace(/^group:/, 'team:'));
        }
        throw e;
      });
    return { credentials, team: scope.group! };
  };

  api.put('/cohorts/adoption-date', async (req, res) => {
    const { credentials, team } = await adoptionTeam(req, req.body.team);
    res.json(
      await cohorts().setAdoptionDate({
        team,
        adoptedAt: parseTimestamp(req.body.adoptedAt, 'adoptedAt'),
        setBy: credentials.principal.userEntityRef,
      }),
    );
  });

  api.delete('/cohorts/adoption-date', async (req, res) => {
    const { team } = await adoptionTeam(req, req.query.team);
    res.json(await cohorts().clearAdoptionDate(team));
  });

  api.get('/definitions', async (req, res) => {
    await reader(req);
    res.json({
      thresholds: config.thresholds,
      productionEnvironmentPattern: config.productionPattern,
      incidentLabelPattern: config.incidentPattern,
      seedTargets: SEED_TARGETS,
      kpiTargets: KPI_TARGETS,
    });
  });

  /** The contract checked the form (2025-Q3); a quarter of year 0000 does not exist. */
  const quarterParam = (value: string | undefined): string => {
    if (value === undefined) return quarterOf(new Date());
    if (!quarterRange(value)) {
      throw new InputError(`quarter: '${value}' is not a quarter like 2025-Q3`);
    }
    return value;
  };

  api.get('/survey/mine', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    // One's own answer belongs to answering the survey, not to reading results.
    await authorize(credentials, insightsSurveyAnswerPermission);
    const quarter = quarterParam(req.query.quarter);
    res.json({
      quarter,
      answer: await options.survey.mine(
        credentials.principal.userEntityRef,
        quarter,
      ),
    });
  });

  api.get('/survey/results', async (req, res) => {
    const credentials = await reader(req);
    const quarter = quarterParam(req.query.quarter);
    let group: string | undefined;
    if (req.query.group !== undefined) {
      const scope = await options.scopes.resolve(
        { group: req.query.group },
        credentials,
      );
      group = scope.group;
    }
    res.json(await options.survey.results(quarter, group));
  });

  /** The last closed quarters' results, for the trend; same rule as the results. */
  api.get('/survey/trend', async (req, res) => {
    const credentials = await reader(req);
    let group: string | undefined;
    if (req.query.group !== undefined) {
      const scope = await options.scopes.resolve(
        { group: req.query.group },
        credentials,
      );
      group = scope.group;
    }
    res.json(
      await options.survey.trend(
        req.query.quarters ?? SURVEY_QUARTERS_DEFAULT,
        group,
      ),
    );
  });

  /** The comments reach the platform team, by quarter, under the scores' threshold. */
  api.get('/survey/comments', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await authorize(credentials, insightsSurveyCommentsReadPermission);
    res.json(
      await options.survey.comments(
        req.query.quarters ?? SURVEY_QUARTERS_DEFAULT,
      ),
    );
  });

  api.post('/survey', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await authorize(credentials, insightsSurveyAnswerPermission);
    const info = await userInfo.getUserInfo(credentials);
    const teams = info.ownershipEntityRefs.filter(ref =>
      ref.startsWith('group:'),
    );
    const stored = await options.survey.answer({
      userRef: credentials.principal.userEntityRef,
      teams,
      answer: req.body,
    });
    res.status(200).json(stored);
  });

  api.get('/backfill/status', async (req, res) => {
    await reader(req);
    res.json(await options.backfill.status());
  });

  api.post('/backfill/run', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await authorize(credentials, insightsBackfillRunPermission);
    // Through the scheduler: whichever replica holds the task runs it, never two at once.
    try {
      await options.scheduler.triggerTask(BACKFILL_TASK_ID);
    } catch (e) {
      if ((e as Error)?.name === NotFoundError.name) {
        throw new ConflictError(
          'backfill: not enabled (insights.backfill.enabled, and a token or GitHub App in the GitHub integration)',
        );
      }
      if ((e as Error)?.name === ConflictError.name) {
        throw new ConflictError('backfill: a run is in progress');
      }
      throw e;
    }
    res.status(202).json({ started: true });
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
    if (isDatabaseUnavailable(err)) {
      logger.warn('insights: database unavailable', {
        error: String(err?.message ?? err),
      });
      next(
        new ServiceUnavailableError(
          'database unavailable: nothing was changed, try again later',
        ),
      );
      return;
    }
    if (
      !(err instanceof InputError) &&
      !(err instanceof NotAllowedError) &&
      !(err instanceof ConflictError) &&
      !(err instanceof ServiceUnavailableError)
    ) {
      logger.error('insights request failed', {
        error: String(err?.message ?? err),
      });
    }
    next(err);
  };
  router.use(api);
  router.use(bodyErrors);
  return router;
}
