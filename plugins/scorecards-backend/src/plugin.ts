import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { createGithubOctokitProvider } from '@internal/github-octokit';
import { readClusters } from '@internal/kubernetes-clusters';
import { insightsServiceRef } from '@internal/plugin-insights-node';
import { scorecardsPermissions } from '@internal/plugin-scorecards-common';
import { loadCheckDefinitions, readScorecardsConfig } from './config';
import { DatabaseInitiativeStore } from './database/DatabaseInitiativeStore';
import { DatabaseScorecardStore } from './database/DatabaseScorecardStore';
import { createRouter } from './service/router';
import { createCatalogRetriever } from './services/Facts/createCatalogRetriever';
import {
  createGithubRetriever,
  GithubFactRetriever,
} from './services/Facts/createGithubRetriever';
import { subscribeGithubChanges } from './services/Facts/githubChanges';
import {
  createGoldenPathRetriever,
  goldenPathTemplatesDirectory,
  templateVersionsFromDirectory,
} from './services/Facts/createGoldenPathRetriever';
import { createInsightsRetriever } from './services/Facts/createInsightsRetriever';
import { createKubernetesRetriever } from './services/Facts/createKubernetesRetriever';
import { FactRetriever } from './services/Facts/types';
import { createInitiativeService } from './services/Initiatives/createInitiativeService';
import { createScorecardService } from './services/Scorecards/createScorecardService';

/** The scheduler's id of the collection and evaluation. */
export const SCORECARDS_TASK_ID = 'scorecards-collect-and-evaluate';

/**
 * Scorecards: checks as code (YAML) evaluated against facts collected on the scheduler, with
 * their history, levels, team and organisation summaries, and waivers.
 *
 * @public
 */
export const scorecardsPlugin = createBackendPlugin({
  pluginId: 'scorecards',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        events: eventsServiceRef,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        insights: insightsServiceRef,
        logger: coreServices.logger,
        notifications: notificationService,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        userInfo: coreServices.userInfo,
      },
      async init(deps) {
        const { config, logger, scheduler } = deps;
        const settings = readScorecardsConfig(config);
        // an invalid definition stops the start here, naming file, line and reason
        const checks = await loadCheckDefinitions(
          settings.checksDirectory,
          settings.levels,
        );
        logger.info('Scorecard checks loaded', {
          checks: checks.length,
          directory: settings.checksDirectory,
        });
        const store = await DatabaseScorecardStore.create({
          database: deps.database,
        });
        deps.permissionsRegistry.addPermissions(scorecardsPermissions);

        const retrievers: FactRetriever[] = [
          createInsightsRetriever({
            insights: deps.insights,
            auth: deps.auth,
            logger,
          }),
          createGoldenPathRetriever({
            catalog: deps.catalog,
            auth: deps.auth,
            logger,
            versionsOf: templateVersionsFromDirectory(
              goldenPathTemplatesDirectory(config),
            ),
          }),
        ];
        const github = createGithubOctokitProvider({
          config,
          logger,
          userAgent: 'acme-portal-scorecards',
        });
        let githubRetriever: GithubFactRetriever | undefined;
        if (github.hasCredentials(settings.githubHost)) {
          githubRetriever = createGithubRetriever({
            octokitFor: async owner =>
              github.forUrl(`https://${settings.githubHost}/${owner}`),
            logger,
            // the daily total per repository (GET /github/requests)
            recordRequests: (repository, requests) =>
              store.addGithubRequests(repository, requests, new Date()),
          });
          retrievers.push(githubRetriever);
        }
        // the clusters of the Kubernetes plugin the portal reads with its own service account
        const clusters = readClusters(config).clusters;
        if (clusters.length > 0) {
          retrievers.push(
            createKubernetesRetriever({
              clusters,
              catalog: deps.catalog,
              auth: deps.auth,
              logger,
            }),
          );
        }

        const service = createScorecardService({
          store,
          checks,
          levels: settings.levels,
          catalogRetriever: createCatalogRetriever({
            catalog: deps.catalog,
            auth: deps.auth,
          }),
          retrievers,
          githubRetriever,
          userInfo: deps.userInfo,
          logger,
        });

        // a webhook saying a repository changed re-collects that repository's GitHub facts now
        if (githubRetriever) {
          await subscribeGithubChanges({
            events: deps.events,
            logger,
            collect: repository => service.collectRepository(repository),
            delayMs: settings.githubWebhookDelayMs,
          });
        }

        const initiatives = createInitiativeService({
          store: new DatabaseInitiativeStore(await deps.database.getClient()),
          levels: settings.levels,
          notifications: deps.notifications,
        });

        await scheduler.scheduleTask({
          id: SCORECARDS_TASK_ID,
          scope: 'global',
          ...settings.schedule,
          fn: async signal => {
            await service.refresh(signal as AbortSignal | undefined);
            // after the evaluation, so the owners are told from today's levels
            try {
              const sent = await initiatives.notifyOwners();
              if (sent > 0) logger.info('Initiative notices sent', { sent });
            } catch (error) {
              logger.warn('Initiative notices not sent', error as Error);
            }
          },
        });

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            service,
            initiatives,
            triggerRefresh: () => scheduler.triggerTask(SCORECARDS_TASK_ID),
          }),
        );
      },
    });
  },
});
