import { computeRoiCore } from '@internal/plugin-roi-common';
import {
  durationActual,
  incidentActual,
  infrastructureActual,
  realisedSoFar,
  timeFreedActual,
} from './actuals';
import { Baseline, QuarterReport, ValueFigure } from './api';
import { expectedQuarter, expectedSoFar, ValueLineId } from './expected';
import { daysBetween, elapsed, periodBefore, quarterAfter } from './periods';

/** A measurement, or why there is none. */
export type Measured<T> =
  | { ok: true; value: T }
  | { ok: false; reason: string };

/** What insights counted for the scope over one window. */
export type DoraMeasure = {
  repositories: number;
  /** Incidents closed in the window (insights' time to restore counts them). */
  incidentsRestored: number;
  /** Null where only the incidents were asked (the span since the start). */
  changes: number | null;
  medianLeadTimeHours: number | null;
  medianTimeToRestoreHours: number | null;
};

/** The survey's share of the week spent on infrastructure and tooling, over one window. */
export type TimeShareMeasure = {
  /** 0–100; null when withheld. */
  sharePercent: number | null;
  answers: number | null;
  /** Why the share is not shown (too few answers, quarter open), or null. */
  withheld: string | null;
  /**
   * Which survey quarters the window covers and how many of its days each published one
   * covers, in words; absent when the window is one calendar quarter.
   */
  coverage?: string;
};

/** The infrastructure cost of the scope over one window. */
export type CostMeasure = {
  amount: number;
  currency: string;
  /** Days of the window the cost data covers. */
  coveredDays: number;
  /** Where the cost came from (clusters, OpenCost). */
  source: string;
};

/** Everything the report is computed from; each window is named where it is used. */
export type ReportMeasurements = {
  /** The three months before the start. */
  doraBefore: Measured<DoraMeasure>;
  /** The quarter, up to now. */
  doraQuarter: Measured<DoraMeasure>;
  /** From the start to the end of the quarter (or now). */
  doraSinceStart: Measured<DoraMeasure>;
  timeShareBefore: Measured<TimeShareMeasure>;
  /** Quarters 1 … index, up to now. */
  timeShareQuarters: Measured<TimeShareMeasure>[];
  costBefore: Measured<CostMeasure>;
  /** Quarters 1 … index, up to now. */
  costQuarters: Measured<CostMeasure>[];
};

const pct = (x: number) =>
  `${(Math.round(x * 10) / 10).toLocaleString('en-GB')}%`;
const hours = (x: number) =>
  `${(Math.round(x * 10) / 10).toLocaleString('en-GB')} h`;
const days = (x: number) => Math.round(x * 10) / 10;

/** An amount in the case's currency, to the unit, for the texts beside the figures. */
export function formatAmount(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', {
    style: 'currency',
    currency,
    maximumFractionDigits: 0,
  }).format(amount);
}

const missingFigure = (
  figure: Omit<ValueFigure, 'actual' | 'coverage'>,
  reason: string,
): ValueFigure => ({
  ...figure,
  actual: {
    amount: null,
    percent: null,
    before: null,
    after: null,
    text: reason,
    missing: reason,
  },
  coverage: { share: null, text: 'No data' },
});

/**
 * Quarter `index` after the baseline's start, expected against actual, as of `now`. Pure: every
 * measurement is handed in, every figure says its source and coverage, and a line whose data is
 * missing carries the reason and no number.
 */
export function buildQuarterReport(options: {
  baseline: Baseline;
  index: number;
  now: Date;
  measurements: ReportMeasurements;
}): QuarterReport {
  const { baseline, index, now, measurements: m } = options;
  const { inputs, currency } = baseline;
  const money = (x: number) => formatAmount(x, currency);
  const period = quarterAfter(baseline.startDate, index);
  const before = periodBefore(baseline.startDate);
  const daysBefore = daysBetween(before.from, before.to);
  const quarterElapsed = elapsed(period, now);
  const expected = expectedQuarter(inputs, index);
  const share = quarterElapsed.share;
  const measuredText = `${days(quarterElapsed.days)} of ${days(
    quarterElapsed.periodDays,
  )} days of the quarter (${pct(share * 100)})`;
  const expectedText = (line: ValueLineId, casePct: number) =>
    `${money(expected.gain[line] * share)} over the days measured (${money(
      expected.gain[line],
    )} over the whole quarter): ${pct(casePct)} at full effect × ramp-up ${pct(
      expected.rampShare * 100,
    )}`;

  // Incidents: seed 000's IncidentCosts, before and after, at the case's cost per incident.
  const incidentBase = {
    id: 'incidents' as const,
    label: 'Incident cost reduction',
    unit: 'currency' as const,
    expected: {
      amount: expected.gain.incidents * share,
      percent: expected.percent.incidents,
      text: expectedText('incidents', inputs.improvedIncidentsCostsPct),
    },
    source:
      'Insights: incidents (issues labelled as incidents) closed in the scope’s repositories, in the 3 months before the start and in the quarter',
    assumptions: [
      `Each incident costs ${money(
        baseline.costPerIncident,
      )} (set when the case was adopted)`,
      'Incidents are counted when they are closed; the rate before (incidents a day) is what the quarter would have had without the platform',
    ],
  };
  const incidents = (): ValueFigure => {
    if (!m.doraBefore.ok)
      return missingFigure(incidentBase, m.doraBefore.reason);
    if (!m.doraQuarter.ok)
      return missingFigure(incidentBase, m.doraQuarter.reason);
    if (m.doraQuarter.value.repositories === 0) {
      return missingFigure(
        incidentBase,
        'No repository of this scope sends delivery data to insights',
      );
    }
    if (m.doraBefore.value.incidentsRestored === 0) {
      return missingFigure(
        incidentBase,
        'No incident was closed in the 3 months before the start: there is no figure before to reduce',
      );
    }
    const actual = incidentActual({
      incidentsBefore: m.doraBefore.value.incidentsRestored,
      daysBefore,
      incidentsAfter: m.doraQuarter.value.incidentsRestored,
      daysAfter: quarterElapsed.days,
      costPerIncident: baseline.costPerIncident,
    });
    if (!actual) {
      return missingFigure(incidentBase, 'The quarter has no day measured yet');
    }
    return {
      ...incidentBase,
      actual: {
        amount: actual.saving,
        percent: actual.reductionPercent,
        before: m.doraBefore.value.incidentsRestored,
        after: m.doraQuarter.value.incidentsRestored,
        text: `${m.doraBefore.value.incidentsRestored} incidents in ${days(
          daysBefore,
        )} days before, ${m.doraQuarter.value.incidentsRestored} in ${days(
          quarterElapsed.days,
        )} days after: ${days(actual.avoidedIncidents)} avoided × ${money(
          baseline.costPerIncident,
        )}`,
        missing: null,
      },
      coverage: {
        share,
        text: `${measuredText}; ${m.doraQuarter.value.repositories} repositories (before: ${m.doraBefore.value.repositories})`,
      },
    };
  };

  // Productivity: the survey's share of time on infrastructure and tooling, before and after.
  const productivityBase = {
    id: 'productivity' as const,
    label: 'Time freed for value-adding work',
    unit: 'currency' as const,
    expected: {
      amount: expected.gain.productivity * share,
      percent: expected.percent.productivity,
      text: expectedText('productivity', inputs.improvedProductivityPct),
    },
    source:
      'Developer survey: share of the week spent on infrastructure and tooling, the 3 months before the start and the quarter',
    assumptions: [
      'Every point of the week no longer spent on infrastructure and tooling is freed for value-adding work (seed 004’s context switching)',
      `Priced at the case’s DevCosts, ${money(inputs.devCosts)} over ${
        inputs.periodMonths
      } months`,
    ],
  };
  const shareOf = (measured: Measured<TimeShareMeasure>): Measured<number> => {
    if (!measured.ok) return measured;
    if (measured.value.sharePercent === null) {
      return {
        ok: false,
        reason: `Survey share withheld: ${
          measured.value.withheld ?? 'not published'
        }`,
      };
    }
    return { ok: true, value: measured.value.sharePercent };
  };
  /** The survey quarters behind a window that is not one calendar quarter. */
  const surveyCoverage = (measured: Measured<TimeShareMeasure>, when: string) =>
    measured.ok && measured.value.coverage
      ? `; ${when}: ${measured.value.coverage}`
      : '';
  const monthsOfQuarter = (q: number) =>
    3 * elapsed(quarterAfter(baseline.startDate, q), now).share;
  const productivity = (): ValueFigure => {
    const shareBefore = shareOf(m.timeShareBefore);
    const quarterMeasure = m.timeShareQuarters[index - 1];
    const shareAfter = quarterMeasure
      ? shareOf(quarterMeasure)
      : { ok: false as const, reason: 'Not measured' };
    if (!shareBefore.ok)
      return missingFigure(productivityBase, shareBefore.reason);
    if (!shareAfter.ok)
      return missingFigure(productivityBase, shareAfter.reason);
    const actual = timeFreedActual({
      shareBeforePercent: shareBefore.value,
      shareAfterPercent: shareAfter.value,
      devCosts: inputs.devCosts,
      periodMonths: inputs.periodMonths,
      monthsMeasured: monthsOfQuarter(index),
    });
    const answers =
      quarterMeasure && quarterMeasure.ok ? quarterMeasure.value.answers : null;
    return {
      ...productivityBase,
      actual: {
        amount: actual.saving,
        percent: actual.freedPercent,
        before: shareBefore.value,
        after: shareAfter.value,
        text: `${pct(
          shareBefore.value,
        )} of the week on infrastructure and tooling before, ${pct(
          shareAfter.value,
        )} in the quarter: ${pct(actual.freedPercent)} of the week freed`,
        missing: null,
      },
      coverage: {
        share,
        text: `${measuredText}; ${
          answers ?? 'an undisclosed number of'
        } survey answers${surveyCoverage(m.timeShareBefore, 'before')}${
          quarterMeasure ? surveyCoverage(quarterMeasure, 'in the quarter') : ''
        }`,
      },
    };
  };

  // Durations behind productivity: shown, not priced.
  const duration = (
    id: 'leadTime' | 'timeToRestore',
    label: string,
    pick: (d: DoraMeasure) => number | null,
    count: (d: DoraMeasure) => string,
    assumption: string,
  ): ValueFigure => {
    const base = {
      id,
      label,
      unit: 'hours' as const,
      expected: {
        amount: null,
        percent: null,
        text: `The case sets no figure for it; it is measured behind “time freed” (ImprovedProductivity% ${pct(
          inputs.improvedProductivityPct,
        )})`,
      },
      source:
        'Insights: DORA metrics of the scope, the 3 months before the start and the quarter',
      assumptions: [assumption],
    };
    if (!m.doraBefore.ok) return missingFigure(base, m.doraBefore.reason);
    if (!m.doraQuarter.ok) return missingFigure(base, m.doraQuarter.reason);
    const actual = durationActual(
      pick(m.doraBefore.value),
      pick(m.doraQuarter.value),
    );
    if (!actual) {
      return missingFigure(
        base,
        pick(m.doraBefore.value) === null
          ? 'Nothing to measure in the 3 months before the start'
          : 'Nothing to measure in the quarter yet',
      );
    }
    return {
      ...base,
      actual: {
        amount: null,
        percent: actual.reductionPercent,
        before: actual.beforeHours,
        after: actual.afterHours,
        text: `median ${hours(actual.beforeHours)} before, ${hours(
          actual.afterHours,
        )} in the quarter: ${hours(actual.savedHours)} saved`,
        missing: null,
      },
      coverage: {
        share,
        text: `${measuredText}; ${count(m.doraQuarter.value)} (before: ${count(
          m.doraBefore.value,
        )})`,
      },
    };
  };

  // Infrastructure: the costs of the scope's workloads, before and after.
  const infrastructureBase = {
    id: 'infrastructure' as const,
    label: 'Infrastructure savings',
    unit: 'currency' as const,
    expected: {
      amount: expected.gain.infrastructure * share,
      percent: expected.percent.infrastructure,
      text: expectedText('infrastructure', inputs.improvedResourcesPct),
    },
    source:
      'Costs: the scope’s workloads in the connected clusters, priced per day, the 3 months before the start and the quarter',
    assumptions: [
      'The cost a day before the start is what the quarter would have cost without the platform',
    ],
  };
  const costOf = (measured: Measured<CostMeasure> | undefined) => {
    if (!measured) return { ok: false as const, reason: 'Not measured' };
    if (!measured.ok) return measured;
    if (measured.value.currency !== currency) {
      return {
        ok: false as const,
        reason: `The costs are in ${measured.value.currency}, the case in ${currency}`,
      };
    }
    if (measured.value.coveredDays <= 0) {
      return { ok: false as const, reason: 'No cost recorded in this period' };
    }
    return measured;
  };
  const infrastructure = (): ValueFigure => {
    const costBefore = costOf(m.costBefore);
    const costAfter = costOf(m.costQuarters[index - 1]);
    if (!costBefore.ok)
      return missingFigure(infrastructureBase, costBefore.reason);
    if (!costAfter.ok)
      return missingFigure(infrastructureBase, costAfter.reason);
    const actual = infrastructureActual({
      costBefore: costBefore.value.amount,
      daysBefore: costBefore.value.coveredDays,
      costAfter: costAfter.value.amount,
      daysAfter: costAfter.value.coveredDays,
    });
    if (!actual) {
      return missingFigure(
        infrastructureBase,
        'No cost recorded in this period',
      );
    }
    return {
      ...infrastructureBase,
      source: `${infrastructureBase.source} (${costAfter.value.source})`,
      actual: {
        amount: actual.saving,
        percent: actual.reductionPercent,
        before: costBefore.value.amount,
        after: costAfter.value.amount,
        text: `${money(costBefore.value.amount)} over ${days(
          costBefore.value.coveredDays,
        )} days before, ${money(costAfter.value.amount)} over ${days(
          costAfter.value.coveredDays,
        )} days in the quarter`,
        missing: null,
      },
      coverage: {
        share: costAfter.value.coveredDays / quarterElapsed.periodDays,
        text: `${days(costAfter.value.coveredDays)} of ${days(
          quarterElapsed.periodDays,
        )} days of the quarter priced; before: ${days(
          costBefore.value.coveredDays,
        )} of ${days(daysBefore)} days`,
      },
    };
  };

  const figures = [
    productivity(),
    duration(
      'leadTime',
      'Lead time for changes',
      d => d.medianLeadTimeHours,
      d => `${d.changes ?? 'uncounted'} changes`,
      'Lead time is elapsed time, not effort: it is shown, not priced',
    ),
    duration(
      'timeToRestore',
      'Time to restore service',
      d => d.medianTimeToRestoreHours,
      d => `${d.incidentsRestored} incidents`,
      'Time to restore is elapsed time, not effort: it is shown, not priced',
    ),
    incidents(),
    infrastructure(),
  ];

  // Realised so far: every quarter from the first to this one.
  const quarters = Array.from({ length: index }, (_, i) => i + 1);
  const monthsMeasured = 3 * (index - 1) + monthsOfQuarter(index);
  const counted: ValueLineId[] = [];
  const missing: { id: ValueLineId; reason: string }[] = [];
  let gain = 0;

  const shareBefore = shareOf(m.timeShareBefore);
  const productivityGains = quarters.map(q => {
    const after = m.timeShareQuarters[q - 1];
    const shareAfter = after ? shareOf(after) : undefined;
    return shareBefore.ok && shareAfter?.ok
      ? timeFreedActual({
          shareBeforePercent: shareBefore.value,
          shareAfterPercent: shareAfter.value,
          devCosts: inputs.devCosts,
          periodMonths: inputs.periodMonths,
          monthsMeasured: monthsOfQuarter(q),
        }).saving
      : null;
  });
  const sinceStart = elapsed({ from: baseline.startDate, to: period.to }, now);
  const incidentGain =
    m.doraBefore.ok &&
    m.doraSinceStart.ok &&
    m.doraBefore.value.incidentsRestored > 0 &&
    m.doraSinceStart.value.repositories > 0
      ? incidentActual({
          incidentsBefore: m.doraBefore.value.incidentsRestored,
          daysBefore,
          incidentsAfter: m.doraSinceStart.value.incidentsRestored,
          daysAfter: sinceStart.days,
          costPerIncident: baseline.costPerIncident,
        })?.saving ?? null
      : null;
  const costBefore = costOf(m.costBefore);
  const infrastructureGains = quarters.map(q => {
    const after = costOf(m.costQuarters[q - 1]);
    return costBefore.ok && after.ok
      ? infrastructureActual({
          costBefore: costBefore.value.amount,
          daysBefore: costBefore.value.coveredDays,
          costAfter: after.value.amount,
          daysAfter: after.value.coveredDays,
        })?.saving ?? null
      : null;
  });
  const addLine = (id: ValueLineId, gains: (number | null)[]) => {
    const known = gains.filter((g): g is number => g !== null);
    if (known.length === 0) {
      const figure = figures.find(f => f.id === id);
      missing.push({ id, reason: figure?.actual.missing ?? 'Not measured' });
      return;
    }
    counted.push(id);
    gain += known.reduce((s, g) => s + g, 0);
    if (known.length < gains.length) {
      missing.push({
        id,
        reason: `${gains.length - known.length} of ${
          gains.length
        } quarters not measured`,
      });
    }
  };
  addLine('productivity', productivityGains);
  addLine('incidents', [incidentGain]);
  addLine('infrastructure', infrastructureGains);

  const core = computeRoiCore(inputs);
  return {
    scope: baseline.scope,
    baseline,
    currency,
    quarter: {
      ...period,
      index,
      measuredUntil: quarterElapsed.until,
      elapsedShare: share,
    },
    before,
    figures,
    realised: {
      monthsMeasured,
      counted,
      missing,
      ...realisedSoFar({ gain, investment: core.investment, monthsMeasured }),
    },
    expected: {
      ...expectedSoFar(inputs, monthsMeasured),
      months: monthsMeasured,
    },
  };
}
