/**
 * Upper bounds of the DORA bands; each metric says whether a value must be strictly below a
 * bound or may equal it. A value beyond `medium` is low.
 */
interface DoraBands {
  /** Bound of the elite band. */
  elite?: number;
  /** Bound of the high band. */
  high?: number;
  /** Bound of the medium band. */
  medium?: number;
}

export interface Config {
  /** Insights: DORA delivery metrics, adoption and the developer survey. */
  insights?: {
    /**
     * Regular expression (case-insensitive) that marks a GitHub deployment environment as
     * production; only production deployments count for the DORA metrics.
     * Default: `^prod(uction)?$`.
     */
    productionEnvironmentPattern?: string;
    /**
     * Regular expression (case-insensitive) matched against issue labels; an issue with a
     * matching label is an incident. Default: `incident`.
     */
    incidentLabelPattern?: string;
    /** Bounds of the DORA bands (elite, high, medium, low). Defaults: DORA 2023. */
    thresholds?: {
      deploymentFrequency?: {
        /**
         * Deployments per week at or above this, with the deploy-days below: elite ("multiple
         * times per day": two a working day). Default: 10.
         */
        eliteDeploymentsPerWeek?: number;
        /** Median deploy-days per week at or above this, with the deployments above: elite. Default: 5. */
        eliteDeployDaysPerWeek?: number;
        /** Median deploy-days per week at or above this: high. Default: 1. */
        highDeployDaysPerWeek?: number;
        /** Otherwise, median deploy-days per calendar month at or above this: medium. Default: 1. */
        mediumDeployDaysPerMonth?: number;
      };
      /**
       * Median lead time for changes in hours, strictly below each bound.
       * Defaults: elite 24, high 168, medium 720.
       */
      leadTimeHours?: DoraBands;
      /**
       * Change failure rate as a fraction from 0 to 1, at or below each bound.
       * Defaults: elite 0.05, high 0.10, medium 0.15.
       */
      changeFailureRate?: DoraBands;
      /**
       * Median time to restore service in hours, strictly below each bound.
       * Defaults: elite 1, high 24, medium 168.
       */
      timeToRestoreHours?: DoraBands;
    };
    github?: {
      /**
       * GitHub host of the backfill; its `integrations.github` entry gives the API URL and the
       * credentials (a token or a GitHub App). Default: `github.com`.
       */
      host?: string;
      /** Timeout of each GitHub request, in milliseconds. Default: 30000. */
      requestTimeoutMs?: number;
      /**
       * GitHub organisations (owners) whose repositories the backfill may read: a list, or one
       * comma-separated string. A catalog component naming a repository of any other owner is
       * not crawled. Without it the backfill reads nothing.
       */
      organizations?: string | string[];
    };
    /** The webhook route's write queue and the raw deliveries it keeps. */
    webhooks?: {
      /**
       * Deliveries waiting to be written at most; beyond it, and while the database is
       * unreachable, deliveries are answered 503 (GitHub marks them failed, to redeliver).
       * Default: 1000.
       */
      maxQueuedDeliveries?: number;
      /** Bytes of webhook bodies waiting to be written at most (same answer). Default: 67108864 (64 MB). */
      maxQueuedBytes?: number;
      /**
       * Days a raw delivery's payload is kept; a scheduled cleanup (global scope) removes older
       * payloads and keeps what makes a replayed delivery recognisable. Default: 90.
       */
      retentionDays?: number;
    };
    /** The scheduled GitHub backfill and repair of deployments, changes and incidents. */
    backfill?: {
      /**
       * Whether the backfill runs. Default: only when the `integrations.github` entry of
       * `insights.github.host` has a token or a GitHub App.
       */
      enabled?: boolean;
      /** Minutes between runs. Default: 60. */
      frequencyMinutes?: number;
      /** Minutes after which a run is aborted. Default: 50. */
      timeoutMinutes?: number;
      /** Seconds after start before the first run. Default: 60. */
      initialDelaySeconds?: number;
      /**
       * Pages of issues (100 each) read per repository per run at most; the next run goes on
       * from where this one stopped. Default: 10.
       */
      maxIssuePagesPerRepository?: number;
      /**
       * Minutes before a repository that failed is tried again; doubled at each further failure,
       * up to `maxRetryDelayMinutes`. Default: 60.
       */
      retryDelayMinutes?: number;
      /** Longest wait before a failing repository is tried again, in minutes. Default: 10080 (a week). */
      maxRetryDelayMinutes?: number;
    };
  };
}
