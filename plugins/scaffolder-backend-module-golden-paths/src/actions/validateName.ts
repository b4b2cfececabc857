import { Config } from '@backstage/config';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { readClusters } from '../lib/clusters';
import {
  databaseResourceName,
  dns1123LabelProblem,
  MAX_NAME_LENGTH,
  namespaceFor,
} from '../lib/names';

/**
 * `acme:validate-name`, the first step of every golden path: refuses a name that is not a
 * DNS-1123 label, that is taken in the catalog, or whose derived names (namespaces, database
 * resource) would be too long, before anything is created. Also tells the template whether a
 * Kubernetes cluster is configured, so that provisioning runs only where it can.
 */
export function createValidateNameAction(options: {
  catalog: CatalogService;
  config: Config;
}) {
  const { catalog, config } = options;
  return createTemplateAction({
    id: 'acme:validate-name',
    description:
      'Checks that a new component name is a DNS-1123 label that is not in the catalog yet, before any side effect.',
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().describe('The new component name'),
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
      const { name, environments = [], database = false } = ctx.input;
      const problem = dns1123LabelProblem(name);
      if (problem) {
        throw new InputError(`name: "${name}" ${problem}`);
      }
      for (const environment of environments) {
        const envProblem = dns1123LabelProblem(environment);
        if (envProblem)
          throw new InputError(`environments: "${environment}" ${envProblem}`);
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
      const names = database ? [name, databaseResourceName(name)] : [name];
      if (database && databaseResourceName(name).length > MAX_NAME_LENGTH) {
        throw new InputError(
          `name: too long with a database: "${databaseResourceName(
            name,
          )}" would exceed ${MAX_NAME_LENGTH} characters`,
        );
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
            { credentials: await ctx.getInitiatorCredentials() },
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
