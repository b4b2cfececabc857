import { Config } from '@backstage/config';
import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';

/** GitHub discovery settings; absent (undefined) when no organisation is configured. */
export type GithubDiscoveryConfig = {
  organizations: string[];
  host: string;
  catalogPath: string;
  /** Schedule of the entity provider, the org provider and the coverage scan. */
  schedule: SchedulerServiceTaskScheduleDefinition;
};

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 30 },
};

/**
 * Reads `serviceOverview.github`. `organizations` comes from `GITHUB_ORG` (comma-separated);
 * when it is empty GitHub discovery stays off and the portal keeps its sample catalog.
 */
export function readGithubDiscoveryConfig(
  config: Config,
): GithubDiscoveryConfig | undefined {
  const github = config.getOptionalConfig('serviceOverview.github');
  const raw = github?.getOptional<string | string[]>('organizations');
  const organizations = (Array.isArray(raw) ? raw : (raw ?? '').split(','))
    .map(org => org.trim())
    .filter(Boolean);
  if (!github || organizations.length === 0) return undefined;
  return {
    organizations,
    host: github.getOptionalString('host') ?? 'github.com',
    catalogPath:
      github.getOptionalString('catalogPath') ?? '/catalog-info.yaml',
    schedule: github.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          github.getConfig('schedule'),
        )
      : DEFAULT_SCHEDULE,
  };
}

/** Names of the clusters in `kubernetes.clusterLocatorMethods` of type config. */
export function readClusterNames(config: Config): string[] {
  return (
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? []
  )
    .filter(method => method.getOptionalString('type') === 'config')
    .flatMap(method => method.getOptionalConfigArray('clusters') ?? [])
    .map(cluster => cluster.getString('name'));
}
