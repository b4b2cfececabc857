import { seedSections, SourceRef } from './seeds';

/** A readiness answer: the colour of the seed's table. */
export type Colour = 'green' | 'yellow' | 'red';

export const colours: readonly Colour[] = ['green', 'yellow', 'red'];

/** The seven factors of the readiness table, as API field names. */
export type FactorId =
  | 'teamSize'
  | 'deploymentFriction'
  | 'infrastructureComplexity'
  | 'developerComplaints'
  | 'shadowIt'
  | 'onboardingTime'
  | 'contextSwitching';

/** The factors that also accept a number instead of a colour. */
export type NumericFactorId =
  | 'teamSize'
  | 'onboardingTime'
  | 'contextSwitching';

export type NumericMeasure = {
  /** What the number counts, for labels. */
  label: string;
  unit: 'engineers' | 'days' | 'percent';
  min: number;
  max: number;
  /** Whether only whole numbers make sense. */
  integer: boolean;
  /** The thresholds in words, for the form and the documentation. */
  thresholds: Record<Colour, string>;
};

export type Factor = {
  id: FactorId;
  label: string;
  /** The seed's description for each colour, word for word. */
  options: Record<Colour, string>;
  numeric?: NumericMeasure;
  source: SourceRef;
};

/** A row of the guide's readiness table. */
const row = (quote: string): SourceRef => ({
  document: 'guide',
  section: seedSections.guide.whenToAdopt,
  quote,
});

/** The readiness table of the guide ("When to Adopt Platform Engineering"), in its order. */
export const factors: readonly Factor[] = [
  {
    id: 'teamSize',
    label: 'Team size',
    options: {
      green: '100+ engineers across multiple teams',
      yellow: '50-100 engineers, growing fast',
      red: 'Under 50 engineers',
    },
    numeric: {
      label: 'Engineers',
      unit: 'engineers',
      min: 0,
      max: 1_000_000,
      integer: true,
      thresholds: {
        green: '100 or more engineers',
        yellow: '50 to 99 engineers',
        red: 'fewer than 50 engineers',
      },
    },
    source: row('| Team size | 100+ engineers across multiple teams |'),
  },
  {
    id: 'deploymentFriction',
    label: 'Deployment friction',
    options: {
      green:
        'Developers wait days for infrastructure, or deployments need multiple team approvals',
      yellow:
        'Deployments take hours, occasional bottlenecks, and some manual steps remain',
      red: 'Deployments happen in minutes with minimal friction',
    },
    source: row(
      '| Deployment friction | Developers wait days for infrastructure',
    ),
  },
  {
    id: 'infrastructureComplexity',
    label: 'Infrastructure complexity',
    options: {
      green:
        'Multi-cloud, microservices, multiple environments, compliance requirements',
      yellow:
        'Growing number of services, some cloud complexity, increasing env management overhead',
      red: 'Simple stack, monolith, or a few services, single cloud provider',
    },
    source: row('| Infrastructure complexity | Multi-cloud, microservices'),
  },
  {
    id: 'developerComplaints',
    label: 'Developer complaints',
    options: {
      green:
        'Common complaints about infrastructure, teams building duplicate tooling, and requests for better DevEx',
      yellow:
        'Occasional frustration, some teams are more productive than others, growing tool sprawl',
      red: 'Rare complaints, developers focus mostly on product work',
    },
    source: row(
      '| Developer complaints | Common complaints about infrastructure',
    ),
  },
  {
    id: 'shadowIt',
    label: 'Shadow IT',
    options: {
      green:
        'Teams actively building workarounds, using unauthorized tools, or avoiding official processes',
      yellow:
        'Some teams are starting to build their own solutions or exploring alternatives',
      red: 'Teams use standard tooling without friction',
    },
    source: row('| Shadow IT | Teams actively building workarounds'),
  },
  {
    id: 'onboardingTime',
    label: 'Onboarding time',
    options: {
      green: 'New developers take weeks to deploy their first service',
      yellow: 'New developers take several days to get productive',
      red: 'New developers ship code within a day or two',
    },
    numeric: {
      label: 'Days for a new developer to deploy a first service',
      unit: 'days',
      min: 0,
      max: 3650,
      integer: false,
      thresholds: {
        green: '7 days or more',
        yellow: 'over 2 and under 7 days',
        red: '2 days or less',
      },
    },
    source: row(
      '| Onboarding time | New developers take weeks to deploy their first service',
    ),
  },
  {
    id: 'contextSwitching',
    label: 'Context switching',
    options: {
      green:
        'Developers spend 30%+ of their time on infrastructure, tooling, and DevOps work',
      yellow: 'Developers split time between product and infrastructure work',
      red: 'Developers spend 80%+ of their time on product features',
    },
    numeric: {
      label: 'Share of time on infrastructure and tooling (%)',
      unit: 'percent',
      min: 0,
      max: 100,
      integer: false,
      thresholds: {
        green: '30% or more',
        yellow: 'over 20% and under 30%',
        red: '20% or less',
      },
    },
    source: row('| Context switching | Developers spend 30%+ of their time'),
  },
];

export const factorIds: readonly FactorId[] = factors.map(f => f.id);

export function getFactor(id: FactorId): Factor {
  const factor = factors.find(f => f.id === id);
  if (!factor) throw new Error(`Unknown readiness factor '${id}'`);
  return factor;
}

/**
 * Engineers → colour: 100 or more green ("100+ engineers"), 50 to 99 yellow ("50-100
 * engineers"), under 50 red ("Under 50 engineers").
 */
export function colourForEngineers(engineers: number): Colour {
  if (engineers >= 100) return 'green';
  if (engineers >= 50) return 'yellow';
  return 'red';
}

/**
 * Days for a new developer to deploy a first service → colour: 7 or more green ("weeks"),
 * over 2 and under 7 yellow ("several days"), 2 or less red ("within a day or two").
 */
export function colourForOnboardingDays(days: number): Colour {
  if (days >= 7) return 'green';
  if (days > 2) return 'yellow';
  return 'red';
}

/**
 * Share of time spent on infrastructure and tooling, in percent → colour: 30 or more green
 * ("30%+"), over 20 and under 30 yellow ("split time"), 20 or less red ("80%+ of their time on
 * product features").
 */
export function colourForInfrastructureShare(percent: number): Colour {
  if (percent >= 30) return 'green';
  if (percent > 20) return 'yellow';
  return 'red';
}

/** The colour a number gives for a numeric factor. */
export function colourForValue(factor: NumericFactorId, value: number): Colour {
  switch (factor) {
    case 'teamSize':
      return colourForEngineers(value);
    case 'onboardingTime':
      return colourForOnboardingDays(value);
    case 'contextSwitching':
      return colourForInfrastructureShare(value);
    default:
      throw new Error(`Factor '${factor}' does not take a number`);
  }
}

export function isNumericFactor(id: FactorId): id is NumericFactorId {
  return (
    id === 'teamSize' || id === 'onboardingTime' || id === 'contextSwitching'
  );
}
