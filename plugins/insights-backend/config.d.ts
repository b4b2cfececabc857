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
        /** Median deploy-days per week at or above this: elite. Default: 5. */
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
       * HMAC secret of the GitHub webhook (`X-Hub-Signature-256`). The environment variable
       * `GITHUB_WEBHOOK_SECRET` takes precedence. Without either, deliveries are refused.
       * @visibility secret
       */
      webhookSecret?: string;
      /**
       * GitHub REST API of the backfill. Default: the `apiBaseUrl` of the `github.com` entry in
       * `integrations.github`, else `https://api.github.com`.
       */
      apiBaseUrl?: string;
      /**
       * Token of the backfill. Default: the token of the `github.com` entry in
       * `integrations.github`, else the environment variable `GITHUB_TOKEN`.
       * @visibility secret
       */
      token?: string;
      /** Timeout of each GitHub request, in milliseconds. Default: 30000. */
      requestTimeoutMs?: number;
    };
    /** The scheduled GitHub backfill and repair of deployments, changes and incidents. */
    backfill?: {
      /** Whether the backfill runs. Default: only when a GitHub token is configured. */
      enabled?: boolean;
      /** Minutes between runs. Default: 60. */
      frequencyMinutes?: number;
      /** Minutes after which a run is aborted. Default: 50. */
      timeoutMinutes?: number;
      /** Seconds after start before the first run. Default: 60. */
      initialDelaySeconds?: number;
    };
  };
}
