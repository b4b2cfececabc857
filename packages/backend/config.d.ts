import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  permission?: {
    /**
     * Group entity refs whose members may do everything in the portal,
     * e.g. `group:default/platform-team`. Defaults to that group.
     */
    platformAdmins?: string[];
  };
  techdocs?: {
    prebuild?: {
      /**
       * When the portal builds every entity's TechDocs ahead of the first reader.
       * Default: 20 s after start, then every 30 minutes.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
