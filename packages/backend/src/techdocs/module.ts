import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { prebuildDocs } from './prebuildDocs';

const defaultSchedule: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 30 },
  initialDelay: { seconds: 20 },
};

/**
 * Builds every entity's TechDocs shortly after start and then on a schedule
 * (`techdocs.prebuild.schedule`), so docs are in search and open at once. One replica runs it
 * (global scope); the TechDocs backend skips sites that are up to date.
 */
export const techdocsPrebuildModule = createBackendModule({
  pluginId: 'techdocs',
  moduleId: 'prebuild',
  register(reg) {
    reg.registerInit({
      deps: {
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ auth, catalog, config, discovery, logger, scheduler }) {
        const scheduleConfig = config.getOptionalConfig(
          'techdocs.prebuild.schedule',
        );
        await scheduler.scheduleTask({
          id: 'techdocs-prebuild',
          scope: 'global',
          ...(scheduleConfig
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                scheduleConfig,
              )
            : defaultSchedule),
          fn: async signal => {
            const { built, failed } = await prebuildDocs(
              { auth, catalog, discovery, logger },
              signal,
            );
            logger.info(
              `TechDocs prebuild: ${built} sites up to date, ${failed} failed`,
            );
          },
        });
      },
    });
  },
});
