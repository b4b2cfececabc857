import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Golden path upgrades: services made from a golden path are offered its newer versions. */
  goldenPathUpgrades?: {
    /**
     * The git repository holding `templates/<name>/` with each template's versions.yaml.
     * Default: the portal's repository root (the folder holding `backstage.json`).
     */
    templatesRepository?: string;
    /**
     * When upgrades are prepared for every service behind its template.
     * Default: every hour, timeout 30 minutes, first run 2 minutes after start.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /**
     * How many upgrades the scheduled run prepares at a time (they mostly wait on git and
     * the file system). Default: 8.
     */
    concurrency?: number;
  };
}
