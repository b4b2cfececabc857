import { Colour, colours } from './factors';
import { seedSections, SourceRef } from './seeds';

/**
 * The verdict of the readiness table: `now` (mostly green), `plan` (mostly yellow), `wait`
 * (mostly red) or `mixed`.
 */
export type Verdict = 'now' | 'plan' | 'wait' | 'mixed';

export const verdicts: readonly Verdict[] = ['now', 'plan', 'wait', 'mixed'];

/**
 * The answer to the seed's question for mixed results: `growing` ("hiring fast and adding
 * infrastructure complexity") or `steady` ("growth is steady and your stack is stable").
 */
export type Trajectory = 'growing' | 'steady';

export const trajectories: readonly Trajectory[] = ['growing', 'steady'];

/** What the advice for mixed results becomes once the trajectory is known. */
export type MixedAdvice = 'askTrajectory' | 'startSooner' | 'canWait';

export type ColourCounts = Record<Colour, number>;

/**
 * "Mostly" a colour: chosen for at least 4 of the 7 factors, a strict majority, so at most one
 * colour can reach it.
 */
export const MOSTLY_AT_LEAST = 4;

export type VerdictResult = {
  verdict: Verdict;
  headline: string;
  /** The seed's interpretation of the result, word for word. */
  interpretation: string;
  counts: ColourCounts;
  /** The colour reaching {@link MOSTLY_AT_LEAST}, if any. */
  mostly: Colour | null;
  trajectory: Trajectory | null;
  mixedAdvice: MixedAdvice | null;
  source: SourceRef;
};

export function countColours(answers: readonly Colour[]): ColourCounts {
  const counts: ColourCounts = { green: 0, yellow: 0, red: 0 };
  for (const colour of answers) counts[colour] += 1;
  return counts;
}

/** The colour chosen for at least four factors, or null when results are mixed. */
export function mostlyColour(counts: ColourCounts): Colour | null {
  return colours.find(c => counts[c] >= MOSTLY_AT_LEAST) ?? null;
}

const interpretations: Record<Verdict, { headline: string; text: string }> = {
  now: {
    headline: 'You need platform engineering now',
    text: 'Mostly green: You need platform engineering now. Infrastructure complexity eats your developers’ time every day. An internal platform team will pay for itself quickly through faster deployments and happier developers.',
  },
  plan: {
    headline: 'Start planning',
    text: 'Mostly yellow: Start planning. You’re getting close to the point where platform engineering makes sense. Standardize your developer workflows, create some basic self-service platforms, or hire your first platform engineer to explore what you need.',
  },
  wait: {
    headline: 'Wait; revisit in six months',
    text: 'Mostly red: Wait. Your team isn’t large enough or complex enough to justify the investment. Focus on good DevOps practices, document your processes, and revisit this assessment in six months. Premature platform engineering creates overhead without benefits.',
  },
  mixed: {
    headline: 'Mixed results: think about where you’re headed',
    text: 'Mixed results: Think about where you’re headed. If you’re hiring fast and adding infrastructure complexity, start sooner. If growth is steady and your stack is stable, you can wait. The key question is whether your current approach will break in the next 6-12 months.',
  },
};

const verdictOfColour: Record<Colour, Verdict> = {
  green: 'now',
  yellow: 'plan',
  red: 'wait',
};

const mixedHeadlines: Record<MixedAdvice, string> = {
  askTrajectory: 'Mixed results: think about where you’re headed',
  startSooner: 'Mixed results, growing fast: start sooner',
  canWait: 'Mixed results, steady growth: you can wait',
};

/**
 * The verdict from the colours of the seven factors, following the seed's interpretation;
 * for mixed results the trajectory, when given, turns the question into advice.
 */
export function decideVerdict(
  answers: readonly Colour[],
  trajectory?: Trajectory | null,
): VerdictResult {
  const counts = countColours(answers);
  const mostly = mostlyColour(counts);
  const verdict: Verdict = mostly ? verdictOfColour[mostly] : 'mixed';
  const entry = interpretations[verdict];
  let mixedAdvice: MixedAdvice | null = null;
  if (verdict === 'mixed') {
    if (trajectory === 'growing') mixedAdvice = 'startSooner';
    else if (trajectory === 'steady') mixedAdvice = 'canWait';
    else mixedAdvice = 'askTrajectory';
  }
  return {
    verdict,
    headline: mixedAdvice ? mixedHeadlines[mixedAdvice] : entry.headline,
    interpretation: entry.text,
    counts,
    mostly,
    trajectory: trajectory ?? null,
    mixedAdvice,
    source: {
      document: 'guide',
      section: seedSections.guide.whenToAdopt,
      quote: entry.text,
    },
  };
}

/** The headline of a stored verdict, for lists and exports. */
export function verdictHeadline(
  verdict: Verdict,
  trajectory?: Trajectory | null,
): string {
  if (verdict !== 'mixed') return interpretations[verdict].headline;
  if (trajectory === 'growing') return mixedHeadlines.startSooner;
  if (trajectory === 'steady') return mixedHeadlines.canWait;
  return mixedHeadlines.askTrajectory;
}
