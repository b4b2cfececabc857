import { RoiInputs } from './inputs';

export type RoiPresetId = 'conservative' | 'expected' | 'optimistic';

/** The inputs a preset sets: the impact percentages and the ramp-up. */
export type RoiPresetField =
  | 'improvedProductivityPct'
  | 'improvedIncidentsCostsPct'
  | 'improvedResourcesPct'
  | 'rampUpMonths';

export type RoiPresetValue = {
  value: number;
  /** Where the value comes from, as the seed reports it. */
  source: string;
  /**
   * True when the seed does not measure this quantity and the value borrows a figure measured
   * for something else (the ramp-up reuses implementation lead times): shown as an assumption.
   */
  assumption?: boolean;
};

export type RoiPreset = {
  id: RoiPresetId;
  title: string;
  description: string;
  values: Record<RoiPresetField, RoiPresetValue>;
};

/**
 * Scenario presets built from the seed's case studies. Current costs, investment and the
 * time-to-market gain stay the user's own: no case study quantifies them for another
 * organisation. Rule for a case study that gives one figure: optimistic = the figure,
 * expected = three quarters of it, conservative = half of it (reported results come from
 * leaders in the field; the seed warns that advanced DevOps practices lower the savings).
 */
export const ROI_PRESETS: readonly RoiPreset[] = [
  {
    id: 'conservative',
    title: 'Conservative',
    description:
      'Half of the case-study results, and the slow lead time of a medium to large organisation.',
    values: {
      improvedProductivityPct: {
        value: 10,
        source:
          'Half of the lower bound of Humanitec’s 20–40% productivity increase',
      },
      improvedIncidentsCostsPct: {
        value: 20,
        source: 'Half of Netflix’s 40% reduction of incident-related costs',
      },
      improvedResourcesPct: {
        value: 15,
        source: 'Half of Twilio’s 30% reduction of infrastructure costs',
      },
      rampUpMonths: {
        value: 12,
        assumption: true,
        source:
          'Benefits reach full effect after the implementation time WeScale reports for a medium to large organisation (12 to 18 months, lower bound); the seed does not measure a benefit ramp-up',
      },
    },
  },
  {
    id: 'expected',
    title: 'Expected',
    description:
      'The lower bound of the reported productivity range, three quarters of the other case-study results.',
    values: {
      improvedProductivityPct: {
        value: 20,
        source:
          'Humanitec: IDPs increased productivity by 20% to 40% (lower bound); WeScale’s example objective is 20%',
      },
      improvedIncidentsCostsPct: {
        value: 30,
        source:
          'Three quarters of Netflix’s 40% reduction of incident-related costs',
      },
      improvedResourcesPct: {
        value: 22.5,
        source:
          'Three quarters of Twilio’s 30% reduction of infrastructure costs',
      },
      rampUpMonths: {
        value: 6,
        assumption: true,
        source:
          'Benefits reach full effect after WeScale’s development and prototyping time (3 to 6 months, upper bound); the seed does not measure a benefit ramp-up',
      },
    },
  },
  {
    id: 'optimistic',
    title: 'Optimistic',
    description: 'The case-study results as reported.',
    values: {
      improvedProductivityPct: {
        value: 40,
        source:
          'Humanitec: IDPs increased productivity by up to 40% (upper bound)',
      },
      improvedIncidentsCostsPct: {
        value: 40,
        source:
          'Netflix: incident-related costs reduced by 40% (Chaos Engineering)',
      },
      improvedResourcesPct: {
        value: 30,
        source:
          'Twilio: infrastructure costs reduced by 30% while traffic grew by 25%',
      },
      rampUpMonths: {
        value: 3,
        assumption: true,
        source:
          'Benefits reach full effect after WeScale’s development and prototyping time (3 to 6 months, lower bound); the seed does not measure a benefit ramp-up',
      },
    },
  },
];

/** Case-study figures shown next to the fields and results, as the seed reports them. */
export const ROI_CASE_STUDIES: readonly { name: string; finding: string }[] = [
  {
    name: 'Humanitec',
    finding:
      'Companies with an Internal Developer Platform increased productivity by 20% to 40%; the platform paid for itself in 6 to 12 months.',
  },
  {
    name: 'Spotify',
    finding:
      '30% more developer productivity thanks to a centralised developer portal (Backstage).',
  },
  {
    name: 'Incident costs in Europe',
    finding:
      '65% of European organisations estimate the total cost of an incident at €115,000 (IT Social).',
  },
  {
    name: 'Gartner',
    finding:
      '33% of companies lost between €1 and €5 million for one hour of platform downtime (2014).',
  },
  {
    name: 'Microsoft',
    finding:
      'Resource provisioning time reduced by around 40% (2023): a provisioning time, not a productivity figure.',
  },
  {
    name: 'Twilio',
    finding: '30% lower infrastructure costs while traffic increased by 25%.',
  },
  {
    name: 'Netflix',
    finding: 'Incident-related costs reduced by 40% with Chaos Engineering.',
  },
  {
    name: 'WeScale',
    finding:
      'The ROI of a Platform Engineering approach is achieved in less than 9 months.',
  },
];

export function findPreset(id: string): RoiPreset | undefined {
  return ROI_PRESETS.find(p => p.id === id);
}

/** The inputs with a preset's values applied; every other input is kept. */
export function applyPreset<T extends Partial<RoiInputs>>(
  inputs: T,
  preset: RoiPreset,
): T {
  const next: T = { ...inputs };
  for (const [field, { value }] of Object.entries(preset.values)) {
    (next as Record<string, unknown>)[field] = value;
  }
  return next;
}
