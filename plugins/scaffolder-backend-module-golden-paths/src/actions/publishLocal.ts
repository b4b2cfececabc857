import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { LocalGitHost } from '../lib/LocalGitHost';

/**
 * `acme:publish:local`: publishes the workspace to the embedded git host, so that a golden
 * path works end to end without GitHub credentials. Idempotent on retry.
 */
export function createPublishLocalAction(options: { host: LocalGitHost }) {
  const { host } = options;
  return createTemplateAction({
    id: 'acme:publish:local',
    description:
      'Publishes the workspace as the first commit of a bare repository on the local git host (.data/git/<name>.git) and keeps a working copy for the catalog.',
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().describe('Repository name (a DNS-1123 label)'),
        description: z =>
          z.string().optional().describe('Used in the first commit message'),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder of the workspace to publish (default: all of it)',
            ),
        defaultBranch: z =>
          z.string().optional().describe('Default branch (default: main)'),
      },
      output: {
        remoteUrl: z =>
          z.string().describe('Clone URL: the bare repository path'),
        repoContentsUrl: z => z.string().describe('The working copy folder'),
        catalogInfoPath: z =>
          z.string().describe("The working copy's catalog-info.yaml"),
        commitHash: z =>
          z.string().describe('The commit at the tip of the default branch'),
      },
    },
    async handler(ctx) {
      const {
        name,
        description,
        sourcePath,
        defaultBranch = 'main',
      } = ctx.input;
      const sourceDir = sourcePath
        ? resolveSafeChildPath(ctx.workspacePath, sourcePath)
        : ctx.workspacePath;
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would publish ${sourceDir} to ${host.repositoryPath(name)}`,
        );
        ctx.output('remoteUrl', host.repositoryPath(name));
        ctx.output('repoContentsUrl', host.checkoutPath(name));
        ctx.output(
          'catalogInfoPath',
          `${host.checkoutPath(name)}/catalog-info.yaml`,
        );
        ctx.output('commitHash', 'dry-run');
        return;
      }
      const template = ctx.templateInfo?.entityRef ?? 'a golden path';
      const result = await host.publish({
        name,
        sourceDir,
        defaultBranch,
        commitMessage: `Initial commit from ${template}${
          description ? `\n\n${description}` : ''
        }`,
        log: message => ctx.logger.info(message),
      });
      ctx.logger.info(`Clone it with: git clone ${result.remoteUrl}`);
      ctx.output('remoteUrl', result.remoteUrl);
      ctx.output('repoContentsUrl', result.checkoutPath);
      ctx.output('catalogInfoPath', result.catalogInfoPath);
      ctx.output('commitHash', result.commit);
    },
  });
}
