/** Where a fact comes from: the retriever that collects it. */
export type FactSource =
  | 'catalog'
  | 'insights'
  | 'github'
  | 'kubernetes'
  | 'goldenPath';

/** A boolean fact (a property a service has or lacks) or a numeric one with its unit. */
export type FactDefinition =
  | { id: string; source: FactSource; type: 'boolean'; label: string }
  | {
      id: string;
      source: FactSource;
      type: 'number';
      label: string;
      /** Written after the value: `31 h`, `12 %`, `3 deploys/week`. */
      unit: string;
    };

/**
 * Every fact a check may name. A retriever writes only these ids; a check naming another id,
 * or a numeric rule on a boolean fact, is refused when the definitions are loaded.
 */
export const FACTS: readonly FactDefinition[] = [
  // catalog
  {
    id: 'catalog.ownerIsTeam',
    source: 'catalog',
    type: 'boolean',
    label: 'owner is a team in the catalog',
  },
  {
    id: 'catalog.hasSystem',
    source: 'catalog',
    type: 'boolean',
    label: 'part of a system',
  },
  {
    id: 'catalog.hasLifecycle',
    source: 'catalog',
    type: 'boolean',
    label: 'lifecycle set',
  },
  {
    id: 'catalog.hasDescription',
    source: 'catalog',
    type: 'boolean',
    label: 'description written',
  },
  {
    id: 'catalog.hasTechDocs',
    source: 'catalog',
    type: 'boolean',
    label: 'TechDocs annotation',
  },
  {
    id: 'catalog.providedApisHaveDefinitions',
    source: 'catalog',
    type: 'boolean',
    label: 'every provided API has a definition',
  },
  {
    id: 'catalog.hasOnCallLink',
    source: 'catalog',
    type: 'boolean',
    label: 'on-call link',
  },
  {
    id: 'catalog.hasDashboardLink',
    source: 'catalog',
    type: 'boolean',
    label: 'dashboard link',
  },
  // insights (DORA, the last 90 days)
  {
    id: 'insights.leadTimeHours',
    source: 'insights',
    type: 'number',
    label: 'lead time',
    unit: 'h',
  },
  {
    id: 'insights.changeFailureRatePercent',
    source: 'insights',
    type: 'number',
    label: 'change failure rate',
    unit: '%',
  },
  {
    id: 'insights.deploymentsPerWeek',
    source: 'insights',
    type: 'number',
    label: 'deployments',
    unit: '/week',
  },
  {
    id: 'insights.timeToRestoreHours',
    source: 'insights',
    type: 'number',
    label: 'time to restore',
    unit: 'h',
  },
  {
    id: 'insights.leadTimeBandRank',
    source: 'insights',
    type: 'number',
    label: 'lead time band (elite 4 … low 1)',
    unit: '',
  },
  {
    id: 'insights.changeFailureRateBandRank',
    source: 'insights',
    type: 'number',
    label: 'change failure rate band (elite 4 … low 1)',
    unit: '',
  },
  // GitHub
  {
    id: 'github.defaultBranchProtected',
    source: 'github',
    type: 'boolean',
    label: 'default branch protected',
  },
  {
    id: 'github.hasCodeowners',
    source: 'github',
    type: 'boolean',
    label: 'CODEOWNERS file',
  },
  {
    id: 'github.hasCiWorkflow',
    source: 'github',
    type: 'boolean',
    label: 'CI workflow',
  },
  {
    id: 'github.lastDefaultBranchRunPassed',
    source: 'github',
    type: 'boolean',
    label: 'last CI run on the default branch passed',
  },
  {
    id: 'github.hasDependencyUpdates',
    source: 'github',
    type: 'boolean',
    label: 'Dependabot or Renovate configured',
  },
  {
    id: 'github.hasImageScan',
    source: 'github',
    type: 'boolean',
    label: 'image scan step in CI',
  },
  // Kubernetes
  {
    id: 'kubernetes.hasProbes',
    source: 'kubernetes',
    type: 'boolean',
    label: 'liveness and readiness probes',
  },
  {
    id: 'kubernetes.hasResourceRequestsAndLimits',
    source: 'kubernetes',
    type: 'boolean',
    label: 'resource requests and limits',
  },
  {
    id: 'kubernetes.productionReplicas',
    source: 'kubernetes',
    type: 'number',
    label: 'replicas in production',
    unit: '',
  },
  {
    id: 'kubernetes.restrictiveSecurityContext',
    source: 'kubernetes',
    type: 'boolean',
    label: 'restrictive securityContext',
  },
  // golden paths (the template annotations the golden paths write into catalog-info.yaml)
  {
    id: 'goldenPath.createdFromTemplate',
    source: 'goldenPath',
    type: 'boolean',
    label: 'created from a golden path',
  },
  {
    id: 'goldenPath.versionsBehind',
    source: 'goldenPath',
    type: 'number',
    label: 'versions behind its golden path',
    unit: '',
  },
];

const FACTS_BY_ID = new Map(FACTS.map(fact => [fact.id, fact]));

/** The definition of a fact id, or undefined for an id no retriever collects. */
export function factDefinition(id: string): FactDefinition | undefined {
  return FACTS_BY_ID.get(id);
}

/** The DORA band as a number a threshold can compare: elite 4, high 3, medium 2, low 1. */
export const DORA_BAND_RANK = { elite: 4, high: 3, medium: 2, low: 1 } as const;
