import { createBackend } from '@backstage/backend-defaults';
import { githubWebhookModule } from '@internal/plugin-insights-backend';
import { checkDatabase } from './database/checkDatabase';
import { databaseServiceFactory } from './database/databaseServiceFactory';
import { rootHealthServiceFactory } from './health';
import { portalRootHttpRouterServiceFactory } from './rateLimit';

async function main() {
  const unreachable = await checkDatabase();
  if (unreachable) {
    // One clear line, not the database manager's retries and stack traces.
    process.stderr.write(`${unreachable}\n`);
    process.exit(1);
  }

  const backend = createBackend();

  // Each plugin's knex migrations run under a PostgreSQL advisory lock, so that replicas
  // starting together never break knex's lock table (docs/decisions/migrations-across-replicas.md).
  backend.add(databaseServiceFactory);

  // Readiness answers 503 while PostgreSQL is away; liveness does not depend on it.
  backend.add(rootHealthServiceFactory);
  // Requests are limited per user (userRateLimit); GitHub webhooks and health probes are not.
  backend.add(portalRootHttpRouterServiceFactory);

  backend.add(import('@backstage/plugin-app-backend'));
  backend.add(import('@backstage/plugin-proxy-backend'));

  // Auth: guest sign-in locally, GitHub when its client id and secret are configured.
  backend.add(import('@backstage/plugin-auth-backend'));
  backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
  backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));

  // Permissions: the portal's own policy (platform admins, members, owners).
  backend.add(import('@backstage/plugin-permission-backend'));
  backend.add(import('./permissions'));

  // Catalog
  backend.add(import('@backstage/plugin-catalog-backend'));
  backend.add(
    import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
  );
  backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

  // Golden paths
  backend.add(import('@backstage/plugin-scaffolder-backend'));
  backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
  backend.add(
    import('@backstage/plugin-scaffolder-backend-module-notifications'),
  );

  // TechDocs, and search on PostgreSQL over the catalog and TechDocs
  backend.add(import('@backstage/plugin-techdocs-backend'));
  backend.add(import('./techdocs'));
  backend.add(import('@backstage/plugin-search-backend'));
  backend.add(import('@backstage/plugin-search-backend-module-pg'));
  backend.add(import('@backstage/plugin-search-backend-module-catalog'));
  backend.add(import('./search'));
  backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

  backend.add(import('@backstage/plugin-kubernetes-backend'));
  backend.add(import('@backstage/plugin-user-settings-backend'));
  backend.add(import('@backstage/plugin-notifications-backend'));
  backend.add(import('@backstage/plugin-signals-backend'));
  backend.add(import('@backstage/plugin-mcp-actions-backend'));

  // Insights: DORA delivery metrics from GitHub, platform adoption, developer survey.
  backend.add(import('@internal/plugin-insights-backend'));
  // ROI calculator: the business case of the platform, saved scenarios with versions.
  backend.add(import('@internal/plugin-roi-backend'));
  // Readiness: platform readiness and maturity assessments per team, with their history.
  backend.add(import('@internal/plugin-readiness-backend'));
  // Events: the portal's one GitHub webhook (POST /api/events/http/github): signature, payload
  // and insights' durable store checked before GitHub is answered; see
  // docs/decisions/one-github-webhook.md. It replaces @backstage/plugin-events-backend-module-github.
  backend.add(import('@backstage/plugin-events-backend'));
  backend.add(githubWebhookModule);
  // Service overview: overview card, hygiene, coverage; GitHub discovery when GITHUB_ORG is set.
  backend.add(import('@internal/plugin-service-overview-backend'));
  // Deployments: deploy, promote and roll back a component through its own deploy workflow,
  // permission-checked per environment and audited; its recent CI runs (docs/deployments.md).
  backend.add(import('@internal/plugin-deployments-backend'));
  // Scorecards: every component against the checks of scorecards/checks/*.yaml, with the facts
  // behind each result, levels, team and organisation summaries, waivers (docs/scorecards.md).
  backend.add(import('@internal/plugin-scorecards-backend'));
  // Costs: each workload on the connected clusters priced per day (requests at costs.prices, or
  // a cluster's OpenCost allocation), by service, team and organisation (docs/costs.md).
  backend.add(import('@internal/plugin-costs-backend'));
  // Golden path upgrades: services behind their golden path get its newer versions as a
  // three-way-merged branch or pull request (docs/golden-path-upgrades.md).
  backend.add(import('@internal/plugin-golden-path-upgrades-backend'));
  // Value delivered: a saved ROI scenario adopted as the baseline of the organisation or a team,
  // and every quarter after it the case's expected figures beside what was measured (docs/value.md).
  backend.add(import('@internal/plugin-value-backend'));
  // Roadmap: the platform team's public roadmap in seed 004's phases, developers' proposals
  // and votes, the answers notified to the proposer (docs/roadmap.md).
  backend.add(import('@internal/plugin-roadmap-backend'));
  // Golden paths: name check, local git host (and its catalog provider), Kubernetes environments.
  backend.add(
    import('@internal/plugin-scaffolder-backend-module-golden-paths'),
  );
  await backend.start();
}

main();
