import { CohortTotals } from '@internal/plugin-insights-common';

/** A team's adoption date as the platform team set it. */
export type StoredAdoptionDate = {
  team: string;
  adoptedAt: Date;
  setBy: string;
  setAt: Date;
};

/**
 * A repository counted in a cohort over its own period `[from, to)`. `pool`, when given, also
 * counts it in that pool: the organisation's "before" pools every team's before, each over its
 * own period.
 */
export type CohortMember = {
  cohort: string;
  pool?: string;
  repository: string;
  from: Date;
  to: Date;
};

/** What the golden path and before/after comparisons read besides the DORA figures. */
export interface CohortStore {
  /** The adoption dates set for these teams (group refs); teams without one are left out. */
  adoptionDates(teams: string[]): Promise<Map<string, StoredAdoptionDate>>;
  /** Sets (or moves) a team's adoption date. */
  setAdoptionDate(input: {
    team: string;
    adoptedAt: Date;
    setBy: string;
  }): Promise<StoredAdoptionDate>;
  /** Clears a team's adoption date; false when none was set. */
  clearAdoptionDate(team: string): Promise<boolean>;
  /**
   * For each team, when its first golden-path service was created: the earliest first
   * recorded commit or successful production deployment over the repositories given for it (a golden path's
   * repository starts with the skeleton's commit). Teams without any record are left out.
   */
  firstGoldenPathServices(
    repositoriesByTeam: Array<{ team: string; repository: string }>,
  ): Promise<Map<string, Date>>;
  /**
   * The DORA figures of each cohort and pool, by the same rules as the DORA summary's (a
   * counted deployment, a counted change, an incident's attributed deployment, a restore by its
   * closing), each member over its own period. Keyed by cohort, and by `pool:<pool>`.
   */
  totals(members: CohortMember[]): Promise<Map<string, CohortTotals>>;
}
