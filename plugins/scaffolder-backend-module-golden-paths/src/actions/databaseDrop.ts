import {
  DEFAULT_NAMESPACE,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { KubernetesClientLoader } from '@internal/kubernetes-clusters';
import { checkCnpgClusterName } from '../lib/cnpgClusters';
import {
  databaseProviderFor,
  databaseTarget,
  readDatabaseEnvironment,
} from '../lib/databaseProviders';
import { checkParameter, ENVIRONMENTS, printable } from '../lib/parameters';
import { databaseDropPermission } from '../permissions';
import { chooseCluster } from './database';

/**
 * `acme:database:drop`: drops a service's database in one environment, the only way the portal
 * ever does. The task's user must be allowed `golden-paths.database.drop` on the service's
 * component (its owners and platform admins), and must type the database's name,
 * `<name>-<environment>`, as `confirm`. With `provider: postgres` it drops the database and its
 * role (the ones the portal created for the service, nothing else) and deletes the Secret
 * `<name>-db`; with `cloudnativepg` it deletes the Cluster `<name>-db` (its volumes go with it;
 * backups stay in the object store) and the Secret. Idempotent; dry-run lists what it would do.
 */
export function createDropDatabaseAction(options: {
  config: Config;
  permissions: PermissionsService;
  loadClient?: KubernetesClientLoader;
  env?: NodeJS.ProcessEnv;
}) {
  const { config, permissions, loadClient } = options;
  const env = options.env ?? process.env;
  return createTemplateAction({
    id: 'acme:database:drop',
    description:
      "Drops a service's database in one environment, its owner and the Secret <name>-db, for the component's owners and platform admins, after the database's name is typed as confirmation (dry-run).",
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().describe('Service name (its component)'),
        environment: z => z.string().describe('dev, staging or production'),
        confirm: z =>
          z
            .string()
            .describe("The database's name, <name>-<environment>, typed again"),
        cluster: z =>
          z
            .string()
            .optional()
            .describe('Cluster name (default: the first configured one)'),
      },
      output: {
        dropped: z =>
          z.string().describe('The database dropped, as environment/database'),
      },
    },
    async handler(ctx) {
      const { name, environment, confirm } = ctx.input;
      checkParameter('name', name);
      if (!(ENVIRONMENTS as readonly string[]).includes(environment)) {
        throw new InputError(
          `environment: ${printable(
            environment,
          )} is not one of ${ENVIRONMENTS.join(', ')}`,
        );
      }
      const target = databaseTarget(name, environment);
      if (confirm !== target.database) {
        throw new InputError(
          `confirm: type the database's name, ${target.database}, to drop it`,
        );
      }

      const component = stringifyEntityRef({
        kind: 'component',
        namespace: DEFAULT_NAMESPACE,
        name,
      });
      const credentials = await ctx.getInitiatorCredentials();
      const [decision] = await permissions.authorize(
        [{ permission: databaseDropPermission, resourceRef: component }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `You may not drop the databases of ${component}: only its owners and platform admins may`,
        );
      }

      const settings = readDatabaseEnvironment(config, environment);
      if (!settings) {
        throw new InputError(
          `environment: no database provider is configured for ${environment} (goldenPaths.databases.environments.${environment})`,
        );
      }
      if (settings.provider === 'cloudnativepg') checkCnpgClusterName(name);
      const provider = databaseProviderFor(settings, {
        env,
        cluster: chooseCluster(config, ctx.input.cluster),
        loadClient,
      });
      const dryRun = ctx.isDryRun ?? false;
      const log = (message: string) => ctx.logger.info(message);
      const { steps } = await provider.drop(target, { dryRun, log });
      for (const step of steps) {
        ctx.logger.info(
          `${dryRun ? 'Dry run: would ' : ''}${step} (${environment}, ${
            provider.name
          })`,
        );
      }
      ctx.output('dropped', `${environment}/${target.database}`);
    },
  });
}
