import { CheckStatus } from './types';

/** The levels when the configuration names none, lowest first. */
export const DEFAULT_LEVELS = ['bronze', 'silver', 'gold'] as const;

/** A check's outcome with the level it belongs to. */
export type LevelledResult = {
  checkId: string;
  level: string;
  status: CheckStatus;
};

/** A check counts towards its level when it passes or a granted waiver is in force. */
export function counts(status: CheckStatus): boolean {
  return status === 'pass' || status === 'waived';
}

export type LevelStanding = {
  /** The highest level reached, or null when the lowest level is not reached. */
  level: string | null;
  /** The next level, or null at the top. */
  nextLevel: string | null;
  /** The checks of the next level that hold the entity back (failing or unknown). */
  blocking: string[];
};

/**
 * The level of an entity: the highest level whose checks all count (pass or waived) **and**
 * every lower level's too. Levels are climbed from the lowest; the first level with a check
 * that does not count stops the climb, whatever the higher levels hold, so a service cannot be
 * gold while failing a bronze check. A level with no check applying to the entity is passed
 * (there is nothing to fail). See docs/decisions/scorecard-levels.md.
 */
export function levelOf(
  levels: readonly string[],
  results: readonly LevelledResult[],
): LevelStanding {
  let reached: string | null = null;
  for (const level of levels) {
    const blocking = results
      .filter(result => result.level === level && !counts(result.status))
      .map(result => result.checkId);
    if (blocking.length > 0) {
      return { level: reached, nextLevel: level, blocking };
    }
    reached = level;
  }
  return { level: reached, nextLevel: null, blocking: [] };
}
