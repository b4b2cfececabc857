/**
 * The CNCF Platform Engineering Maturity Model: five aspects, each at one of four levels.
 * The questions and their wording are this portal's own.
 */
export type AspectId =
  | 'investment'
  | 'adoption'
  | 'interfaces'
  | 'operations'
  | 'measurement';

export const aspectIds: readonly AspectId[] = [
  'investment',
  'adoption',
  'interfaces',
  'operations',
  'measurement',
];

/** Levels 1 to 4. */
export type LevelNumber = 1 | 2 | 3 | 4;

export type LevelId = 'provisional' | 'operational' | 'scalable' | 'optimizing';

export const levels: ReadonlyArray<{
  level: LevelNumber;
  id: LevelId;
  label: string;
}> = [
  { level: 1, id: 'provisional', label: 'Provisional' },
  { level: 2, id: 'operational', label: 'Operational' },
  { level: 3, id: 'scalable', label: 'Scalable' },
  { level: 4, id: 'optimizing', label: 'Optimizing' },
];

export const levelIds: readonly LevelId[] = levels.map(l => l.id);

export type MaturityQuestion = {
  id: string;
  text: string;
  /** One statement per level, index 0 is level 1. */
  options: [string, string, string, string];
};

export type Aspect = {
  id: AspectId;
  label: string;
  question: string;
  /** What each level looks like for this aspect, index 0 is level 1. */
  levels: [string, string, string, string];
  /**
   * One concrete step in this portal to reach each next level: index 0 leads from level 1 to
   * 2, index 2 from 3 to 4, index 3 keeps level 4.
   */
  steps: [string, string, string, string];
  questions: MaturityQuestion[];
};

export const aspects: readonly Aspect[] = [
  {
    id: 'investment',
    label: 'Investment',
    question: 'How are staff and funds allocated to platform capabilities?',
    levels: [
      'Voluntary or temporary: people build shared tools on the side of project work.',
      'Dedicated team: a named team is funded to run shared tools.',
      'As product: the platform has a product owner, a roadmap and a product budget.',
      'Enabled ecosystem: funding follows measured value and every team can contribute.',
    ],
    steps: [
      'Make the team that runs the platform the owner of its components in the catalog and record its on-call annotation.',
      'Publish the platform roadmap as TechDocs in the portal and name its product owner on the platform team’s catalog page.',
      'Review the portal’s ROI page with finance every quarter and move budget to the capabilities with the best return.',
      'Keep it: re-run this assessment every quarter and compare it with the previous one before each budget round.',
    ],
    questions: [
      {
        id: 'investment.people',
        text: 'Who works on shared platform capabilities?',
        options: [
          'Individuals in their spare time, when a project needs it',
          'A named team, funded to keep shared tools running',
          'A team funded as a product, with a roadmap and a product owner',
          'A product team whose funding follows measured value, with contributions from every team',
        ],
      },
      {
        id: 'investment.funding',
        text: 'How is platform work funded?',
        options: [
          'Out of project budgets, case by case',
          'A fixed operations budget',
          'A product budget planned every quarter against a roadmap',
          'Budget moves to the capabilities with the best measured return',
        ],
      },
      {
        id: 'investment.roadmapTime',
        text: 'How much of the platform team’s time goes to roadmap work rather than firefighting?',
        options: [
          'Almost none: it is all tickets and incidents',
          'Some, when support is quiet',
          'A planned share, close to the 60-70% a roadmap needs',
          'A planned share, adjusted every quarter from support and incident data',
        ],
      },
    ],
  },
  {
    id: 'adoption',
    label: 'Adoption',
    question: 'Why and how do users discover and use platform capabilities?',
    levels: [
      'Erratic: some teams use some tools, nobody knows which.',
      'Extrinsic push: teams use the platform because they are told to.',
      'Intrinsic pull: teams choose the platform because it is the easiest path.',
      'Participatory: teams contribute capabilities back to the platform.',
    ],
    steps: [
      'Register every team’s services in the catalog so the platform team can see who uses what.',
      'Make the golden-path templates under Create the default way to start a service and announce each new one.',
      'Accept templates and plugins from product teams through pull requests on the portal’s repository.',
      'Keep it: review contributed templates with their authors every quarter and retire unused ones.',
    ],
    questions: [
      {
        id: 'adoption.usage',
        text: 'How do teams come to use the platform?',
        options: [
          'Some teams use some tools; nobody tracks which',
          'Teams are required to use it (mandates, reviews)',
          'Teams choose it because it is the easiest path',
          'Teams contribute features and templates back',
        ],
      },
      {
        id: 'adoption.newServices',
        text: 'How are new services started?',
        options: [
          'Copied from another repository by hand',
          'From a documented checklist',
          'From a golden-path template that most new services use',
          'From templates that teams improve and publish themselves',
        ],
      },
      {
        id: 'adoption.feedback',
        text: 'How do developers influence the platform?',
        options: [
          'They don’t, beyond complaining',
          'Through tickets to the platform team',
          'Through regular surveys, office hours and a public roadmap',
          'They co-own parts of the platform and shape the roadmap',
        ],
      },
    ],
  },
  {
    id: 'interfaces',
    label: 'Interfaces',
    question: 'How do users interact with and consume platform capabilities?',
    levels: [
      'Custom processes: every request is handled differently.',
      'Standard tooling: shared, documented tools, used with help.',
      'Self-service solutions: developers serve themselves through a portal or API.',
      'Integrated services: capabilities are wired into the tools developers already use.',
    ],
    steps: [
      'Write down the standard tools and link them from each service’s catalog page.',
      'Add a software template for the most requested piece of infrastructure (for example a database) so it needs no ticket.',
      'Make templates register what they create in the catalog, in its system, so nothing is created outside the portal’s view.',
      'Keep it: check every quarter that each self-service capability appears in the catalog and its TechDocs.',
    ],
    questions: [
      {
        id: 'interfaces.provisioning',
        text: 'How do developers get infrastructure such as a database or an environment?',
        options: [
          'A ticket and a wait',
          'Standard scripts or tools, run with help',
          'Self-service from the portal or an API, without a ticket',
          'Requested together with the service and wired automatically',
        ],
      },
      {
        id: 'interfaces.documentation',
        text: 'Where do developers find how things work?',
        options: [
          'In people’s heads',
          'On wiki pages, often outdated',
          'In docs next to the code, published in the portal',
          'In one searchable catalog of docs, APIs and owners, kept current automatically',
        ],
      },
      {
        id: 'interfaces.ownership',
        text: 'How do you find who owns a service and what it depends on?',
        options: [
          'By asking around',
          'In a spreadsheet or wiki list',
          'In a software catalog kept by the teams',
          'In a catalog fed automatically and used by other tools',
        ],
      },
    ],
  },
  {
    id: 'operations',
    label: 'Operations',
    question:
      'How are platform capabilities planned, prioritised, developed and maintained?',
    levels: [
      'By request: each request is done by hand.',
      'Centrally tracked: requests go through one queue and are followed.',
      'Centrally enabled: teams serve themselves; the platform team runs the tooling.',
      'Managed services: capabilities run with agreed service levels.',
    ],
    steps: [
      'Give every component in the catalog an owner and an on-call annotation.',
      'Link runbooks and dashboards from the catalog and move routine operations into software templates.',
      'Write service levels for the platform’s own components and publish them in their TechDocs.',
      'Keep it: review the platform’s service levels with the teams that depend on them every quarter.',
    ],
    questions: [
      {
        id: 'operations.requests',
        text: 'How are platform capabilities operated?',
        options: [
          'By request, each one done by hand',
          'Through one tracked queue handled by a team',
          'Teams serve themselves; the platform team runs the tooling',
          'As managed services with agreed service levels',
        ],
      },
      {
        id: 'operations.incidents',
        text: 'What happens when a shared component breaks?',
        options: [
          'Whoever notices fixes it',
          'A known on-call handles it case by case',
          'On-call with runbooks and dashboards linked from the catalog',
          'Service levels, alerts and postmortems that feed the roadmap',
        ],
      },
      {
        id: 'operations.upgrades',
        text: 'How are tools and templates upgraded?',
        options: [
          'Rarely, when something breaks',
          'By the platform team, on its own schedule',
          'Planned and announced, with versioned templates',
          'Continuously and automatically, rolled out safely to every team',
        ],
      },
    ],
  },
  {
    id: 'measurement',
    label: 'Measurement',
    question:
      'What is the process for gathering and incorporating feedback and learning?',
    levels: [
      'Ad hoc: anecdotes, nothing collected regularly.',
      'Consistent collection: the same numbers, collected the same way.',
      'Insights: delivery and adoption metrics drive decisions.',
      'Quantitative and qualitative: numbers and surveys combined, including cost.',
    ],
    steps: [
      'Re-run this assessment every quarter for each team and keep its history in the portal.',
      'Follow each team’s delivery metrics on the portal’s insights page and discuss them with this assessment.',
      'Bring delivery metrics, this assessment and the ROI calculation together in the quarterly steering review.',
      'Keep it: compare each quarter’s assessment with the previous one and publish the changes to developers.',
    ],
    questions: [
      {
        id: 'measurement.metrics',
        text: 'What do you measure about the platform?',
        options: [
          'Nothing regularly',
          'Usage counts, collected the same way every time',
          'Delivery metrics (such as DORA) and adoption, used to decide',
          'Delivery, adoption, satisfaction and cost, combined',
        ],
      },
      {
        id: 'measurement.satisfaction',
        text: 'How do you know whether developers are satisfied?',
        options: [
          'From anecdotes',
          'From an occasional survey',
          'From a regular survey, followed over time',
          'From surveys joined with usage data to explain the numbers',
        ],
      },
      {
        id: 'measurement.value',
        text: 'How is the platform’s value reported to leadership?',
        options: [
          'It isn’t',
          'As activity (tickets closed, tools deployed)',
          'As outcomes: lead time, onboarding time, time saved',
          'As return on investment, reviewed with finance every quarter',
        ],
      },
    ],
  },
];

export const questionIds: readonly string[] = aspects.flatMap(a =>
  a.questions.map(q => q.id),
);

export function aspectOfQuestion(questionId: string): AspectId | undefined {
  return aspects.find(a => a.questions.some(q => q.id === questionId))?.id;
}

export function levelNumberOf(level: LevelNumber | LevelId): LevelNumber {
  if (typeof level === 'number') return level;
  const found = levels.find(l => l.id === level);
  if (!found) throw new Error(`Unknown maturity level '${level}'`);
  return found.level;
}

/**
 * The mean of integer answers, rounded to two decimals (half up). Computed on hundredths so
 * that no binary fraction creeps in: round(sum × 100 / n) / 100.
 */
export function meanToTwoDecimals(values: readonly number[]): number {
  if (values.length === 0) throw new Error('Cannot average no values');
  const sum = values.reduce((a, b) => a + b, 0);
  return Math.round((sum * 100) / values.length) / 100;
}

/** The level reached by a score: its whole part, between 1 and 4. */
export function levelOfScore(score: number): LevelNumber {
  return Math.min(4, Math.max(1, Math.floor(score + 1e-9))) as LevelNumber;
}

export type AspectResult = {
  aspect: AspectId;
  label: string;
  /** Mean of the answers, 1 to 4, two decimals. */
  score: number;
  level: LevelNumber;
  levelId: LevelId;
  /** The next level, null at level 4. */
  nextLevel: LevelNumber | null;
  nextLevelId: LevelId | null;
  /** What the next level looks like (at level 4: what level 4 looks like). */
  nextLevelDescription: string;
  /** One concrete step in this portal toward the next level. */
  step: string;
};

export type MaturityResult = {
  aspects: AspectResult[];
  /** Mean of the five aspect scores, two decimals. */
  overall: number;
  overallLevel: LevelNumber;
};

/** Answers per question id, as level numbers. */
export type MaturityAnswers = Record<string, LevelNumber>;

export function scoreAspect(
  aspect: Aspect,
  answers: MaturityAnswers,
): AspectResult {
  const values = aspect.questions.map(q => {
    const value = answers[q.id];
    if (value === undefined) throw new Error(`Missing answer for '${q.id}'`);
    return value;
  });
  const score = meanToTwoDecimals(values);
  const level = levelOfScore(score);
  const next = level < 4 ? ((level + 1) as LevelNumber) : null;
  return {
    aspect: aspect.id,
    label: aspect.label,
    score,
    level,
    levelId: levels[level - 1].id,
    nextLevel: next,
    nextLevelId: next ? levels[next - 1].id : null,
    nextLevelDescription: aspect.levels[(next ?? 4) - 1],
    step: aspect.steps[level - 1],
  };
}

/** Scores every aspect and the overall mean of the aspect scores. */
export function scoreMaturity(answers: MaturityAnswers): MaturityResult {
  const results = aspects.map(a => scoreAspect(a, answers));
  // The overall score averages the rounded aspect scores on hundredths: they are exact there.
  const hundredths = results.map(r => Math.round(r.score * 100));
  const overall =
    Math.round(hundredths.reduce((a, b) => a + b, 0) / results.length) / 100;
  return { aspects: results, overall, overallLevel: levelOfScore(overall) };
}
