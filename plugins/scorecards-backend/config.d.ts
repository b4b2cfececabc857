import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Scorecards: checks as code, facts with history, levels and waivers. */
  scorecards?: {
    /**
     * The directory of the check definitions (`*.yaml`, one check per YAML document), relative
     * to the backend's working directory. An invalid definition stops the backend at start with
     * its file, line and reason. Default: `../../scorecards/checks`.
     */
    checksDirectory?: string;
    /**
     * The levels, lowest first; a check names one of them. Default: bronze, silver, gold.
     */
    levels?: string[];
    /**
     * When the facts are collected and every scorecard evaluated. Default: every hour,
     * timeout 30 minutes, first run 1 minute after start.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /**
     * The GitHub facts: read from the repository of each component's `github.com/project-slug`
     * with the token or GitHub App of the matching `integrations.github` entry. Without
     * credentials for the host, the GitHub checks are left out.
     */
    github?: {
      /** Default: `github.com`. */
      host?: string;
      /**
       * A GitHub webhook saying a repository changed (a push to its default branch, a branch
       * protection rule, a finished run on the default branch) re-collects that repository's
       * GitHub facts after this many seconds, once for the whole burst. Default 10; 0 to 600.
       */
      webhookDelaySeconds?: number;
    };
  };
}
