import { randomUUID } from 'crypto';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AnswerSource,
  AspectId,
  AssessmentSnapshot,
  Colour,
  Evidence,
  FactorId,
  LevelNumber,
  SavedAssessment,
  aspectOfQuestion,
  compareAssessments,
  daysBetween,
  evaluateReadiness,
  factors,
  isStale,
  levelNumberOf,
  toCsv,
  toMarkdown,
} from '@internal/plugin-readiness-common';
import {
  AssessmentRecord,
  AssessmentStore,
} from '../../database/AssessmentStore';
import { CatalogEvidenceService } from '../CatalogEvidence/types';
import { DeliveryEvidenceService } from '../DeliveryEvidence/types';
import { ScorecardEvidenceService } from '../ScorecardEvidence/types';
import { parseGroupRef } from '../CatalogEvidence/createCatalogEvidence';
import { ReadinessService } from './types';

function toSaved(record: AssessmentRecord): SavedAssessment {
  const maturityAnswers =
    record.maturityAnswers.length > 0
      ? Object.fromEntries(
          record.maturityAnswers.map(m => [m.questionId, m.level]),
        )
      : null;
  const answers = Object.fromEntries(
    record.answers.map(a => [
      a.factor,
      {
        colour: a.colour,
        ...(a.value === null ? {} : { value: a.value }),
        source: a.source,
        ...(a.evidence === null ? {} : { evidence: a.evidence }),
      },
    ]),
  ) as Record<
    FactorId,
    { colour: Colour; value?: number; source: AnswerSource }
  >;
  const result = evaluateReadiness({
    answers,
    trajectory: record.trajectory,
    maturity: maturityAnswers,
    platformTeamSize: record.platformTeamSize,
  });
  return {
    id: record.id,
    groupRef: record.groupRef,
    groupTitle: record.groupTitle,
    scope: record.scope,
    assessedAt: record.assessedAt,
    author: record.author,
    note: record.note,
    trajectory: record.trajectory,
    platformTeamSize: record.platformTeamSize,
    maturityAnswers,
    result,
  };
}

function snapshotOf(saved: SavedAssessment): AssessmentSnapshot {
  return {
    id: saved.id,
    assessedAt: saved.assessedAt,
    verdict: saved.result.verdict.verdict,
    trajectory: saved.trajectory,
    colours: Object.fromEntries(
      saved.result.answers.map(a => [a.factor, a.colour]),
    ) as Record<FactorId, Colour>,
    aspectScores: saved.result.maturity
      ? (Object.fromEntries(
          saved.result.maturity.aspects.map(a => [a.aspect, a.score]),
        ) as Record<AspectId, number>)
      : null,
  };
}

/**
 * Checks that every answer claimed as measured matches what the portal proposes now, and
 * takes the evidence text from the portal rather than from the request.
 */
function checkMeasured(
  answers: SaveAnswers,
  evidence: FactorEvidence,
): Map<FactorId, string> {
  const evidenceOf = new Map<FactorId, string>();
  for (const factor of factors) {
    const answer = answers[factor.id];
    if (typeof answer === 'string' || answer.source !== 'measured') continue;
    const field = `answers.${factor.id}.source`;
    const proposal = evidence.proposals.find(p => p.factor === factor.id);
    if (!proposal || !proposal.available) {
      throw new InputError(
        `${field}: the portal has no measurement for ${factor.label}; declare this answer`,
      );
    }
    const matches =
      answer.value !== undefined
        ? proposal.value === answer.value
        : proposal.colour === answer.colour;
    if (!matches) {
      throw new InputError(
        `${field}: measured, but the portal gives ${
          proposal.value ?? proposal.colour
        } (${proposal.source}); declare the answer to override it`,
      );
    }
    evidenceOf.set(factor.id, proposal.source);
  }
  return evidenceOf;
}

type SaveAnswers = Parameters<ReadinessService['save']>[0]['answers'];

/** The proposals for the seven factors, the ones a saved answer can be measured by. */
type FactorEvidence = Omit<Evidence, 'maturityProposals'>;

export function createReadinessService(options: {
  store: AssessmentStore;
  catalog: CatalogService;
  evidence: CatalogEvidenceService;
  delivery: DeliveryEvidenceService;
  scorecards: ScorecardEvidenceService;
}): ReadinessService {
  const { store, catalog, evidence, delivery, scorecards } = options;

  /** The catalog's proposals, then those of the delivery metrics. */
  async function gather(
    groupRefs: string[],
    context: { credentials: BackstageCredentials; field: string },
  ): Promise<FactorEvidence & { organisation: boolean }> {
    const { organisation, ...fromCatalog } = await evidence.collect(
      groupRefs,
      context,
    );
    const fromDelivery = await delivery.propose({
      groupRefs: fromCatalog.groupRefs,
      organisation,
    });
    return {
      ...fromCatalog,
      organisation,
      proposals: [...fromCatalog.proposals, ...fromDelivery],
    };
  }

  async function load(id: string): Promise<SavedAssessment> {
    const record = await store.get(id);
    if (!record) throw new NotFoundError(`No readiness assessment '${id}'`);
    return toSaved(record);
  }

  return {
    evaluate(request) {
      return evaluateReadiness(request);
    },

    async evidence(groupRefs, { credentials }) {
      const { organisation, ...factorEvidence } = await gather(groupRefs, {
        credentials,
        field: 'group',
      });
      const maturityProposals = await scorecards.propose({
        groupRefs: factorEvidence.groupRefs,
        organisation,
        credentials,
      });
      return { ...factorEvidence, maturityProposals };
    },

    async save(request, { credentials, userEntityRef }) {
      const groupRef = parseGroupRef(request.groupRef, 'groupRef');
      const group = await catalog.getEntityByRef(groupRef, { credentials });
      if (!group || group.kind.toLocaleLowerCase('en-US') !== 'group') {
        throw new InputError(`groupRef: no catalog Group '${groupRef}'`);
      }
      const claimsMeasured = factors.some(f => {
        const a = request.answers[f.id];
        return typeof a !== 'string' && a.source === 'measured';
      });
      const evidenceOf = claimsMeasured
        ? checkMeasured(
            request.answers,
            await gather([groupRef], { credentials, field: 'groupRef' }),
          )
        : new Map<FactorId, string>();

      const result = evaluateReadiness(request);
      const id = randomUUID();
      const spec = (group.spec ?? {}) as {
        type?: string;
        profile?: { displayName?: string };
      };
      await store.insert({
        id,
        groupRef,
        groupTitle:
          group.metadata.title ??
          spec.profile?.displayName ??
          group.metadata.name,
        scope: spec.type === 'organization' ? 'organisation' : 'team',
        author: userEntityRef,
        verdict: result.verdict.verdict,
        trajectory: request.trajectory ?? null,
        platformTeamSize: request.platformTeamSize ?? null,
        note: request.note ?? null,
        answers: result.answers.map(a => ({
          factor: a.factor,
          colour: a.colour,
          value: a.value,
          source: a.source,
          evidence:
            a.source === 'measured' ? evidenceOf.get(a.factor) ?? null : null,
        })),
        maturityAnswers: request.maturity
          ? Object.entries(request.maturity).map(([questionId, level]) => ({
              questionId,
              aspect: aspectOfQuestion(questionId)!,
              level: levelNumberOf(level as LevelNumber),
            }))
          : [],
      });
      return load(id);
    },

    get: load,

    async list({ groupRef, limit }) {
      return store.list({
        groupRef: groupRef ? parseGroupRef(groupRef, 'group') : undefined,
        order: 'desc',
        limit,
      });
    },

    async history(groupRef, now) {
      const ref = parseGroupRef(groupRef, 'group');
      const assessments = await store.list({
        groupRef: ref,
        order: 'asc',
        limit: 1000,
      });
      const last =
        assessments.length > 0 ? assessments[assessments.length - 1] : null;
      const lastDate = last ? new Date(last.assessedAt) : null;
      return {
        groupRef: ref,
        assessments,
        lastAssessedAt: last?.assessedAt ?? null,
        daysSinceLast: lastDate ? daysBetween(lastDate, now) : null,
        stale: isStale(lastDate, now),
      };
    },

    async latestPerGroup(limit) {
      return store.latestPerGroup(limit);
    },

    async compare(a, b) {
      const [x, y] = [await load(a), await load(b)];
      return compareAssessments(snapshotOf(x), snapshotOf(y));
    },

    async export(id, format) {
      const saved = await load(id);
      const header = {
        groupRef: saved.groupRef,
        groupTitle: saved.groupTitle,
        assessedAt: saved.assessedAt,
        author: saved.author,
        note: saved.note,
      };
      const base = `readiness-${saved.groupRef.replace(
        /[^a-z0-9-]+/gi,
        '-',
      )}-${saved.assessedAt.slice(0, 10)}`;
      if (format === 'csv') {
        return {
          filename: `${base}.csv`,
          contentType: 'text/csv; charset=utf-8',
          body: toCsv(header, saved.result),
        };
      }
      return {
        filename: `${base}.md`,
        contentType: 'text/markdown; charset=utf-8',
        body: toMarkdown(header, saved.result),
      };
    },

    async delete(id) {
      if (!(await store.delete(id))) {
        throw new NotFoundError(`No readiness assessment '${id}'`);
      }
    },
  };
}
