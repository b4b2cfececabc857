import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceRef,
  metricsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createGithubOctokitProvider } from '@internal/github-octokit';
import { insightsPermissions } from '@internal/plugin-insights-common';
import { createInsightsActions } from './actions/createInsightsActions';
import { DatabaseInsightsStore } from './database/DatabaseInsightsStore';
import { readInsightsConfig } from './config';
import { BACKFILL_TASK_ID, createRouter } from './service/router';
import { AdoptionService } from './services/Adoption/AdoptionService';
import { ScaffolderTaskSource } from './services/Adoption/TaskSource';
import { GithubBackfill } from './services/Backfill/GithubBackfill';
import { CohortService } from './services/Cohorts/CohortService';
import { DoraService } from './services/Dora/DoraService';
import { ScopeResolver } from './services/Scope/ScopeResolver';
import { SurveyService } from './services/Survey/SurveyService';

/**
 * Insights: platform adoption, DORA delivery metrics and developer satisfaction.
 *
 * @public
 */
export const insightsPlugin = createBackendPlugin({
  pluginId: 'insights',
  register(env) {
    env.registerInit({
      deps: {
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        logger: coreServices.logger,
        rootConfig: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        metrics: metricsServiceRef,
      },
      async init(deps) {
        const { database, httpRouter, logger, scheduler, auth } = deps;
        const config = readInsightsConfig(deps.rootConfig);
        const stores = await DatabaseInsightsStore.create({
          database,
          patterns: config,
          queueLimits: config.webhooks,
        });
        deps.permissionsRegistry.addPermissions(insightsPermissions);

        const github = stores.github;
        await github.reclassify();
        // What waits in this replica's webhook queue, read at each scrape (docs/observability.md).
        deps.metrics
          .createObservableGauge('portal.webhook.queue.deliveries', {
            description:
              'GitHub deliveries waiting for their batch to commit (acknowledged only after it)',
          })
          .addCallback(gauge => gauge.observe(github.queued().deliveries));
        deps.metrics
          .createObservableGauge('portal.webhook.queue.bytes', {
            description: 'Bytes of the GitHub deliveries waiting in the queue',
            unit: 'By',
          })
          .addCallback(gauge => gauge.observe(github.queued().bytes));
        const scopes = new ScopeResolver(deps.catalog);
        const githubApi = createGithubOctokitProvider({
          config: deps.rootConfig,
          logger,
          userAgent: 'acme-portal-insights',
          timeoutMs: config.github.requestTimeoutMs,
        });
        const backfill = new GithubBackfill({
          backfillStore: stores.backfill,
          store: github,
          logger,
          octokit: repository =>
            githubApi.forUrl(`https://${config.github.host}/${repository}`)
              .octokit,
          repositories: async () =>
            scopes.allRepositories(await auth.getOwnServiceCredentials()),
          organizations: config.github.organizations,
          maxIssuePagesPerRepository:
            config.backfill.maxIssuePagesPerRepository,
          retryDelayMinutes: config.backfill.retryDelayMinutes,
          maxRetryDelayMinutes: config.backfill.maxRetryDelayMinutes,
        });

        // Anonymous, GitHub allows 60 requests an hour: by default the backfill runs only
        // when the integration has a token or an app.
        if (
          config.backfill.enabled ??
          githubApi.hasCredentials(config.github.host)
        ) {
          if (config.github.organizations.length === 0) {
            logger.warn(
              'insights: insights.github.organizations is not set; the backfill reads no repository',
            );
          }
          await scheduler.scheduleTask({
            id: BACKFILL_TASK_ID,
            scope: 'global',
            frequency: { minutes: config.backfill.frequencyMinutes },
            timeout: { minutes: config.backfill.timeoutMinutes },
            initialDelay: { seconds: config.backfill.initialDelaySeconds },
            fn: signal => backfill.run(signal),
          });
        }
        const survey = new SurveyService(stores.survey);
        // Comments lose the trace of the transaction that wrote them with their author's answer.
        await scheduler.scheduleTask({
          id: 'insights-survey-comments-shuffle',
          scope: 'global',
          frequency: { hours: 1 },
          timeout: { minutes: 10 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            await survey.shuffleComments();
          },
        });
        // Raw deliveries are kept for the configured retention only.
        await scheduler.scheduleTask({
          id: 'insights-github-events-retention',
          scope: 'global',
          frequency: { hours: 6 },
          timeout: { minutes: 30 },
          initialDelay: { minutes: 5 },
          fn: async signal => {
            const removed = await github.removeExpiredPayloads(
              config.webhooks.retentionDays,
              signal,
            );
            if (removed > 0) {
              logger.info('insights: removed expired webhook payloads', {
                removed,
                retentionDays: config.webhooks.retentionDays,
              });
            }
          },
        });
        // Every write appends to the DORA counts; folding keeps their reads short.
        await scheduler.scheduleTask({
          id: 'insights-fold-dora-counts',
          scope: 'global',
          frequency: { minutes: 1 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 30 },
          fn: () => stores.dora.foldCounts(),
        });
        const dora = new DoraService(stores.dora, config.thresholds);
        const adoption = new AdoptionService(
          stores.adoption,
          new ScaffolderTaskSource(deps.discovery, auth),
        );
        httpRouter.use(
          await createRouter({
            logger,
            discovery: deps.discovery,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            userInfo: deps.userInfo,
            config,
            github,
            scopes,
            dora,
            survey,
            scheduler,
            adoption,
            backfill,
            cohorts: new CohortService(stores.cohorts),
          }),
        );
        // The earlier webhook URL only relays to /api/events/http/github, which checks the signature.
        httpRouter.addAuthPolicy({
          path: '/github/webhook',
          allow: 'unauthenticated',
        });
        createInsightsActions({
          actionsRegistry: deps.actionsRegistry,
          permissions: deps.permissions,
          scopes,
          dora,
          adoption,
        });
      },
    });
  },
});
