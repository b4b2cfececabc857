import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { readClusters } from '../lib/clusters';
import { KubeObject, MANAGED_BY } from '../lib/environment';
import { applyObjects, KubernetesClientLoader } from '../lib/kubeApply';
import {
  databaseResourceName,
  dns1123LabelProblem,
  namespaceFor,
} from '../lib/names';
import { checkEnvironments, checkParameter } from '../lib/parameters';
import {
  DatabaseCredentials,
  ensurePostgresDatabase,
} from '../lib/postgresDatabases';

/** The database settings of one environment (`goldenPaths.databases.environments.<env>`). */
export type DatabaseEnvironmentConfig = {
  provider: 'postgres';
  /** Name of the environment variable holding the admin connection string. */
  adminConnectionEnv: string;
};

export function readDatabaseEnvironment(
  config: Config,
  environment: string,
): DatabaseEnvironmentConfig | undefined {
  const env = config.getOptionalConfig(
    `goldenPaths.databases.environments.${environment}`,
  );
  if (!env) return undefined;
  const provider = env.getString('provider');
  if (provider !== 'postgres') {
    throw new Error(
      `goldenPaths.databases.environments.${environment}.provider: "${provider}" is not supported (supported: postgres)`,
    );
  }
  return {
    provider,
    adminConnectionEnv: env.getString('adminConnectionEnv'),
  };
}

/** postgresql://user:password@host:port/database, every part percent-encoded. */
export function connectionUrl(credentials: DatabaseCredentials): string {
  const host = credentials.host.includes(':')
    ? `[${credentials.host}]`
    : credentials.host;
  return `postgresql://${encodeURIComponent(
    credentials.username,
  )}:${encodeURIComponent(credentials.password)}@${host}:${
    credentials.port
  }/${encodeURIComponent(credentials.database)}`;
}

/** The Secret the generated Deployment reads DATABASE_URL from (key `url`). */
export function databaseSecret(
  name: string,
  environment: string,
  credentials: DatabaseCredentials,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: databaseResourceName(name),
      namespace: namespaceFor(name, environment),
      labels: {
        'app.kubernetes.io/managed-by': MANAGED_BY,
        'backstage.io/kubernetes-id': name,
      },
    },
    type: 'Opaque',
    stringData: {
      url: connectionUrl(credentials),
      host: credentials.host,
      port: String(credentials.port),
      database: credentials.database,
      username: credentials.username,
      password: credentials.password,
    },
  } as KubeObject;
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
      "Creates the service's PostgreSQL database and login role per environment and writes the credentials as the Secret <name>-db (idempotent; dry-run).",
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
        const database = namespaceFor(name, environment);
        const problem = dns1123LabelProblem(database);
        if (problem) {
          throw new InputError(
            `environments: database "${database}" ${problem}`,
          );
        }
        return [{ environment, database, settings }];
      });

      const { clusters } = readClusters(config);
      const cluster = clusterName
        ? clusters.find(c => c.name === clusterName)
        : clusters[0];
      if (clusterName && !cluster) {
        throw new InputError(
          `cluster: no cluster named "${clusterName}" is configured`,
        );
      }

      const databases: string[] = [];
      const handover: Record<string, string> = {};
      for (const { environment, database, settings } of plans) {
        const adminConnectionString = env[settings.adminConnectionEnv];
        if (!adminConnectionString) {
          throw new Error(
            `The environment variable ${settings.adminConnectionEnv} (goldenPaths.databases.environments.${environment}.adminConnectionEnv) is not set`,
          );
        }
        const result = await ensurePostgresDatabase({
          adminConnectionString,
          database,
          service: name,
          dryRun: ctx.isDryRun ?? false,
        });
        for (const step of result.steps) {
          ctx.logger.info(
            `${ctx.isDryRun ? 'Dry run: would ' : ''}${step} (${environment})`,
          );
        }
        databases.push(`${environment}/${database}`);
        if (ctx.isDryRun || !result.credentials) continue;
        if (cluster) {
          await applyObjects({
            cluster,
            objects: [databaseSecret(name, environment, result.credentials)],
            dryRun: false,
            timeoutMs: 15_000,
            loadClient,
            log: message => ctx.logger.info(message),
          });
        } else {
          ctx.logger.info(
            `No Kubernetes cluster is configured: the credentials of ${database} are in this step's output, shown once`,
          );
          handover[environment] = connectionUrl(result.credentials);
        }
      }
      ctx.output('databases', databases);
      if (Object.keys(handover).length > 0) ctx.output('handover', handover);
    },
  });
}
