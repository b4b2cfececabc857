import { LevelNumber, aspects, levels } from './maturity';

/**
 * Maturity answers proposed from the scorecards' golden path figures. Two questions of the
 * maturity model ask what those figures measure:
 *
 * - `adoption.newServices` ("How are new services started?"): level 3 is "From a golden-path
 *   template that most new services use". The figure: the share of services made from a golden
 *   path.
 * - `operations.upgrades` ("How are tools and templates upgraded?"): level 3 is "Planned and
 *   announced, with versioned templates". The figure: of the services made from a golden path,
 *   the share on their template's latest version.
 *
 * The rule (docs/decisions/maturity-from-scorecards.md): more than half → level 3; otherwise
 * no proposal. The figures cannot tell level 1 from level 2 (a checklist from copying by hand,
 * the platform team's own schedule from "when something breaks"), nor show level 4 (teams
 * publishing templates, upgrades rolled out automatically): those stay the person's answer.
 * The types hold only what the rule needs, so this package stays free of the scorecards.
 */

/** The golden path figures of the scorecards' summary, for a team or the organisation. */
export type ScorecardFigures = {
  /** The team whose services were counted, or null for the whole organisation. */
  ownerRef: string | null;
  /** Component services with a collected `goldenPath.createdFromTemplate` fact. */
  services: number;
  /** Of them, made from a golden path. */
  fromGoldenPath: number;
  /** Of those, on their template's latest version. */
  onLatestVersion: number;
  /** When the figures were read from the scorecards, ISO timestamp. */
  readAt: string;
  /** The last day the scorecards evaluated these services (YYYY-MM-DD), null if never. */
  lastEvaluatedDay: string | null;
};

/** The maturity questions the scorecards' figures speak to, in the questionnaire's order. */
export const scorecardQuestionIds = [
  'adoption.newServices',
  'operations.upgrades',
] as const;

export type ScorecardQuestionId = (typeof scorecardQuestionIds)[number];

/** The level the figures can show, and the share above which they show it. */
export const SCORECARD_PROPOSED_LEVEL: LevelNumber = 3;

/** The figure each question reads, named as the scorecards' leaders' page names it. */
export const scorecardFigureOf: Readonly<Record<ScorecardQuestionId, string>> =
  {
    'adoption.newServices':
      'Golden path adoption: services made from a golden path',
    'operations.upgrades':
      "Golden path adoption: services on their template's latest version",
  };

/** A proposed answer for one maturity question, with the figure it comes from. */
export type MaturityProposal = {
  question: ScorecardQuestionId;
  /** False when the figures propose nothing; `source` then says why. */
  available: boolean;
  level: LevelNumber | null;
  /** The scorecards' figure the proposal reads. */
  figure: string;
  /** The figure's value, between 0 and 1; null when it has no whole to divide by. */
  share: number | null;
  /** When the figure was read, ISO timestamp; null when the scorecards gave no figures. */
  measuredAt: string | null;
  /** What was read and the rule applied, or why there is no proposal, in words. */
  source: string;
};

/** No proposal for any of the questions, and why (the scorecards could not be read). */
export function unavailableMaturityProposals(
  reason: string,
): MaturityProposal[] {
  return scorecardQuestionIds.map(question => ({
    question,
    available: false,
    level: null,
    figure: scorecardFigureOf[question],
    share: null,
    measuredAt: null,
    source: reason,
  }));
}

/** More than half, in whole numbers: no rounding decides a boundary. */
function isMostOf(part: number, whole: number): boolean {
  return part * 2 > whole;
}

/** 12 of 15 → "80.0%"; one decimal, half up. */
function percent(part: number, whole: number): string {
  return `${(Math.round((part * 1000) / whole) / 10).toFixed(1)}%`;
}

function optionOf(question: ScorecardQuestionId, level: LevelNumber): string {
  const q = aspects
    .flatMap(a => a.questions)
    .find(candidate => candidate.id === question)!;
  return `${levels[level - 1].label} (“${q.options[level - 1]}”)`;
}

/** `Scorecards, group:default/payments-team, read 2026-12-03 19:10 UTC (…)` */
export function describeScorecardScope(figures: ScorecardFigures): string {
  const read = `${figures.readAt.slice(0, 10)} ${figures.readAt.slice(
    11,
    16,
  )} UTC`;
  const evaluated = figures.lastEvaluatedDay
    ? `services last evaluated ${figures.lastEvaluatedDay}`
    : 'no recent evaluation of these services recorded';
  return `Scorecards, ${
    figures.ownerRef ?? 'the whole organisation'
  }, read ${read} from the latest collected golden path facts (${evaluated})`;
}

function checkCounts(figures: ScorecardFigures) {
  const { services, fromGoldenPath, onLatestVersion } = figures;
  for (const [name, value] of Object.entries({
    services,
    fromGoldenPath,
    onLatestVersion,
  })) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`${name}: must be a whole number ≥ 0`);
    }
  }
  if (fromGoldenPath > services || onLatestVersion > fromGoldenPath) {
    throw new RangeError(
      'onLatestVersion ≤ fromGoldenPath ≤ services must hold',
    );
  }
}

/**
 * `adoption.newServices` from the share of services made from a golden path: more than half →
 * level 3. The share counts every service the scorecards evaluate, old ones too: a proxy for
 * "most new services", and the proposal says so. Old services lower it unless they were
 * adopted into a golden path since.
 */
function proposeNewServices(
  figures: ScorecardFigures,
  where: string,
): MaturityProposal {
  const question = 'adoption.newServices';
  const { services, fromGoldenPath } = figures;
  const base = {
    question,
    figure: scorecardFigureOf[question],
    measuredAt: figures.readAt,
  } as const;
  if (services === 0) {
    return {
      ...base,
      available: false,
      level: null,
      share: null,
      source: `${where}: no service has a collected golden path fact yet, so there is no share to read; answer from your own knowledge.`,
    };
  }
  const counted = `${fromGoldenPath} of ${services} services (${percent(
    fromGoldenPath,
    services,
  )}) were made from a golden path (the organisation aims at 80%)`;
  const share = fromGoldenPath / services;
  if (!isMostOf(fromGoldenPath, services)) {
    return {
      ...base,
      available: false,
      level: null,
      share,
      source: `${where}: ${counted}. Not more than half, so the figures do not show that most new services start from a golden path, and they cannot tell a documented checklist from copying by hand: no proposal.`,
    };
  }
  return {
    ...base,
    available: true,
    level: SCORECARD_PROPOSED_LEVEL,
    share,
    source: `${where}: ${counted}. More than half → ${optionOf(
      question,
      SCORECARD_PROPOSED_LEVEL,
    )}. The share counts every service, not only new ones. Whether teams improve and publish templates themselves (Optimizing) the scorecards cannot show.`,
  };
}

/**
 * `operations.upgrades` from the share of golden path services on their template's latest
 * version: more than half → level 3. A version behind is only known because the templates are
 * versioned; a majority on the latest shows upgrades that reach the services.
 */
function proposeUpgrades(
  figures: ScorecardFigures,
  where: string,
): MaturityProposal {
  const question = 'operations.upgrades';
  const { services, fromGoldenPath, onLatestVersion } = figures;
  const base = {
    question,
    figure: scorecardFigureOf[question],
    measuredAt: figures.readAt,
  } as const;
  if (fromGoldenPath === 0) {
    return {
      ...base,
      available: false,
      level: null,
      share: null,
      source:
        services === 0
          ? `${where}: no service has a collected golden path fact yet, so there is no template version to read; answer from your own knowledge.`
          : `${where}: none of the ${services} services was made from a golden path, so no service has a template version to keep up with; answer from your own knowledge.`,
    };
  }
  const counted = `${onLatestVersion} of the ${fromGoldenPath} services made from a golden path (${percent(
    onLatestVersion,
    fromGoldenPath,
  )}) are on their template's latest version`;
  const share = onLatestVersion / fromGoldenPath;
  if (!isMostOf(onLatestVersion, fromGoldenPath)) {
    return {
      ...base,
      available: false,
      level: null,
      share,
      source: `${where}: ${counted}. Not more than half, so upgrades do not reach most services, and the figures cannot tell upgrades on the platform team's own schedule from upgrades when something breaks: no proposal.`,
    };
  }
  return {
    ...base,
    available: true,
    level: SCORECARD_PROPOSED_LEVEL,
    share,
    source: `${where}: ${counted}. More than half → ${optionOf(
      question,
      SCORECARD_PROPOSED_LEVEL,
    )}: the templates are versioned and upgrades reach most services. Whether upgrades are continuous and automatic for every team (Optimizing) the scorecards cannot show.`,
  };
}

/**
 * The maturity answers the scorecards' golden path figures propose, one per question of
 * {@link scorecardQuestionIds}. Counts that cannot be (a part above its whole, negative or
 * fractional) are refused with a RangeError.
 */
export function proposeMaturityFromScorecards(
  figures: ScorecardFigures,
): MaturityProposal[] {
  checkCounts(figures);
  const where = describeScorecardScope(figures);
  return [proposeNewServices(figures, where), proposeUpgrades(figures, where)];
}
