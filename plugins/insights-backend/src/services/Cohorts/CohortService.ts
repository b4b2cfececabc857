import { Entity } from '@backstage/catalog-model';
import {
  CohortComparison,
  cohortFigures,
  CohortSide,
  CohortTotals,
  compareCohorts,
  COMPARISON_RULE,
  ComparisonRule,
  isGoldenPathService,
  splitAtAdoption,
  TeamAdoptionDate,
  TeamBeforeAfter,
  teamAdoptionDate,
  wholeWeeks,
  windowDays,
} from '@internal/plugin-insights-common';
import { CohortMember, CohortStore } from '../../database/CohortStore';
import { ownerRef } from '../Adoption/AdoptionService';
import { repositoryOf } from '../Scope/ScopeResolver';

const GOLDEN_PATH = 'golden-path';
const OFF_ROAD = 'off-road';
const BEFORE = 'before';
const AFTER = 'after';

type Period = { from: Date; to: Date };

/** A team's adoption date as `/cohorts/adoption-date` answers it (null: none set). */
type AdoptionDate = TeamAdoptionDate;

const NO_TOTALS: CohortTotals = {
  services: 0,
  servicesWithDeployments: 0,
  deployedServiceDays: 0,
  deployments: 0,
  failedDeployments: 0,
  changes: 0,
  medianLeadTimeHours: null,
  incidentsRestored: 0,
  medianTimeToRestoreHours: null,
};

/** A cohort's side over one period, its totals from the store. */
function side(totals: CohortTotals | undefined, period: Period): CohortSide {
  return {
    ...cohortFigures(totals ?? NO_TOTALS, {
      days: windowDays(period.from, period.to),
      weeks: wholeWeeks(period.from, period.to).length,
    }),
    from: period.from.toISOString(),
    to: period.to.toISOString(),
  };
}

/** A team's services: its components' repositories, and whether each was made from a golden path. */
type TeamServices = Map<string, { goldenPath: boolean }>;

/**
 * Services are counted by repository (the delivery tables' key): a repository is on the golden
 * path when any of its components was made from one.
 */
function servicesOf(components: Entity[]): {
  all: Map<string, { goldenPath: boolean }>;
  byTeam: Map<string, TeamServices>;
} {
  const all = new Map<string, { goldenPath: boolean }>();
  const byTeam = new Map<string, TeamServices>();
  for (const entity of components) {
    const repository = repositoryOf(entity);
    if (!repository) continue;
    const goldenPath = isGoldenPathService(entity.metadata.annotations);
    const merge = (into: Map<string, { goldenPath: boolean }>) =>
      into.set(repository, {
        goldenPath: goldenPath || Boolean(into.get(repository)?.goldenPath),
      });
    merge(all);
    const team = ownerRef(entity);
    if (team?.startsWith('group:')) {
      if (!byTeam.has(team)) byTeam.set(team, new Map());
      merge(byTeam.get(team)!);
    }
  }
  return { all, byTeam };
}

/**
 * Golden path against off-road, and each team before against after it adopted the platform,
 * over a window. The figures are aggregated in SQL over each cohort's repositories (one
 * statement for every cohort and team, see `CohortStore.totals`); the verdicts follow the rule
 * of `-common`. See docs/plugins/insights.md.
 */
export class CohortService {
  constructor(
    private readonly store: CohortStore,
    private readonly rule: ComparisonRule = COMPARISON_RULE,
  ) {}

  /** Sets (or moves) a team's adoption date. */
  async setAdoptionDate(input: {
    team: string;
    adoptedAt: Date;
    setBy: string;
  }): Promise<AdoptionDate> {
    const stored = await this.store.setAdoptionDate(input);
    return {
      team: stored.team,
      adoptedAt: stored.adoptedAt.toISOString(),
      setBy: stored.setBy,
      setAt: stored.setAt.toISOString(),
    };
  }

  /** Clears a team's adoption date (whether or not one was set). */
  async clearAdoptionDate(team: string): Promise<AdoptionDate> {
    await this.store.clearAdoptionDate(team);
    return { team, adoptedAt: null };
  }

  async compare(input: {
    components: Entity[];
    group?: string;
    from: Date;
    to: Date;
  }): Promise<CohortComparison> {
    const { from, to } = input;
    const window: Period = { from, to };
    const { all, byTeam } = servicesOf(input.components);
    const teams = [...byTeam.keys()].sort();
    if (input.group && !byTeam.has(input.group)) teams.push(input.group);

    const goldenRepositories = (services: TeamServices) =>
      [...services].filter(([, s]) => s.goldenPath).map(([r]) => r);
    const [set, firstGoldenPath] = await Promise.all([
      this.store.adoptionDates(teams),
      this.store.firstGoldenPathServices(
        teams.flatMap(team =>
          goldenRepositories(byTeam.get(team) ?? new Map()).map(repository => ({
            team,
            repository,
          })),
        ),
      ),
    ]);

    const members: CohortMember[] = [...all].map(([repository, s]) => ({
      cohort: s.goldenPath ? GOLDEN_PATH : OFF_ROAD,
      repository,
      ...window,
    }));
    const periods = new Map<
      string,
      ReturnType<typeof splitAtAdoption> & {
        adoption: ReturnType<typeof teamAdoptionDate>;
      }
    >();
    for (const team of teams) {
      const adoption = teamAdoptionDate(
        set.get(team)?.adoptedAt ?? null,
        firstGoldenPath.get(team) ?? null,
      );
      if (!adoption) continue;
      const split = splitAtAdoption(from, to, adoption.adoptedAt);
      periods.set(team, { ...split, adoption });
      for (const repository of byTeam.get(team)?.keys() ?? []) {
        for (const [name, period] of [
          [BEFORE, split.before],
          [AFTER, split.after],
        ] as const) {
          if (!period) continue;
          members.push({
            cohort: `${team}|${name}`,
            pool: split.before && split.after ? name : undefined,
            repository,
            ...period,
          });
        }
      }
    }
    const totals = await this.store.totals(members);

    const goldenPath = side(totals.get(GOLDEN_PATH), window);
    const offRoad = side(totals.get(OFF_ROAD), window);
    const pooled: Period[] = [];
    const teamRows: TeamBeforeAfter[] = teams.map(team => {
      const services = byTeam.get(team) ?? new Map();
      const p = periods.get(team);
      const before = p?.before
        ? side(totals.get(`${team}|${BEFORE}`), p.before)
        : null;
      const after = p?.after
        ? side(totals.get(`${team}|${AFTER}`), p.after)
        : null;
      if (p?.before && p.after) pooled.push(p.before, p.after);
      return {
        team,
        services: services.size,
        goldenPathServices: goldenRepositories(services).length,
        adoptedAt: p?.adoption?.adoptedAt.toISOString() ?? null,
        adoptionSource: p?.adoption?.source ?? null,
        before,
        after,
        comparison:
          before && after ? compareCohorts(before, after, this.rule) : null,
      };
    });

    const pool = (name: string, at: number) => {
      // Periods alternate before, after per team with both sides.
      const own = pooled.filter((_, i) => i % 2 === at);
      const weeks = own.length
        ? Math.min(...own.map(p => wholeWeeks(p.from, p.to).length))
        : 0;
      const t = totals.get(`pool:${name}`) ?? NO_TOTALS;
      const days =
        t.servicesWithDeployments > 0
          ? t.deployedServiceDays / t.servicesWithDeployments
          : 0;
      return cohortFigures(t, { days, weeks });
    };
    const before = pool(BEFORE, 0);
    const after = pool(AFTER, 1);

    return {
      scope: input.group ? { group: input.group } : {},
      window: { from: from.toISOString(), to: to.toISOString() },
      rule: this.rule,
      goldenPath,
      offRoad,
      goldenPathAgainstOffRoad: compareCohorts(offRoad, goldenPath, this.rule),
      teams: teamRows,
      adoption: {
        teams: pooled.length / 2,
        before,
        after,
        comparison: compareCohorts(before, after, this.rule),
      },
    };
  }
}
