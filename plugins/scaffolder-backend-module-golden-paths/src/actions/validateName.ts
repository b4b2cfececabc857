import { UserInfoService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { readClusters } from '@internal/kubernetes-clusters';
import { checkCnpgClusterName } from '../lib/cnpgClusters';
import { readDatabaseEnvironment } from '../lib/databaseProviders';
import {
  authorizeOwner,
  readPlatformAdmins,
  requireEntity,
} from '../lib/membership';
import {
  databaseResourceName,
  MAX_NAME_LENGTH,
  namespaceFor,
} from '../lib/names';
import { checkEnvironments, checkParameter } from '../lib/parameters';

/**
 * `acme:validate-name`, the first step of every golden path, re-checks on the server every
 * parameter that reaches a generated file, before any side effect: the name is a DNS-1123 label
 * that is free in the catalog and whose derived names (namespaces, database resource) fit; the
 * description is one line of plain text; the owner is a team in the catalog that the task's user
 * belongs to (or the user is a platform admin); the system exists; the GitHub repository and the
 * environments are well-formed. The scaffolder applies the template's schema to a posted task,
 * but not to a template that lost its patterns or passes other values to this step: this check
 * is the one that counts. Also tells the template whether a Kubernetes cluster is configured,
 * so that provisioning runs only where it can.
 */
export function createValidateNameAction(options: {
  catalog: CatalogService;
  config: Config;
  userInfo: UserInfoService;
}) {
  const { catalog, config, userInfo } = options;
  const platformAdmins = readPlatformAdmins(config);
  return createTemplateAction({
    id: 'acme:validate-name',
    description:
      "Checks a golden path's parameters before any side effect: a free DNS-1123 name, a one-line description, an owning team the user belongs to, an existing system.",
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().describe('The new component name'),
        description: z =>
          z.string().optional().describe('The one-line description'),
        owner: z =>
          z
            .string()
            .describe(
              'Owning Group entity ref; the user must be a member (or a platform admin)',
            ),
        system: z => z.string().optional().describe('System entity ref'),
        repoUrl: z =>
          z
            .string()
            .optional()
            .describe('GitHub repository, github.com?owner=…&repo=…'),
        environments: z =>
          z
            .array(z.string())
            .optional()
            .describe('Environments whose namespaces will be created'),
        database: z =>
          z
            .boolean()
            .optional()
            .describe('Whether a database Resource entity is created too'),
      },
      output: {
        kubernetesConfigured: z =>
          z
            .boolean()
            .describe(
              'Whether a Kubernetes cluster is configured for provisioning',
            ),
        clusters: z =>
          z.array(z.string()).describe('Names of the configured clusters'),
      },
    },
    async handler(ctx) {
      const {
        name,
        description,
        owner,
        system,
        repoUrl,
        environments = [],
        database = false,
      } = ctx.input;
      checkParameter('name', name);
      if (description !== undefined) checkParameter('description', description);
      checkParameter('owner', owner);
      if (system) checkParameter('system', system);
      if (repoUrl) checkParameter('repoUrl', repoUrl);
      checkEnvironments(environments);
      for (const environment of environments) {
        const namespace = namespaceFor(name, environment);
        if (namespace.length > MAX_NAME_LENGTH) {
          throw new InputError(
            `name: too long for the ${environment} environment: its namespace "${namespace}" would have ${
              namespace.length
            } characters (at most ${MAX_NAME_LENGTH}); use at most ${
              MAX_NAME_LENGTH - environment.length - 1
            } characters`,
          );
        }
      }
      // A CloudNativePG Cluster has a shorter name limit than a namespace: refuse here, before
      // the repository is published, not at the database step.
      if (
        database &&
        environments.some(
          environment =>
            readDatabaseEnvironment(config, environment)?.provider ===
            'cloudnativepg',
        )
      ) {
        checkCnpgClusterName(name);
      }
      const names = database ? [name, databaseResourceName(name)] : [name];
      if (database && databaseResourceName(name).length > MAX_NAME_LENGTH) {
        throw new InputError(
          `name: too long with a database: "${databaseResourceName(
            name,
          )}" would exceed ${MAX_NAME_LENGTH} characters`,
        );
      }

      const credentials = await ctx.getInitiatorCredentials();
      const group = await requireEntity({
        catalog,
        credentials,
        parameter: 'owner',
        ref: owner,
        kind: 'Group',
        type: 'team',
      });
      const decision = await authorizeOwner({
        catalog,
        userInfo,
        credentials,
        group,
        platformAdmins,
      });
      ctx.logger.info(
        `${decision.user} may create components owned by ${owner} (${
          decision.reason === 'member' ? 'a member' : 'a platform admin'
        })`,
      );
      if (system) {
        await requireEntity({
          catalog,
          credentials,
          parameter: 'system',
          ref: system,
          kind: 'System',
        });
      }

      // A retried task re-runs this step after its own entities were registered: the
      // checkpoint keeps the first, successful answer.
      const taken = await ctx.checkpoint({
        key: `validate-name-${name}`,
        fn: async () => {
          const { items } = await catalog.getEntities(
            {
              filter: names.map(n => ({ 'metadata.name': n })),
              fields: ['kind', 'metadata.name', 'metadata.namespace'],
            },
            { credentials },
          );
          return items.map(entity => stringifyEntityRef(entity));
        },
      });
      if (taken.length > 0) {
        throw new InputError(
          `name: "${name}" is already taken in the catalog by ${taken.join(
            ', ',
          )}; choose another name`,
        );
      }

      const { clusters, skipped } = readClusters(config);
      if (skipped.length) {
        ctx.logger.info(
          `Kubernetes clusters the portal cannot provision: ${skipped.join(
            ', ',
          )}`,
        );
      }
      ctx.logger.info(
        `"${name}" is free${
          clusters.length
            ? `; Kubernetes clusters: ${clusters.map(c => c.name).join(', ')}`
            : '; no Kubernetes cluster is configured, environments will not be provisioned'
        }`,
      );
      ctx.output('kubernetesConfigured', clusters.length > 0);
      ctx.output(
        'clusters',
        clusters.map(c => c.name),
      );
    },
  });
}
