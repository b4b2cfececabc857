import {
  Colour,
  FactorId,
  colourForValue,
  factors,
  isNumericFactor,
} from './factors';
import {
  LevelId,
  LevelNumber,
  MaturityResult,
  levelNumberOf,
  scoreMaturity,
} from './maturity';
import { Recommendation, recommend } from './recommendations';
import { Trajectory, VerdictResult, decideVerdict } from './verdict';

/** Whether an answer was measured from the portal's data or declared by a person. */
export type AnswerSource = 'declared' | 'measured';

/** One factor's answer: a colour, or a number from which the colour follows. */
export type FactorAnswer =
  | Colour
  | {
      colour?: Colour;
      value?: number;
      source?: AnswerSource;
      /** Where a measured answer comes from, in words. */
      evidence?: string;
    };

export type ReadinessAnswers = Record<FactorId, FactorAnswer>;

export type ReadinessInput = {
  answers: ReadinessAnswers;
  trajectory?: Trajectory | null;
  /** Maturity answers per question id (1-4 or a level name). */
  maturity?: Record<string, LevelNumber | LevelId> | null;
  /** People working on the platform today. */
  platformTeamSize?: number | null;
};

export type ResolvedAnswer = {
  factor: FactorId;
  colour: Colour;
  /** The number given, if any. */
  value: number | null;
  source: AnswerSource;
  evidence: string | null;
};

export type ReadinessResult = {
  answers: ResolvedAnswer[];
  verdict: VerdictResult;
  maturity: MaturityResult | null;
  recommendations: Recommendation[];
};

/** The colour of one answer: a number decides for the factors that take one. */
export function resolveAnswer(
  factor: FactorId,
  answer: FactorAnswer,
): ResolvedAnswer {
  if (typeof answer === 'string') {
    return {
      factor,
      colour: answer,
      value: null,
      source: 'declared',
      evidence: null,
    };
  }
  let colour = answer.colour;
  const value = answer.value ?? null;
  if (value !== null) {
    if (!isNumericFactor(factor)) {
      throw new Error(`Factor '${factor}' does not take a number`);
    }
    colour = colourForValue(factor, value);
  }
  if (!colour)
    throw new Error(`Factor '${factor}' has neither a colour nor a number`);
  return {
    factor,
    colour,
    value,
    source: answer.source ?? 'declared',
    evidence: answer.evidence ?? null,
  };
}

/** The whole assessment: answers → verdict, maturity and recommendations. */
export function evaluateReadiness(input: ReadinessInput): ReadinessResult {
  const answers = factors.map(f => resolveAnswer(f.id, input.answers[f.id]));
  const colourOf = Object.fromEntries(
    answers.map(a => [a.factor, a.colour]),
  ) as Record<FactorId, Colour>;
  const verdict = decideVerdict(
    answers.map(a => a.colour),
    input.trajectory ?? null,
  );
  const maturity = input.maturity
    ? scoreMaturity(
        Object.fromEntries(
          Object.entries(input.maturity).map(([q, l]) => [q, levelNumberOf(l)]),
        ),
      )
    : null;
  const recommendations = recommend({
    colours: colourOf,
    verdict,
    maturityLevel: maturity?.overallLevel ?? null,
    platformTeamSize: input.platformTeamSize ?? null,
  });
  return { answers, verdict, maturity, recommendations };
}
