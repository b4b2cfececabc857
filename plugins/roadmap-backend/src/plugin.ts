import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { notificationService } from '@backstage/plugin-notifications-node';
import { roadmapPermissions } from '@internal/plugin-roadmap-common';
import { DatabaseRoadmapStore } from './database/DatabaseRoadmapStore';
import { createRouter } from './service/router';
import { createInitiativeDirectory } from './services/Roadmap/createInitiativeDirectory';
import { createRoadmapService } from './services/Roadmap/createRoadmapService';

/**
 * Roadmap: the platform team's public roadmap in seed 004's phases, developers' proposals and
 * votes, and the answers, of which the proposer is notified.
 *
 * @public
 */
export const roadmapPlugin = createBackendPlugin({
  pluginId: 'roadmap',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        database: coreServices.database,
        discovery: coreServices.discovery,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        notifications: notificationService,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init(deps) {
        deps.permissionsRegistry.addPermissions(roadmapPermissions);
        const store = await DatabaseRoadmapStore.create({
          database: deps.database,
        });
        const service = createRoadmapService({
          store,
          initiatives: createInitiativeDirectory({
            auth: deps.auth,
            discovery: deps.discovery,
          }),
          notifications: deps.notifications,
          logger: deps.logger,
        });
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            service,
          }),
        );
      },
    });
  },
});
