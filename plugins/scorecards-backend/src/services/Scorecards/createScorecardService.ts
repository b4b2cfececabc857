import { LoggerService, UserInfoService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  CheckDefinition,
  CheckInfo,
  describeRequirement,
  evaluateScorecard,
  FactValue,
  isWaiverInForce,
  NO_LEVEL,
  validateWaiverRequest,
  Waiver,
  appliesTo,
  goldenPathAdoption,
  quarterLabel,
  quartersStart,
} from '@internal/plugin-scorecards-common';
import { randomUUID } from 'crypto';
import {
  EntityEvaluation,
  EntityRecord,
  ScorecardStore,
} from '../../database/ScorecardStore';
import { GithubFactRetriever } from '../Facts/createGithubRetriever';
import { CatalogFactRetriever, FactRetriever } from '../Facts/types';
import { ScorecardService } from './types';

/** How far back the histories and trends go. */
const HISTORY_DAYS = 90;
const DAY_MS = 24 * 3600 * 1000;
/** How many quarters the team page's trend shows, the running one included. */
const TEAM_QUARTERS = 4;
/** Granted waivers read per evaluation; more than any organisation should need. */
const WAIVER_LIMIT = 100_000;
/** Rows of daily GitHub request totals answered at most. */
const GITHUB_REQUEST_ROWS = 10_000;
/** Up to this many entities, an evaluation reads their own facts and waivers, not everyone's. */
const FEW_ENTITIES = 50;

/** `component:default/checkout-service`, lower-cased, from any spelling the catalog accepts. */
export function normaliseEntityRef(ref: string, defaultKind?: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref.trim(), { defaultKind, defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');
  } catch {
    throw new InputError(
      `entityRef: ${JSON.stringify(ref)} is not an entity ref`,
    );
  }
}

function checkInfo(check: CheckDefinition): CheckInfo {
  return {
    id: check.id,
    title: check.title,
    why: check.why,
    docs: check.docs,
    level: check.level,
    fact: check.rule.fact,
    requirement: describeRequirement(check.rule),
  };
}

function facets(entity: EntityRecord) {
  return {
    kind: entity.kind,
    type: entity.type ?? undefined,
    lifecycle: entity.lifecycle ?? undefined,
    tags: entity.tags,
  };
}

function latestWaiverPerCheck(
  waivers: Waiver[],
  now: Date,
): Map<string, Waiver> {
  const result = new Map<string, Waiver>();
  for (const waiver of waivers) {
    const current = result.get(waiver.checkId);
    // a waiver in force wins over any other; then the newest request
    if (
      !current ||
      (isWaiverInForce(waiver, now) && !isWaiverInForce(current, now))
    ) {
      result.set(waiver.checkId, waiver);
    }
  }
  return result;
}

export function createScorecardService(options: {
  store: ScorecardStore;
  checks: CheckDefinition[];
  levels: string[];
  catalogRetriever: CatalogFactRetriever;
  retrievers: FactRetriever[];
  /** The GitHub retriever (also in `retrievers`), for webhook-driven collection. */
  githubRetriever?: GithubFactRetriever;
  userInfo: UserInfoService;
  logger: LoggerService;
  now?: () => Date;
}): ScorecardService {
  const { store, levels, logger } = options;
  // A check whose fact no retriever collects would hold every service back: it is left out
  // (and said so at start) until its retriever runs.
  const collected = new Set<string>([
    ...options.catalogRetriever.facts,
    ...options.retrievers.flatMap(r => r.facts),
  ]);
  const checks = options.checks.filter(check => collected.has(check.rule.fact));
  const inactive = options.checks.filter(check => !checks.includes(check));
  if (inactive.length > 0) {
    logger.warn(
      'Scorecard checks left out: no retriever collects their facts',
      {
        checks: inactive.map(check => check.id).join(', '),
      },
    );
  }
  const now = options.now ?? (() => new Date());
  const checksById = new Map(checks.map(check => [check.id, check]));
  const fromDay = () =>
    new Date(now().getTime() - HISTORY_DAYS * DAY_MS)
      .toISOString()
      .slice(0, 10);

  function evaluate(
    entity: EntityRecord,
    facts: Map<string, FactValue>,
    waivers: Waiver[],
    at: Date,
  ) {
    return evaluateScorecard({
      entity: facets(entity),
      checks,
      levels,
      facts,
      waivers: latestWaiverPerCheck(waivers, at),
      now: at,
    });
  }

  async function evaluateEntities(entities: EntityRecord[]) {
    const at = now();
    const few = entities.length <= FEW_ENTITIES;
    const facts = few
      ? (
          await Promise.all(entities.map(e => store.listFacts(e.entityRef)))
        ).flat()
      : await store.listFacts();
    const granted = few
      ? (
          await Promise.all(
            entities.map(e =>
              store.listWaivers({
                entityRef: e.entityRef,
                status: 'granted',
                limit: 500,
              }),
            ),
          )
        ).flat()
      : await store.listWaivers({
          status: 'granted',
          limit: WAIVER_LIMIT,
        });
    const factsByEntity = new Map<string, Map<string, FactValue>>();
    for (const fact of facts) {
      const map = factsByEntity.get(fact.entityRef) ?? new Map();
      map.set(fact.factId, fact.value);
      factsByEntity.set(fact.entityRef, map);
    }
    const waiversByEntity = new Map<string, Waiver[]>();
    for (const waiver of granted) {
      waiversByEntity.set(waiver.entityRef, [
        ...(waiversByEntity.get(waiver.entityRef) ?? []),
        waiver,
      ]);
    }
    const evaluations: EntityEvaluation[] = entities.map(entity => {
      const result = evaluate(
        entity,
        factsByEntity.get(entity.entityRef) ?? new Map(),
        waiversByEntity.get(entity.entityRef) ?? [],
        at,
      );
      return {
        entityRef: entity.entityRef,
        ownerRef: entity.ownerRef,
        level: result.level,
        results: result.results.map(r => ({
          entityRef: entity.entityRef,
          checkId: r.checkId,
          level: r.level,
          status: r.status,
          value: r.value,
          message: r.message,
        })),
      };
    });
    await store.saveEvaluations(evaluations, at);
    return evaluations.length;
  }

  const service: ScorecardService = {
    listChecks() {
      return { levels, checks: checks.map(checkInfo) };
    },

    async refresh(signal) {
      const started = Date.now();
      const { entities, facts } = await options.catalogRetriever.collect(
        signal,
      );
      await store.replaceEntities(entities, now());
      await store.writeFacts(facts);
      for (const retriever of options.retrievers) {
        if (signal?.aborted) return;
        try {
          await store.writeFacts(await retriever.collect(entities, signal));
        } catch (error) {
          logger.error('Scorecards fact retriever failed', {
            source: retriever.source,
            error: String(error),
          });
        }
      }
      const evaluated = await evaluateEntities(entities);
      logger.info('Scorecards evaluated', {
        entities: evaluated,
        checks: checks.length,
        ms: Date.now() - started,
      });
    },

    async collectRepository(repository) {
      const retriever = options.githubRetriever;
      if (!retriever) return 0;
      const entities = await store.entitiesOfRepository(repository.fullName);
      if (entities.length === 0) return 0;
      const facts = await retriever.collectRepository(repository, entities);
      if (facts.length === 0) return 0; // unreadable: the earlier facts stand
      await store.writeFacts(facts);
      const evaluated = await evaluateEntities(entities);
      logger.info('Scorecards re-collected a changed GitHub repository', {
        repository: repository.fullName,
        entities: evaluated,
      });
      return evaluated;
    },

    async githubRequests(days) {
      const from = new Date(now().getTime() - (days - 1) * DAY_MS)
        .toISOString()
        .slice(0, 10);
      return store.githubRequests(from, GITHUB_REQUEST_ROWS);
    },

    async evaluateAll() {
      await evaluateEntities(await store.listEntities());
    },

    async entityScorecard(ref) {
      const entityRef = normaliseEntityRef(ref, 'component');
      const entity = await store.getEntity(entityRef);
      if (!entity) {
        throw new NotFoundError(
          `${entityRef} has no scorecard yet (it is scored after the catalog retriever has seen it)`,
        );
      }
      const at = now();
      const facts = await store.listFacts(entityRef);
      const waivers = await store.listWaivers({ entityRef, limit: 500 });
      const byCheck = latestWaiverPerCheck(waivers, at);
      const result = evaluate(
        entity,
        new Map(facts.map(f => [f.factId, f.value])),
        waivers.filter(w => w.status === 'granted'),
        at,
      );
      const collectedAt = new Map(facts.map(f => [f.factId, f.collectedAt]));
      return {
        entityRef,
        title: entity.title,
        ownerRef: entity.ownerRef,
        levels,
        level: result.level,
        nextLevel: result.nextLevel,
        blocking: result.blocking,
        results: result.results.map(r => {
          const check = checksById.get(r.checkId)!;
          return {
            check: checkInfo(check),
            status: r.status,
            value: r.value,
            message: r.message,
            collectedAt: collectedAt.get(check.rule.fact) ?? null,
            waiver: byCheck.get(r.checkId) ?? null,
          };
        }),
        history: await store.entityLevelHistory(entityRef, fromDay()),
      };
    },

    async summary(owner) {
      const ownerRef = owner ? normaliseEntityRef(owner, 'group') : undefined;
      const [
        distribution,
        passRates,
        trend,
        goldenPathCounts,
        goldenPathTeams,
      ] = await Promise.all([
        store.levelDistribution(ownerRef),
        store.checkPassRates(ownerRef),
        store.levelTrend(fromDay(), ownerRef),
        store.goldenPathCounts(ownerRef),
        store.goldenPathCountsByTeam(ownerRef),
      ]);
      const byTeam = new Map<string | null, Record<string, number>>();
      for (const row of distribution) {
        const counts = byTeam.get(row.ownerRef) ?? {};
        counts[row.level ?? NO_LEVEL] = row.entities;
        byTeam.set(row.ownerRef, counts);
      }
      const byDay = new Map<string, Record<string, number>>();
      for (const row of trend) {
        const counts = byDay.get(row.day) ?? {};
        counts[row.level ?? NO_LEVEL] = row.entities;
        byDay.set(row.day, counts);
      }
      return {
        ownerRef: ownerRef ?? null,
        levels,
        entities: distribution.reduce((sum, row) => sum + row.entities, 0),
        byTeam: [...byTeam].map(([team, counts]) => ({
          ownerRef: team,
          counts,
        })),
        checks: passRates
          .filter(rate => checksById.has(rate.checkId))
          .map(rate => ({
            ...rate,
            title: checksById.get(rate.checkId)!.title,
            level: checksById.get(rate.checkId)!.level,
          })),
        trend: [...byDay].map(([day, counts]) => ({ day, counts })),
        goldenPaths: goldenPathAdoption(goldenPathCounts),
        goldenPathsByTeam: goldenPathTeams.map(
          ({ ownerRef: team, ...counts }) => ({
            ownerRef: team,
            ...goldenPathAdoption(counts),
          }),
        ),
      };
    },

    async team(owner) {
      const ownerRef = normaliseEntityRef(owner, 'group');
      const [services, holdingBack, quarterly] = await Promise.all([
        store.teamServices(ownerRef),
        store.checksHoldingBack(ownerRef, levels),
        store.quarterlyLevels(ownerRef, quartersStart(now(), TEAM_QUARTERS)),
      ]);
      const rank = (level: string | null) =>
        level === null ? -1 : levels.indexOf(level);
      const counts: Record<string, number> = {};
      for (const entity of services) {
        const key = entity.level ?? NO_LEVEL;
        counts[key] = (counts[key] ?? 0) + 1;
      }
      const quarters = new Map<
        string,
        { quarter: string; day: string; counts: Record<string, number> }
      >();
      for (const row of quarterly) {
        const point = quarters.get(row.quarterStart) ?? {
          quarter: quarterLabel(row.quarterStart),
          day: row.day,
          counts: {},
        };
        point.counts[row.level ?? NO_LEVEL] = row.entities;
        quarters.set(row.quarterStart, point);
      }
      return {
        ownerRef,
        levels,
        counts,
        services: services
          .map(e => ({
            entityRef: e.entityRef,
            title: e.title,
            level: e.level,
          }))
          .sort(
            (a, b) =>
              rank(b.level) - rank(a.level) ||
              a.title.localeCompare(b.title, 'en') ||
              a.entityRef.localeCompare(b.entityRef, 'en'),
          ),
        holdingBack: holdingBack
          .filter(row => checksById.has(row.checkId))
          .map(row => ({
            checkId: row.checkId,
            title: checksById.get(row.checkId)!.title,
            level: checksById.get(row.checkId)!.level,
            services: row.entities,
          })),
        quarters: [...quarters.values()],
      };
    },

    async listWaivers(filter) {
      return store.listWaivers({
        ...filter,
        entityRef: filter.entityRef
          ? normaliseEntityRef(filter.entityRef, 'component')
          : undefined,
      });
    },

    async requestWaiver(request, caller) {
      const entityRef = normaliseEntityRef(request.entityRef, 'component');
      const check = checksById.get(request.checkId);
      if (!check) throw new InputError(`checkId: no check ${request.checkId}`);
      const entity = await store.getEntity(entityRef);
      if (!entity) throw new NotFoundError(`${entityRef} has no scorecard`);
      if (!appliesTo(check.appliesTo, facets(entity))) {
        throw new InputError(
          `checkId: ${check.id} does not apply to ${entityRef}`,
        );
      }
      const at = now();
      const { reason, expiresAt } = validateWaiverRequest(request, at);
      const user = caller.credentials.principal as { userEntityRef?: string };
      const requestedBy = user.userEntityRef ?? 'unknown';
      if (!caller.mayDecide) {
        const { ownershipEntityRefs } = await options.userInfo.getUserInfo(
          caller.credentials,
        );
        const owns = ownershipEntityRefs.map(ref =>
          ref.toLocaleLowerCase('en-US'),
        );
        if (!entity.ownerRef || !owns.includes(entity.ownerRef)) {
          throw new NotAllowedError(
            `scorecards.waiver.request: only members of ${
              entity.ownerRef ?? 'the owning team'
            } (and platform admins) may request a waiver for ${entityRef}`,
          );
        }
      }
      const waiver: Waiver = {
        id: randomUUID(),
        entityRef,
        checkId: check.id,
        reason,
        expiresAt,
        status: 'requested',
        requestedBy,
        requestedAt: at.toISOString(),
        decidedBy: null,
        decidedAt: null,
      };
      await store.insertWaiver(waiver);
      logger.info('Scorecard waiver requested', {
        waiverId: waiver.id,
        entityRef,
        checkId: check.id,
        requestedBy,
      });
      return waiver;
    },

    async decideWaiver({ id, decision, comment, actor }) {
      const existing = await store.getWaiver(id);
      if (!existing) throw new NotFoundError(`No waiver ${id}`);
      const decided = await store.decideWaiver({
        id,
        status: decision === 'grant' ? 'granted' : 'rejected',
        actor,
        at: now(),
        detail: comment,
      });
      if (!decided)
        throw new ConflictError(`Waiver ${id} was already ${existing.status}`);
      logger.info('Scorecard waiver decided', {
        waiverId: id,
        status: decided.status,
        actor,
      });
      // the entity's stored result and level follow at once, not at the next collection
      const entity = await store.getEntity(decided.entityRef);
      if (entity) await evaluateEntities([entity]);
      return decided;
    },
  };
  return service;
}
