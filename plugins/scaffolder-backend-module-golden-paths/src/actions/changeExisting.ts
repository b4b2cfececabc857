import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { addDatabase } from '../lib/existing/addDatabase';
import { addEnvironment } from '../lib/existing/addEnvironment';
import { addMonitoring } from '../lib/existing/addMonitoring';
import { checkoutFiles, writeChange } from '../lib/existing/checkout';
import { databaseResourceName } from '../lib/names';
import {
  CATALOG_INFO,
  CI_WORKFLOW,
  deployedEnvironments,
  ServiceChange,
  ServiceFiles,
} from '../lib/existing/serviceFiles';
import { checkParameter } from '../lib/parameters';

type ChangeInput = {
  name: string;
  environment?: string;
  sourcePath?: string;
  changePath?: string;
};

/**
 * A golden path for an existing service: reads the working copy `acme:existing:fetch` cloned,
 * edits its files structurally (YAML through the yaml Document API, so comments and the team's
 * other edits stay), writes the result back and, file by file, into the folder the pull request
 * is made from. Refuses a service that already has the change, and a file not in the expected
 * shape, naming it.
 */
function createChangeAction(options: {
  id: string;
  description: string;
  branch: (input: ChangeInput) => string;
  change: (files: ServiceFiles, input: ChangeInput) => ServiceChange;
}) {
  return createTemplateAction({
    id: options.id,
    description: options.description,
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().describe('The component (its name in the files)'),
        environment: z =>
          z
            .string()
            .optional()
            .describe('The environment, for the changes that add one'),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe('Working copy in the workspace (default: repo)'),
        changePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder that receives only the changed files (default: change)',
            ),
      },
      output: {
        title: z => z.string().describe('Pull request title'),
        description: z => z.string().describe('Pull request description'),
        branch: z => z.string().describe('The branch of the proposal'),
        files: z => z.array(z.string()).describe('The files changed'),
        environments: z =>
          z
            .array(z.string())
            .describe('The environments the service deploys to'),
        hasDatabase: z =>
          z
            .boolean()
            .describe('Whether the service has a database (after the change)'),
      },
    },
    async handler(ctx) {
      const input = ctx.input;
      checkParameter('name', input.name);
      const checkout = resolveSafeChildPath(
        ctx.workspacePath,
        input.sourcePath ?? 'repo',
      );
      const files = checkoutFiles(checkout);
      const change = options.change(files, input);
      const written = await writeChange(
        change,
        checkout,
        resolveSafeChildPath(ctx.workspacePath, input.changePath ?? 'change'),
      );
      const after = checkoutFiles(checkout);
      ctx.logger.info(`${change.title}: ${written.join(', ')}`);
      ctx.output('title', change.title);
      ctx.output('description', change.description);
      ctx.output('branch', options.branch(input));
      ctx.output('files', written);
      ctx.output(
        'hasDatabase',
        (after.read(CATALOG_INFO) ?? '').includes(
          `resource:${databaseResourceName(input.name)}`,
        ),
      );
      ctx.output(
        'environments',
        after.read(CI_WORKFLOW) === undefined
          ? []
          : deployedEnvironments(after),
      );
    },
  });
}

/** `acme:existing:add-database`: the pg client, readiness check, Secret reference and catalog Resource. */
export function createAddDatabaseAction() {
  return createChangeAction({
    id: 'acme:existing:add-database',
    description:
      'Adds a PostgreSQL database to an existing typescript-service: the pg client, the readiness check, DATABASE_URL from the Secret <name>-db and the catalog Resource the component depends on.',
    branch: () => 'portal/add-database',
    change: (files, input) => addDatabase(files, input.name),
  });
}

/** `acme:existing:add-monitoring`: PodMonitor, alerting rules, Grafana dashboard, catalog annotations. */
export function createAddMonitoringAction() {
  return createChangeAction({
    id: 'acme:existing:add-monitoring',
    description:
      'Adds monitoring to an existing typescript-service: a PodMonitor, Prometheus alerting rules on its own metrics and a Grafana dashboard (k8s/monitoring, included by every overlay), linked from its catalog entry.',
    branch: () => 'portal/add-monitoring',
    change: (files, input) => addMonitoring(files, input.name),
  });
}

/** `acme:existing:add-environment`: the overlay, the CI deploy job and the deploy workflow's choice. */
export function createAddEnvironmentAction() {
  return createChangeAction({
    id: 'acme:existing:add-environment',
    description:
      "Adds an environment to an existing service: its kustomize overlay, the CI workflow's deploy job in the environments' order, and the deploy workflow's choice when it has one.",
    branch: input => `portal/add-environment-${input.environment ?? ''}`,
    change: (files, input) =>
      addEnvironment(files, input.name, input.environment ?? ''),
  });
}
