import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { appliesTo, EntityFacets } from './appliesTo';
import { AppliesTo } from './types';

/**
 * An initiative: "every production service at silver by the end of Q2". The services it covers
 * (`appliesTo`), the level they must reach (the checks of that level and every level below it),
 * the share of covered services that must reach it, and the deadline. See
 * docs/decisions/scorecard-initiatives.md.
 */
export type Initiative = {
  id: string;
  title: string;
  description: string;
  /** The team that leads it: a group entity ref, lower-case. */
  ownerRef: string;
  appliesTo: AppliesTo;
  targetLevel: string;
  /** Share of covered services that must reach the target level, in [0.01, 1]. */
  targetShare: number;
  /** ISO 8601: when the initiative started (its first point of progress). */
  startsAt: string;
  /** ISO 8601: when the target must be met. */
  deadline: string;
};

/** Whether an initiative covers an entity: the same filter a check's `appliesTo` is. */
export function initiativeCovers(
  initiative: Pick<Initiative, 'appliesTo'>,
  entity: EntityFacets,
): boolean {
  return appliesTo(initiative.appliesTo, entity);
}

/**
 * Whether a level meets the target level: the same level or a higher one (levels lowest first).
 * No level (below the lowest) never meets; an unknown level never meets either, so a level
 * removed from the configuration does not count for the initiative.
 */
export function meetsTargetLevel(
  levels: readonly string[],
  level: string | null,
  targetLevel: string,
): boolean {
  if (level === null) return false;
  const reached = levels.indexOf(level);
  const target = levels.indexOf(targetLevel);
  return reached >= 0 && target >= 0 && reached >= target;
}

export type InitiativeProgress = {
  covered: number;
  meeting: number;
  /** meeting / covered; null when the initiative covers no service (nothing to measure). */
  share: number | null;
};

/** Progress at one date, from the covered services' levels at that date. */
export function initiativeProgress(
  levels: readonly string[],
  targetLevel: string,
  coveredLevels: readonly (string | null)[],
): InitiativeProgress {
  const covered = coveredLevels.length;
  const meeting = coveredLevels.filter(level =>
    meetsTargetLevel(levels, level, targetLevel),
  ).length;
  return { covered, meeting, share: covered === 0 ? null : meeting / covered };
}

/**
 * `met`: the target share is reached now. `on-track`: not yet, but the pace since the start,
 * carried on to the deadline, reaches it. `behind`: that pace does not reach it. `missed`: the
 * deadline has passed without reaching it.
 */
export type InitiativeStanding = 'met' | 'on-track' | 'behind' | 'missed';

export type InitiativeProjection = {
  standing: InitiativeStanding;
  /** The share the current pace reaches at the deadline, clamped to [0, 1]; null without data. */
  projectedShare: number | null;
};

const MS_PER_DAY = 86_400_000;

/**
 * Projects the progress to the deadline in a straight line through the first and the latest
 * point (the pace since the start). A straight line is what a leader draws on the chart by eye;
 * it overstates late, slow programmes less than a fit over noisy daily points would hide them.
 * Without two points in time (the initiative started today) the pace is unknown and the
 * projection is the current share, so a new initiative shows `behind` until it is met.
 */
export function projectInitiative(input: {
  first: { at: string; share: number | null };
  latest: { at: string; share: number | null };
  deadline: string;
  targetShare: number;
}): InitiativeProjection {
  const { first, latest, deadline, targetShare } = input;
  if (latest.share === null) {
    return { standing: 'behind', projectedShare: null };
  }
  if (latest.share >= targetShare) {
    return { standing: 'met', projectedShare: latest.share };
  }
  const latestMs = Date.parse(latest.at);
  const deadlineMs = Date.parse(deadline);
  if (latestMs >= deadlineMs) {
    return { standing: 'missed', projectedShare: latest.share };
  }
  const firstMs = Date.parse(first.at);
  const elapsedDays = (latestMs - firstMs) / MS_PER_DAY;
  let projected = latest.share;
  if (first.share !== null && elapsedDays > 0) {
    const perDay = (latest.share - first.share) / elapsedDays;
    projected = latest.share + perDay * ((deadlineMs - latestMs) / MS_PER_DAY);
  }
  projected = Math.min(1, Math.max(0, projected));
  return {
    standing: projected >= targetShare ? 'on-track' : 'behind',
    projectedShare: projected,
  };
}

/** One team's standing in an initiative (aggregated in SQL by the backend). */
export type TeamInInitiative = {
  ownerRef: string;
  covered: number;
  meeting: number;
};

export type TeamBehind = TeamInInitiative & {
  /** Covered services not yet at the target level. */
  behind: number;
};

/**
 * The teams behind an initiative, the ones holding it back most first: by services behind
 * (what the initiative still needs from them), then by lower share meeting, then by name so
 * the order is stable. Teams with every service at the target are left out.
 */
export function rankTeamsBehind(
  teams: readonly TeamInInitiative[],
): TeamBehind[] {
  return teams
    .map(team => ({ ...team, behind: team.covered - team.meeting }))
    .filter(team => team.behind > 0)
    .sort(
      (a, b) =>
        b.behind - a.behind ||
        a.meeting / a.covered - b.meeting / b.covered ||
        a.ownerRef.localeCompare(b.ownerRef, 'en-US'),
    );
}

/** What a platform admin writes to create or change an initiative. */
export type InitiativeInput = Omit<Initiative, 'id'>;

const EARLIEST = Date.parse('2000-01-01T00:00:00Z');
const LATEST = Date.parse('2100-01-01T00:00:00Z');

/** A date-time of this century: an initiative's dates are never outside it. */
function instant(field: string, value: string): number {
  const ms = Date.parse(value);
  if (!Number.isFinite(ms))
    throw new InputError(`${field}: must be a date-time`);
  if (ms < EARLIEST || ms >= LATEST) {
    throw new InputError(`${field}: must be in the years 2000 to 2099`);
  }
  return ms;
}

/**
 * Checks what the contract cannot: the target level is one the configuration names, the dates
 * are real instants and the deadline comes after the start. Returns the input with trimmed
 * text and the dates in UTC; throws an InputError naming the field.
 */
export function validateInitiativeInput(
  input: InitiativeInput,
  levels: readonly string[],
): InitiativeInput {
  const title = input.title.trim();
  if (!title) throw new InputError('title: must not be blank');
  if (!levels.includes(input.targetLevel)) {
    throw new InputError(`targetLevel: must be one of ${levels.join(', ')}`);
  }
  if (
    !Number.isFinite(input.targetShare) ||
    input.targetShare < 0.01 ||
    input.targetShare > 1
  ) {
    throw new InputError('targetShare: must be at least 0.01 and at most 1');
  }
  const startsAt = instant('startsAt', input.startsAt);
  const deadline = instant('deadline', input.deadline);
  if (deadline <= startsAt) {
    throw new InputError('deadline: must be after startsAt');
  }
  let ownerRef: string;
  try {
    ownerRef = stringifyEntityRef(
      parseEntityRef(input.ownerRef, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    throw new InputError('ownerRef: must be an entity ref');
  }
  return {
    ...input,
    ownerRef,
    title,
    description: input.description.trim(),
    startsAt: new Date(startsAt).toISOString(),
    deadline: new Date(deadline).toISOString(),
  };
}

/** An initiative with its latest progress and where the pace takes it. */
export type InitiativeOverview = Initiative & {
  progress: InitiativeProgress;
  projection: InitiativeProjection;
};

/** The answer of `GET /api/scorecards/initiatives/{id}`. */
export type InitiativeDetail = InitiativeOverview & {
  /** Covered and meeting services per day since the start, oldest first. */
  history: { day: string; covered: number; meeting: number }[];
  teamsBehind: TeamBehind[];
};

/** What the owner of a covered service below the target is told, once each. */
export type InitiativeNoticeKind = 'started' | 'behind' | 'deadline';

/** Days before the deadline when the owners of services still below the target are reminded. */
export const INITIATIVE_REMINDER_DAYS = 14;

/**
 * The notices due now to the owners of services below the target: `started` once the
 * initiative has started, `behind` while the pace does not reach the target, `deadline` in the
 * last {@link INITIATIVE_REMINDER_DAYS} days. Nothing is due before the start or after the
 * deadline (a missed initiative is for its owner to reset, not for teams to be told again).
 */
export function initiativeNoticesDue(
  initiative: Pick<Initiative, 'startsAt' | 'deadline'>,
  standing: InitiativeStanding,
  now: Date,
): InitiativeNoticeKind[] {
  const at = now.getTime();
  const deadline = Date.parse(initiative.deadline);
  if (at < Date.parse(initiative.startsAt) || at >= deadline) return [];
  const due: InitiativeNoticeKind[] = ['started'];
  if (standing === 'behind') due.push('behind');
  if (deadline - at <= INITIATIVE_REMINDER_DAYS * MS_PER_DAY) {
    due.push('deadline');
  }
  return due;
}
