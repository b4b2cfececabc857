import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { git, PORTAL_GIT_IDENTITY } from '../lib/git';
import { LocalGitHost } from '../lib/LocalGitHost';
import { printable } from '../lib/parameters';

/** The branches the portal proposes changes on: `portal/<what>`. */
export const PORTAL_BRANCH = /^portal\/[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * `acme:publish:local-branch`: the local git host's counterpart of a pull request. Commits the
 * changed working copy (cloned by `acme:existing:fetch`) on a branch `portal/<what>` and pushes
 * it to the repository; a re-run replaces the branch with the new proposal. A branch someone else
 * has committed to is never overwritten.
 */
export function createPublishLocalBranchAction(options: {
  host: LocalGitHost;
}) {
  const { host } = options;
  return createTemplateAction({
    id: 'acme:publish:local-branch',
    description:
      'Commits the changed working copy of a local git host repository on a portal/<what> branch and pushes it (replacing an earlier proposal of the portal).',
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().describe('Repository name on the local git host'),
        branch: z => z.string().describe('Branch, portal/<what>'),
        title: z => z.string().describe('First line of the commit message'),
        description: z =>
          z.string().optional().describe('Body of the commit message'),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe('The working copy in the workspace (default: repo)'),
      },
      output: {
        remoteUrl: z => z.string().describe('The repository (clone URL)'),
        branch: z => z.string().describe('The branch pushed'),
        commit: z => z.string().describe('Its commit'),
        defaultBranch: z =>
          z.string().describe('The branch it proposes to change'),
      },
    },
    async handler(ctx) {
      const {
        name,
        branch,
        title,
        description,
        sourcePath = 'repo',
      } = ctx.input;
      if (!PORTAL_BRANCH.test(branch)) {
        throw new InputError(
          `branch: ${printable(branch)} must look like portal/add-database`,
        );
      }
      const remote = host.repositoryPath(name);
      const dir = resolveSafeChildPath(ctx.workspacePath, sourcePath);
      const origin = await git(
        ['config', '--get', 'remote.origin.url'],
        dir,
      ).catch(() => '');
      if (origin !== remote) {
        throw new InputError(
          `sourcePath: ${sourcePath} is not a clone of ${name} on the local git host`,
        );
      }
      const defaultBranch = await git(
        ['symbolic-ref', '--short', 'HEAD'],
        remote,
      );
      const existing = await git(
        ['log', '-1', '--format=%ae', `refs/heads/${branch}`, '--'],
        remote,
      ).catch(() => '');
      if (existing && existing !== PORTAL_GIT_IDENTITY.email) {
        throw new ConflictError(
          `${branch} of ${name} has commits by ${existing}; merge or delete that branch before running the golden path again`,
        );
      }
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would push ${branch} to ${remote}`);
        ctx.output('remoteUrl', remote);
        ctx.output('branch', branch);
        ctx.output('commit', 'dry-run');
        ctx.output('defaultBranch', defaultBranch);
        return;
      }
      await git(['checkout', '-q', '-B', branch], dir);
      await git(['add', '-A'], dir);
      await git(
        [
          'commit',
          '-q',
          '-m',
          description ? `${title}\n\n${description}` : title,
        ],
        dir,
      );
      await git(
        ['push', '-q', '--force', 'origin', `${branch}:${branch}`],
        dir,
      );
      const commit = await git(['rev-parse', 'HEAD'], dir);
      ctx.logger.info(
        `${
          existing ? 'Updated' : 'Pushed'
        } ${branch} of ${name} (${commit}); review it with: git fetch ${remote} ${branch} && git diff ${defaultBranch}...FETCH_HEAD`,
      );
      ctx.output('remoteUrl', remote);
      ctx.output('branch', branch);
      ctx.output('commit', commit);
      ctx.output('defaultBranch', defaultBranch);
    },
  });
}
