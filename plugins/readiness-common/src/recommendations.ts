import { Colour, FactorId } from './factors';
import { LevelNumber } from './maturity';
import { seedSections, SourceRef } from './seeds';
import { VerdictResult } from './verdict';

export type RecommendationKind =
  | 'verdict'
  | 'scale'
  | 'phase'
  | 'teamStructure'
  | 'teamSize'
  | 'duration'
  | 'stakeholders'
  | 'cadence';

/** The option chosen for each kind of recommendation. */
export type ScaleChoice = 'organisation' | 'domain' | 'project';
export type PhaseChoice = 'none' | 'phase0' | 'phase1' | 'phase2' | 'phase3';
export type TeamStructureChoice =
  | 'centralised'
  | 'embedded'
  | 'hybrid'
  | 'firstHire';
export type TeamSizeChoice = 'generalists' | 'addProductManager' | 'specialise';
export type DurationChoice = 'small' | 'mediumToLarge' | 'complex';

export type Recommendation = {
  kind: RecommendationKind;
  choice: string;
  title: string;
  detail: string;
  /** Concrete items: key initiatives, roles, steps. */
  items: string[];
  /** Every line of the seeds the recommendation rests on. */
  sources: SourceRef[];
};

export type RecommendationInput = {
  colours: Record<FactorId, Colour>;
  verdict: VerdictResult;
  /** The overall maturity level, when the maturity questionnaire was answered. */
  maturityLevel?: LevelNumber | null;
  /** How many people work on the platform today, when known. */
  platformTeamSize?: number | null;
};

const guide = (
  section: keyof typeof seedSections.guide,
  quote: string,
): SourceRef => ({
  document: 'guide',
  section: seedSections.guide[section],
  quote,
});
const wescale = (
  section: keyof typeof seedSections.wescale,
  quote: string,
): SourceRef => ({
  document: 'wescale',
  section: seedSections.wescale[section],
  quote,
});

/** The roadmap template of the guide (Phase 0–3). */
export const roadmapPhases: ReadonlyArray<{
  id: Exclude<PhaseChoice, 'none'>;
  name: string;
  timeline: string;
  focus: string;
  initiatives: string[];
  source: SourceRef;
}> = [
  {
    id: 'phase0',
    name: 'Phase 0: Assessment',
    timeline: '1-2 months',
    focus: 'Understand the current state and form a team',
    initiatives: [
      'Developer interviews',
      'Pain point mapping',
      'Tool audit',
      'Hire core team members',
    ],
    source: guide(
      'roadmap',
      '| Phase 0: Assessment | 1-2 months | Understand the current state and form a team |',
    ),
  },
  {
    id: 'phase1',
    name: 'Phase 1: Foundation',
    timeline: '0-6 months',
    focus: 'Quick wins and basic self-service',
    initiatives: [
      'Standardize CI/CD pipelines',
      'Create deployment templates',
      'Build a basic developer portal',
      'Set up golden paths for common tasks',
    ],
    source: guide(
      'roadmap',
      '| Phase 1: Foundation | 0-6 months | Quick wins and basic self-service |',
    ),
  },
  {
    id: 'phase2',
    name: 'Phase 2: Expansion',
    timeline: '6-12 months',
    focus: 'Core platform capabilities',
    initiatives: [
      'Self-service environment provisioning',
      'Integrated observability',
      'Service catalog',
      'Infrastructure as code workflows',
    ],
    source: guide(
      'roadmap',
      '| Phase 2: Expansion | 6-12 months | Core platform capabilities |',
    ),
  },
  {
    id: 'phase3',
    name: 'Phase 3: Maturity',
    timeline: '12-24 months',
    focus: 'Advanced features and optimization',
    initiatives: [
      'Advanced security scanning',
      'Cost optimization tools',
      'Multi-cloud support',
      'Developer productivity analytics',
      'Platform API',
    ],
    source: guide(
      'roadmap',
      '| Phase 3: Maturity | 12-24 months | Advanced features and optimization |',
    ),
  },
];

/** The stakeholders table of the WeScale document ("Who decides"). */
export const stakeholders: ReadonlyArray<{
  role: string;
  contribution: string;
}> = [
  {
    role: 'CTO / CIO',
    contribution: 'Strategic decision and global validation',
  },
  {
    role: 'DevOps team',
    contribution: 'Technical proposal and validation',
  },
  {
    role: 'Security team (CISO)',
    contribution: 'Implementation of security policies',
  },
  {
    role: 'Technical Product Managers',
    contribution: 'Identifying and prioritising needs',
  },
  { role: 'Dev Teams', contribution: 'User feedback and adoption' },
  {
    role: 'Board level',
    contribution: 'Budget validation and alignment with business objectives',
  },
];

/** Whether the verdict means "do not start a platform yet". */
function holdsOff(verdict: VerdictResult): boolean {
  return verdict.verdict === 'wait' || verdict.mixedAdvice === 'canWait';
}

export function recommendScale(
  colours: Record<FactorId, Colour>,
): Recommendation {
  if (colours.teamSize === 'green') {
    return {
      kind: 'scale',
      choice: 'organisation',
      title: 'Organisational and global scale',
      detail:
        'With 100+ engineers across multiple teams, aim for a platform that serves all development teams, built incrementally.',
      items: [],
      sources: [
        wescale(
          'organisationScale',
          "For large companies or organizations with multiple teams and departments (e.g., tech, product, QA, etc.), the goal of having a global approach is tempting, but it doesn't happen overnight.",
        ),
        wescale(
          'scaleTakeAway',
          '- Large companies will benefit enormously from implementing an organization-wide platform, even if we recommend an agile, incremental approach.',
        ),
      ],
    };
  }
  if (colours.teamSize === 'yellow') {
    return {
      kind: 'scale',
      choice: 'domain',
      title: 'Domain or team scale',
      detail:
        'With 50-100 engineers, start with a platform for one domain or a group of teams, as a pilot before an organisation-wide roll-out.',
      items: [],
      sources: [
        wescale(
          'domainScale',
          'In medium-sized companies or for specific departments within a large organization.',
        ),
        wescale(
          'domainScale',
          'Often used as a pilot starting point before an organization-wide roll-out.',
        ),
      ],
    };
  }
  return {
    kind: 'scale',
    choice: 'project',
    title: 'Project or product scale',
    detail:
      'Under 50 engineers, limit the platform to one project or product and its immediate needs.',
    items: [],
    sources: [
      wescale(
        'projectScale',
        'In smaller companies or startups, or when the platform is implemented for a specific project or product because resources are limited',
      ),
      wescale(
        'scaleTakeAway',
        '- Startups, teams, or small businesses can begin on a smaller scale, targeting specific objectives.',
      ),
    ],
  };
}

export function choosePhase(
  verdict: VerdictResult,
  maturityLevel?: LevelNumber | null,
): PhaseChoice {
  if (holdsOff(verdict)) return 'none';
  if (verdict.verdict === 'now') {
    if (maturityLevel === 4 || maturityLevel === 3) return 'phase3';
    if (maturityLevel === 2) return 'phase2';
    return 'phase1';
  }
  return 'phase0';
}

export function recommendPhase(
  verdict: VerdictResult,
  maturityLevel?: LevelNumber | null,
): Recommendation {
  const choice = choosePhase(verdict, maturityLevel);
  if (choice === 'none') {
    return {
      kind: 'phase',
      choice,
      title: 'No roadmap phase yet',
      detail:
        'Focus on good DevOps practices and document your processes; run this assessment again before starting Phase 0.',
      items: ['Good DevOps practices', 'Documented processes'],
      sources:
        verdict.verdict === 'mixed'
          ? [
              guide(
                'whenToAdopt',
                'If growth is steady and your stack is stable, you can wait.',
              ),
              guide(
                'whenToAdopt',
                'Focus on good DevOps practices, document your processes, and revisit this assessment in six months.',
              ),
            ]
          : [
              guide(
                'whenToAdopt',
                'Focus on good DevOps practices, document your processes, and revisit this assessment in six months.',
              ),
            ],
    };
  }
  const phase = roadmapPhases.find(p => p.id === choice)!;
  const sources = [phase.source];
  let detail = `${phase.timeline}: ${phase.focus}.`;
  const items = [...phase.initiatives];
  if (choice === 'phase1') {
    detail = `${phase.timeline}: ${phase.focus}, after a short Phase 0 (1-2 months) to interview developers and form the team.`;
    sources.unshift(roadmapPhases[0].source);
  } else if (choice === 'phase2' || choice === 'phase3') {
    detail = `${phase.timeline}: ${phase.focus}. The maturity assessment shows the earlier phases in place.`;
  }
  return { kind: 'phase', choice, title: phase.name, detail, items, sources };
}

export function chooseTeamStructure(
  colours: Record<FactorId, Colour>,
  maturityLevel?: LevelNumber | null,
): TeamStructureChoice {
  if (colours.teamSize === 'green') {
    return maturityLevel !== undefined &&
      maturityLevel !== null &&
      maturityLevel >= 3
      ? 'hybrid'
      : 'centralised';
  }
  if (colours.teamSize === 'yellow') return 'embedded';
  return 'firstHire';
}

export function recommendTeamStructure(
  colours: Record<FactorId, Colour>,
  maturityLevel?: LevelNumber | null,
): Recommendation {
  const choice = chooseTeamStructure(colours, maturityLevel);
  switch (choice) {
    case 'hybrid':
      return {
        kind: 'teamStructure',
        choice,
        title: 'Hybrid model',
        detail:
          'A central platform team builds core infrastructure while embedded engineers help product teams use it and report back what is missing.',
        items: [],
        sources: [
          guide(
            'teamStructure',
            'Hybrid model: A central platform team builds core infrastructure while embedded engineers help product teams use it and report back what’s missing.',
          ),
          guide(
            'teamStructure',
            'Most mature platform teams use this approach, though it needs more coordination to work well.',
          ),
        ],
      };
    case 'centralised':
      return {
        kind: 'teamStructure',
        choice,
        title: 'Centralised platform team',
        detail:
          'A specialised team builds and maintains the platform for everyone; keep close to developers, since a central team can lose touch with their day-to-day needs.',
        items: [],
        sources: [
          guide(
            'teamStructure',
            'This works well once you hit 100+ engineers and need specialization.',
          ),
        ],
      };
    case 'embedded':
      return {
        kind: 'teamStructure',
        choice,
        title: 'Embedded platform engineers',
        detail:
          'Platform engineers sit within product teams and contribute to both product work and platform improvements; watch for inconsistency between teams.',
        items: [],
        sources: [
          guide(
            'teamStructure',
            'Works best for smaller companies with 50-100 engineers who haven’t standardized continuous delivery yet.',
          ),
        ],
      };
    default:
      return {
        kind: 'teamStructure',
        choice,
        title: 'A first platform hire',
        detail:
          'Under 50 engineers, no platform team yet: start small with one generalist who can code, understands the infrastructure and talks to developers.',
        items: [],
        sources: [
          guide(
            'teamStructure',
            'Start small. Your first platform hire should be a generalist who can code, understand the underlying infrastructure, and talk to developers.',
          ),
        ],
      };
  }
}

/**
 * The guide's staffing stages: up to 4 people are generalists ("For 2-3 people"), 5 to 10 add a
 * product manager ("For 5-8 people"), more than 10 specialise ("More than 10 people").
 */
export function chooseTeamSize(
  platformTeamSize?: number | null,
): TeamSizeChoice {
  if (platformTeamSize === undefined || platformTeamSize === null)
    return 'generalists';
  if (platformTeamSize > 10) return 'specialise';
  if (platformTeamSize >= 5) return 'addProductManager';
  return 'generalists';
}

export function recommendTeamSize(
  platformTeamSize?: number | null,
): Recommendation {
  const choice = chooseTeamSize(platformTeamSize);
  const today =
    platformTeamSize === undefined || platformTeamSize === null
      ? ''
      : ` (${platformTeamSize} today)`;
  if (choice === 'specialise') {
    return {
      kind: 'teamSize',
      choice,
      title: `More than 10 people${today}: specialise`,
      detail:
        'Split into sub-teams focused on CI/CD, infrastructure, developer experience or security.',
      items: ['CI/CD', 'Infrastructure', 'Developer experience', 'Security'],
      sources: [
        guide(
          'teamStructure',
          'More than 10 people, and you can specialize into sub-teams focused on CI/CD, infrastructure, developer experience, or security.',
        ),
      ],
    };
  }
  if (choice === 'addProductManager') {
    return {
      kind: 'teamSize',
      choice,
      title: `5-8 people${today}: add a product manager`,
      detail:
        'A product manager handles prioritisation and stakeholder communication.',
      items: ['Product manager'],
      sources: [
        guide(
          'teamStructure',
          'For 5-8 people, add a product manager to handle prioritization and stakeholder communication.',
        ),
      ],
    };
  }
  return {
    kind: 'teamSize',
    choice,
    title: `Start with 2-3 generalists${today}`,
    detail:
      'Engineers who can ship working tools fast; add a product manager at 5-8 people and specialise past 10.',
    items: ['2-3 generalist platform engineers'],
    sources: [
      guide(
        'teamStructure',
        'For 2-3 people, you need engineers who can ship working tools fast.',
      ),
      guide(
        'teamStructure',
        'For 5-8 people, add a product manager to handle prioritization and stakeholder communication.',
      ),
    ],
  };
}

/**
 * Implementation time by type of organisation: complex (100+ engineers and multi-cloud,
 * microservices, compliance: both factors green), small (under 50 engineers), otherwise
 * medium to large.
 */
export function chooseDuration(
  colours: Record<FactorId, Colour>,
): DurationChoice {
  if (
    colours.teamSize === 'green' &&
    colours.infrastructureComplexity === 'green'
  ) {
    return 'complex';
  }
  if (colours.teamSize === 'red') return 'small';
  return 'mediumToLarge';
}

export function recommendDuration(
  colours: Record<FactorId, Colour>,
): Recommendation {
  const choice = chooseDuration(colours);
  if (choice === 'complex') {
    return {
      kind: 'duration',
      choice,
      title: 'Up to 24 months or more',
      detail:
        'A large organisation with complex infrastructure (multi-cloud, microservices): integrating and standardising takes longer.',
      items: [],
      sources: [
        wescale(
          'leadTimes',
          '- **Complex organizations:** Up to 24 months or more',
        ),
        wescale(
          'leadTimes',
          '- **Complexity of existing infrastructure:** The more complex the existing infrastructure (e.g. multi-cloud, microservices), the greater the effort to integrate and standardize will be.',
        ),
      ],
    };
  }
  if (choice === 'small') {
    return {
      kind: 'duration',
      choice,
      title: '6 to 9 months',
      detail: 'A small organisation can deploy a platform more quickly.',
      items: [],
      sources: [
        wescale('leadTimes', '- **Small organization:** 6 to 9 months.'),
      ],
    };
  }
  return {
    kind: 'duration',
    choice,
    title: '12 to 18 months',
    detail: 'A medium to large organisation needs more time.',
    items: [],
    sources: [
      wescale(
        'leadTimes',
        '- **Medium to large organization:** 12 to 18 months.',
      ),
    ],
  };
}

export function recommendStakeholders(verdict: VerdictResult): Recommendation {
  if (holdsOff(verdict)) {
    return {
      kind: 'stakeholders',
      choice: 'needIdentification',
      title: 'Who watches for the need',
      detail:
        'Before a platform is justified, the people who raise the need keep an eye on it: DevOps teams, developers and technical leadership.',
      items: ['DevOps teams', 'Developers', 'Technical leadership (CTO)'],
      sources: [
        wescale(
          'decisionProcess',
          'The need may be raised by DevOps teams, developers or technical leadership (CTO).',
        ),
      ],
    };
  }
  return {
    kind: 'stakeholders',
    choice: 'all',
    title: 'Stakeholders to involve',
    detail:
      'The CTO or CIO validates the initiative as a strategic priority; a dedicated team of developers, DevOps/Infrastructure members and (technical) product managers designs and builds the platform.',
    items: stakeholders.map(s => `${s.role}: ${s.contribution}`),
    sources: [
      ...stakeholders.map(s => wescale('stakeholders', s.contribution)),
      wescale(
        'decisionProcess',
        'The CTO or CIO validates the initiative as a strategic priority.',
      ),
    ],
  };
}

export function recommendVerdict(verdict: VerdictResult): Recommendation {
  return {
    kind: 'verdict',
    choice: verdict.mixedAdvice ?? verdict.verdict,
    title: verdict.headline,
    detail: verdict.interpretation,
    items: [],
    sources: [verdict.source],
  };
}

export function recommendCadence(): Recommendation {
  return {
    kind: 'cadence',
    choice: 'quarterly',
    title: 'Run this assessment every quarter',
    detail: 'Platform engineering needs grow gradually, then suddenly.',
    items: [],
    sources: [
      guide(
        'whenToAdopt',
        'If you’re unsure, run this assessment every quarter. Platform engineering needs grow gradually, then suddenly.',
      ),
    ],
  };
}

/** Every recommendation for a result, in reading order. */
export function recommend(input: RecommendationInput): Recommendation[] {
  const { colours, verdict, maturityLevel, platformTeamSize } = input;
  return [
    recommendVerdict(verdict),
    recommendScale(colours),
    recommendPhase(verdict, maturityLevel),
    recommendTeamStructure(colours, maturityLevel),
    recommendTeamSize(platformTeamSize),
    recommendDuration(colours),
    recommendStakeholders(verdict),
    recommendCadence(),
  ];
}
