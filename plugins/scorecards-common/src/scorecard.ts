import { appliesTo, EntityFacets } from './appliesTo';
import { levelOf, LevelStanding } from './levels';
import { evaluateRule } from './rules';
import { applyWaiver } from './waivers';
import { CheckDefinition, CheckResult, FactValue, Waiver } from './types';

export type ScorecardEvaluation = LevelStanding & {
  results: (CheckResult & { level: string })[];
};

/**
 * An entity's scorecard: the checks that apply to it, each evaluated against its fact, with the
 * waivers in force applied, and the level those results reach.
 */
export function evaluateScorecard(options: {
  entity: EntityFacets;
  checks: readonly CheckDefinition[];
  levels: readonly string[];
  facts: ReadonlyMap<string, FactValue>;
  /** Waivers of this entity, by check id. */
  waivers: ReadonlyMap<string, Pick<Waiver, 'status' | 'expiresAt'>>;
  now: Date;
}): ScorecardEvaluation {
  const results = options.checks
    .filter(check => appliesTo(check.appliesTo, options.entity))
    .map(check => {
      const result = evaluateRule(check, options.facts.get(check.rule.fact));
      const status = applyWaiver(
        result.status,
        options.waivers.get(check.id),
        options.now,
      );
      return {
        ...result,
        status,
        message:
          status === 'waived' ? `${result.message} (waived)` : result.message,
        level: check.level,
      };
    });
  return { ...levelOf(options.levels, results), results };
}
