/** A link shown on a service: repository, docs or a dashboard. */
export type ServiceLink = { title: string; url: string };

/** The people to call about a service: its owner and the owner's on-call contact. */
export type ServiceOwner = {
  entityRef: string;
  title?: string;
  /** False when the owner does not exist in the catalog. */
  exists: boolean;
  /** The user ref from the group's `acme.example/on-call` annotation. */
  onCall?: string;
  email?: string;
};

/** Where a service runs, as far as its annotations say. */
export type ServiceRuntime = {
  kubernetesId?: string;
  namespace?: string;
  /** Names of the clusters configured in the portal (all are searched for the id). */
  clusters: string[];
};

/** The golden path a component came from. */
export type GoldenPath = { template: string; version?: string };

/** One row of the services page. */
export type ServiceSummary = {
  entityRef: string;
  name: string;
  title?: string;
  description?: string;
  type?: string;
  lifecycle?: string;
  system?: string;
  owner?: ServiceOwner;
  goldenPath?: GoldenPath;
  repository?: ServiceLink;
  docs?: ServiceLink;
  dashboards: ServiceLink[];
  kubernetesId?: string;
  namespace?: string;
};

/** A page of services with the catalog's cursors. */
export type ServicesPage = {
  items: ServiceSummary[];
  totalItems: number;
  nextCursor?: string;
  prevCursor?: string;
};

/** Values offered by the services page's filters, with how many components carry each. */
export type ServiceFacets = Record<
  'owner' | 'system' | 'lifecycle' | 'goldenPath',
  Array<{ value: string; count: number }>
>;

/** The latest deployment of a service, as the insights plugin knows it. */
export type LatestDeployment = {
  /** Deployments in the window the insights plugin was asked about. */
  deployments: number;
  windowDays: number;
  /** Start (ISO date) of the most recent week with at least one deployment. */
  latestWeekStart?: string;
};

/** Everything the entity overview card shows. */
export type ServiceOverview = ServiceSummary & {
  runtime: ServiceRuntime;
  latestDeployment?: LatestDeployment;
};

/** The checks of the catalog hygiene page. */
export const hygieneChecks = [
  'ownerMissing',
  'noDocs',
  'noSystem',
  'orphaned',
] as const;
export type HygieneCheck = (typeof hygieneChecks)[number];

export type HygieneEntity = {
  entityRef: string;
  kind: string;
  name: string;
  title?: string;
  owner?: string;
  system?: string;
  location?: string;
};

export type HygienePage = {
  check: HygieneCheck;
  items: HygieneEntity[];
  totalItems: number;
  nextCursor?: string;
  prevCursor?: string;
};

export type HygieneSummary = Record<HygieneCheck, number>;

/** A repository of a configured organisation with no `catalog-info.yaml` in the catalog. */
export type UncataloguedRepository = {
  organization: string;
  name: string;
  url: string;
  description?: string;
  lastPushAt?: string;
  language?: string;
  /** A group or user ref: from CODEOWNERS, else the team with admin rights. */
  likelyOwner?: string;
  likelyOwnerSource?: 'codeowners' | 'admin-team';
};

export type CoverageSummary = {
  /** False when no GitHub organisation is configured; the numbers below are then 0. */
  configured: boolean;
  organizations: string[];
  repositories: number;
  covered: number;
  /** covered ÷ repositories, 0–1; null without repositories. */
  share: number | null;
  scannedAt?: string;
};
