import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  ClusterTarget,
  KubernetesClientLoader,
  kubeConfigFor,
  loadKubernetesClient,
  withTimeout,
} from '@internal/kubernetes-clusters';
import {
  checkCnpgClusterName,
  CnpgClusterDefaults,
  CnpgClusters,
  cnpgCluster,
  specDifferences,
} from './cnpgClusters';
import { describeObject, KubeObject, MANAGED_BY } from './environment';
import { applyObjects, describeClusterError } from './kubeApply';
import {
  databaseResourceName,
  dns1123LabelProblem,
  namespaceFor,
} from './names';
import {
  DatabaseCredentials,
  dropPostgresDatabase,
  ensurePostgresDatabase,
  generatePassword,
} from './postgresDatabases';

export const DATABASE_PROVIDERS = ['postgres', 'cloudnativepg'] as const;
export type DatabaseProviderName = (typeof DATABASE_PROVIDERS)[number];

/** The database settings of one environment (`goldenPaths.databases.environments.<env>`). */
export type DatabaseEnvironmentConfig =
  | {
      provider: 'postgres';
      /** Name of the environment variable holding the admin connection string. */
      adminConnectionEnv: string;
    }
  | ({ provider: 'cloudnativepg' } & CnpgClusterDefaults);

const QUANTITY = /^[1-9][0-9]*(Mi|Gi|Ti)$/;
const RETENTION = /^[1-9][0-9]*[dwm]$/;

function readCnpgDefaults(env: Config, at: string): CnpgClusterDefaults {
  const instances = env.getOptionalNumber('instances') ?? 1;
  if (!Number.isInteger(instances) || instances < 1 || instances > 9) {
    throw new Error(`${at}.instances must be an integer from 1 to 9`);
  }
  const size = env.getString('storage.size');
  if (!QUANTITY.test(size)) {
    throw new Error(`${at}.storage.size must be a quantity like 10Gi`);
  }
  const backup = env.getOptionalConfig('backup');
  const retentionPolicy = backup?.getOptionalString('retentionPolicy') ?? '30d';
  if (backup && !RETENTION.test(retentionPolicy)) {
    throw new Error(
      `${at}.backup.retentionPolicy must be like 30d, 4w or 3m, got "${retentionPolicy}"`,
    );
  }
  return {
    instances,
    storage: {
      size,
      storageClass: env.getOptionalString('storage.storageClass'),
    },
    backup: backup && {
      destinationPath: backup.getString('destinationPath'),
      credentialsSecret: backup.getString('credentialsSecret'),
      endpointURL: backup.getOptionalString('endpointURL'),
      retentionPolicy,
    },
  };
}

/** The environment's database settings, or undefined when it configures no provider. */
export function readDatabaseEnvironment(
  config: Config,
  environment: string,
): DatabaseEnvironmentConfig | undefined {
  const at = `goldenPaths.databases.environments.${environment}`;
  const env = config.getOptionalConfig(at);
  if (!env) return undefined;
  const provider = env.getString('provider');
  if (provider === 'postgres') {
    return {
      provider,
      adminConnectionEnv: env.getString('adminConnectionEnv'),
    };
  }
  if (provider === 'cloudnativepg') {
    return { provider, ...readCnpgDefaults(env, at) };
  }
  throw new Error(
    `${at}.provider: "${provider}" is not supported (supported: ${DATABASE_PROVIDERS.join(
      ', ',
    )})`,
  );
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

/**
 * The Secret `<name>-db` the generated Deployment reads DATABASE_URL from (key `url`), with the
 * parts of the URL beside it. `kubernetes.io/basic-auth` for CloudNativePG, which takes the
 * owner's password from it (`username`, `password`); Opaque otherwise.
 */
export function databaseSecret(
  name: string,
  environment: string,
  credentials: DatabaseCredentials,
  type: 'Opaque' | 'kubernetes.io/basic-auth' = 'Opaque',
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
    type,
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

/** A service's database in one environment. */
export type DatabaseTarget = {
  service: string;
  environment: string;
  /** `<service>-<environment>`: the database, its owner, and the service's namespace. */
  database: string;
};

export type DatabaseRunOptions = {
  dryRun: boolean;
  log: (message: string) => void;
};

export type EnsureDatabaseOutcome = {
  /** What was (or in a dry run would be) done; never a password. */
  steps: string[];
  /** The connection URL, only when no cluster holds the Secret: to be handed over once. */
  handover?: string;
};

/**
 * Where the databases of one environment live. Chosen per environment by
 * `goldenPaths.databases.environments.<env>.provider`; the templates and the generated
 * manifests are the same whichever it is: the service reads `url` from the Secret `<name>-db`.
 */
export interface DatabaseProvider {
  readonly name: DatabaseProviderName;
  /** Creates the database, its owner and the Secret, or verifies them; idempotent. */
  ensure(
    target: DatabaseTarget,
    options: DatabaseRunOptions,
  ): Promise<EnsureDatabaseOutcome>;
  /** Drops the database, its owner and the Secret the portal created; idempotent. */
  drop(
    target: DatabaseTarget,
    options: DatabaseRunOptions,
  ): Promise<{ steps: string[] }>;
}

export type DatabaseProviderDeps = {
  env: NodeJS.ProcessEnv;
  /** The Kubernetes cluster holding the services' namespaces, when one is configured. */
  cluster?: ClusterTarget;
  loadClient?: KubernetesClientLoader;
};

const TIMEOUT_MS = 15_000;

/** Deletes the Secret `<name>-db` of the service's namespace; true when there was one. */
async function deleteDatabaseSecret(
  cluster: ClusterTarget,
  target: DatabaseTarget,
  dryRun: boolean,
  loadClient?: KubernetesClientLoader,
): Promise<boolean> {
  const k8s = await (loadClient ?? loadKubernetesClient)();
  const api = kubeConfigFor(k8s, cluster).makeApiClient(k8s.CoreV1Api);
  const secret = databaseSecret(target.service, target.environment, {
    host: '',
    port: 0,
    database: '',
    username: '',
    password: '',
  });
  try {
    await withTimeout(
      api.deleteNamespacedSecret({
        name: secret.metadata.name,
        namespace: secret.metadata.namespace!,
        dryRun: dryRun ? 'All' : undefined,
      }),
      TIMEOUT_MS,
    );
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 404) return false;
    throw describeClusterError(cluster, secret, error);
  }
}

function postgresProvider(
  settings: Extract<DatabaseEnvironmentConfig, { provider: 'postgres' }>,
  deps: DatabaseProviderDeps,
): DatabaseProvider {
  const adminConnectionString = (environment: string) => {
    const value = deps.env[settings.adminConnectionEnv];
    if (!value) {
      throw new Error(
        `The environment variable ${settings.adminConnectionEnv} (goldenPaths.databases.environments.${environment}.adminConnectionEnv) is not set`,
      );
    }
    return value;
  };
  return {
    name: 'postgres',
    async ensure(target, { dryRun, log }) {
      const result = await ensurePostgresDatabase({
        adminConnectionString: adminConnectionString(target.environment),
        database: target.database,
        service: target.service,
        dryRun,
      });
      if (dryRun || !result.credentials) return { steps: result.steps };
      if (!deps.cluster) {
        return {
          steps: result.steps,
          handover: connectionUrl(result.credentials),
        };
      }
      await applyObjects({
        cluster: deps.cluster,
        objects: [
          databaseSecret(
            target.service,
            target.environment,
            result.credentials,
          ),
        ],
        dryRun: false,
        timeoutMs: TIMEOUT_MS,
        loadClient: deps.loadClient,
        log,
      });
      return { steps: result.steps };
    },
    async drop(target, { dryRun }) {
      const { steps } = await dropPostgresDatabase({
        adminConnectionString: adminConnectionString(target.environment),
        database: target.database,
        service: target.service,
        dryRun,
      });
      if (deps.cluster) {
        const deleted = await deleteDatabaseSecret(
          deps.cluster,
          target,
          dryRun,
          deps.loadClient,
        );
        steps.push(
          deleted
            ? `delete Secret ${databaseResourceName(target.service)}`
            : `Secret ${databaseResourceName(target.service)} does not exist`,
        );
      }
      return { steps };
    },
  };
}

function cnpgProvider(
  defaults: CnpgClusterDefaults,
  deps: DatabaseProviderDeps,
): DatabaseProvider {
  const connect = (environment: string) => {
    if (!deps.cluster) {
      throw new Error(
        `goldenPaths.databases.environments.${environment}.provider is cloudnativepg, which needs a Kubernetes cluster in kubernetes.clusterLocatorMethods; none is configured`,
      );
    }
    return CnpgClusters.connect({
      cluster: deps.cluster,
      loadClient: deps.loadClient,
      timeoutMs: TIMEOUT_MS,
    });
  };
  const clusterOf = (target: DatabaseTarget) =>
    cnpgCluster(
      {
        service: target.service,
        namespace: namespaceFor(target.service, target.environment),
        database: target.database,
      },
      defaults,
    );
  return {
    name: 'cloudnativepg',
    async ensure(target, { dryRun, log }) {
      checkCnpgClusterName(target.service);
      const clusters = await connect(target.environment);
      const wanted = clusterOf(target);
      const what = describeObject(wanted);
      const existing = await clusters.readOwn(wanted, target.service);
      if (existing) {
        const differences = specDifferences(
          wanted.spec as Record<string, unknown>,
          existing.spec as Record<string, unknown>,
        );
        // The operator owns a running Cluster; changing it (resizing, moving backups) is a
        // decision for its team, not a side effect of re-running a template.
        return {
          steps: [
            differences.length === 0
              ? `${what} exists as configured; nothing to do`
              : `${what} exists and differs from the environment's defaults in ${differences.join(
                  ', ',
                )}; left unchanged`,
          ],
        };
      }
      const steps = [
        `write Secret ${databaseResourceName(
          target.service,
        )} with the owner's credentials`,
        `create ${what}: ${defaults.instances} instance(s), ${
          defaults.storage.size
        } storage${defaults.backup ? ', backups' : ''}`,
      ];
      // A dry run stops at the conflict check: in a template's dry run the namespace does not
      // exist yet, and the API server refuses even a dry-run write into a missing namespace.
      if (dryRun) return { steps };
      const host = `${wanted.metadata.name}-rw.${wanted.metadata.namespace}.svc`;
      const secret = databaseSecret(
        target.service,
        target.environment,
        {
          host,
          port: 5432,
          database: target.database,
          username: target.database,
          password: generatePassword(),
        },
        'kubernetes.io/basic-auth',
      );
      // The Secret first: the operator reads the owner's password from it when it bootstraps.
      await applyObjects({
        cluster: deps.cluster!,
        objects: [secret],
        dryRun: false,
        timeoutMs: TIMEOUT_MS,
        loadClient: deps.loadClient,
        log,
      });
      await clusters.create(wanted, false);
      log(`Created ${what} on ${deps.cluster!.name}`);
      return { steps };
    },
    async drop(target, { dryRun }) {
      checkCnpgClusterName(target.service);
      const clusters = await connect(target.environment);
      const wanted = clusterOf(target);
      const what = describeObject(wanted);
      const existing = await clusters.readOwn(wanted, target.service);
      const steps = [
        existing
          ? `delete ${what} with its volumes (backups stay in the object store)`
          : `${what} does not exist; nothing to drop`,
      ];
      if (existing) await clusters.delete(wanted, dryRun);
      const deleted = await deleteDatabaseSecret(
        deps.cluster!,
        target,
        dryRun,
        deps.loadClient,
      );
      steps.push(
        deleted
          ? `delete Secret ${databaseResourceName(target.service)}`
          : `Secret ${databaseResourceName(target.service)} does not exist`,
      );
      return { steps };
    },
  };
}

/** The provider an environment's settings choose. */
export function databaseProviderFor(
  settings: DatabaseEnvironmentConfig,
  deps: DatabaseProviderDeps,
): DatabaseProvider {
  return settings.provider === 'postgres'
    ? postgresProvider(settings, deps)
    : cnpgProvider(settings, deps);
}

/**
 * The database of `service` in `environment` (named like its namespace), checked to be a
 * DNS-1123 label, which is also a valid PostgreSQL identifier.
 */
export function databaseTarget(
  service: string,
  environment: string,
): DatabaseTarget {
  const database = namespaceFor(service, environment);
  const problem = dns1123LabelProblem(database);
  if (problem) {
    throw new InputError(`environments: database "${database}" ${problem}`);
  }
  return { service, environment, database };
}
