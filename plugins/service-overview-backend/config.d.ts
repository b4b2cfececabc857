import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Service overview: GitHub discovery, teams and coverage of the organisations. */
  serviceOverview?: {
    /**
     * GitHub discovery. Off unless `organizations` names at least one organisation; the
     * token or GitHub App comes from the matching `integrations.github` entry.
     */
    github?: {
      /**
       * The GitHub organisations to discover: a list, or one string of comma-separated names
       * (as `GITHUB_ORG` gives it). Empty: discovery is off. Default: empty.
       */
      organizations?: string | string[];
      /**
       * GitHub host of the organisations; must match an `integrations.github` entry.
       * Default: `github.com`.
       */
      host?: string;
      /**
       * Path of the catalog file in each repository's default branch.
       * Default: `/catalog-info.yaml`.
       */
      catalogPath?: string;
      /**
       * Schedule of the repository and organisation providers and of the coverage scan.
       * Default: every 30 minutes, timeout 15 minutes, first run 30 seconds after start.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
