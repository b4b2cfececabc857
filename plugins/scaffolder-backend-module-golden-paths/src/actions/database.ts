import {
  DEFAULT_NAMESPACE,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ClusterTarget,
  KubernetesClientLoader,
  readClusters,
} from '@internal/kubernetes-clusters';
import {
  databaseProviderFor,
  databaseTarget,
  readDatabaseEnvironment,
} from '../lib/databaseProviders';
import { checkCnpgClusterName } from '../lib/cnpgClusters';
import { databaseResourceName } from '../lib/names';
import { checkEnvironments, checkParameter } from '../lib/parameters';

/** The configured cluster of that name, or the first one; undefined when none is configured. */
export function chooseCluster(
  config: Config,
  clusterName: string | undefined,
): ClusterTarget | undefined {
  const { clusters } = readClusters(config);
  const cluster = clusterName
    ? clusters.find(c => c.name === clusterName)
    : clusters[0];
  if (clusterName && !cluster) {
    throw new InputError(
      `cluster: no cluster named "${clusterName}" is configured`,
    );
  }
  return cluster;
}

/**
 * `acme:database:create`: the service's PostgreSQL database in each environment that configures a
 * database provider. With `provider: postgres`, on the server the platform team runs (admin
 * connection string from the environment variable the config names): a database named like the
 * service's namespace, a login role of the same name with a generated password that owns it and
 * may connect to no other database. The credentials become the Secret `<name>-db` in the
 * service's namespace. Without a configured cluster the connection URL is handed over once, as
 * the step's `handover` output (never logged); a re-run sets a new password. Idempotent; a
 * database or role the portal did not create for this service is a conflict.
 *
 * With `provider: cloudnativepg`, a CloudNativePG `Cluster` `<name>-db` in the service's
 * namespace (instances, storage and backups from the environment's config), bootstrapped with
 * the database and owner `<name>-<env>`, whose password the portal generates and writes first as
 * the Secret `<name>-db` the operator and the Deployment both read. An existing Cluster of the
 * portal's for this service is left as it is; anyone else's is a conflict.
 */
export function createDatabaseAction(options: {
  config: Config;
  loadClient?: KubernetesClientLoader;
  env?: NodeJS.ProcessEnv;
}) {
  const { config, loadClient } = options;
  const env = options.env ?? process.env;
  return createTemplateAction({
    id: 'acme:database:create',
    description:
      "Creates the service's PostgreSQL database and owner per environment (on a PostgreSQL server, or as a CloudNativePG Cluster) and writes the credentials as the Secret <name>-db (idempotent; dry-run).",
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().describe('Service name (its kubernetes-id)'),
        environments: z =>
          z.array(z.string()).describe('Environments, e.g. [dev, staging]'),
        cluster: z =>
          z
            .string()
            .optional()
            .describe('Cluster name (default: the first configured one)'),
      },
      output: {
        resourceRef: z =>
          z
            .string()
            .describe(
              "The database's catalog Resource (from the generated catalog-info.yaml), resource:default/<name>-db",
            ),
        databases: z =>
          z
            .array(z.string())
            .describe('Databases created or verified, as environment/database'),
        handover: z =>
          z
            .record(z.string(), z.string())
            .optional()
            .describe(
              'Connection URLs per environment, only when no cluster is configured to hold them',
            ),
      },
    },
    async handler(ctx) {
      const { name, environments, cluster: clusterName } = ctx.input;
      checkParameter('name', name);
      checkEnvironments(environments);
      const plans = environments.flatMap(environment => {
        const settings = readDatabaseEnvironment(config, environment);
        if (!settings) {
          ctx.logger.info(
            `No database provider is configured for ${environment} (goldenPaths.databases.environments.${environment}); skipped`,
          );
          return [];
        }
        // Every name is checked before any environment is touched.
        if (settings.provider === 'cloudnativepg') checkCnpgClusterName(name);
        return [{ target: databaseTarget(name, environment), settings }];
      });
      const cluster = chooseCluster(config, clusterName);

      const databases: string[] = [];
      const handover: Record<string, string> = {};
      const log = (message: string) => ctx.logger.info(message);
      for (const { target, settings } of plans) {
        const provider = databaseProviderFor(settings, {
          env,
          cluster,
          loadClient,
        });
        const dryRun = ctx.isDryRun ?? false;
        const outcome = await provider.ensure(target, { dryRun, log });
        for (const step of outcome.steps) {
          ctx.logger.info(
            `${dryRun ? 'Dry run: would ' : ''}${step} (${
              target.environment
            }, ${provider.name})`,
          );
        }
        databases.push(`${target.environment}/${target.database}`);
        if (outcome.handover) {
          ctx.logger.info(
            `No Kubernetes cluster is configured: the credentials of ${target.database} are in this step's output, shown once`,
          );
          handover[target.environment] = outcome.handover;
        }
      }
      ctx.output(
        'resourceRef',
        stringifyEntityRef({
          kind: 'resource',
          namespace: DEFAULT_NAMESPACE,
          name: databaseResourceName(name),
        }),
      );
      ctx.output('databases', databases);
      if (Object.keys(handover).length > 0) ctx.output('handover', handover);
    },
  });
}
