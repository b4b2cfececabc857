import {
  LoggerService,
  resolveSafeChildPath,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { createGithubOctokitProvider } from '@internal/github-octokit';
import path from 'node:path';
import { readClusters } from '@internal/kubernetes-clusters';
import { checkoutFiles, cloneDefaultBranch } from '../lib/existing/checkout';
import {
  CI_WORKFLOW,
  deployedEnvironments,
} from '../lib/existing/serviceFiles';
import { LocalGitHost } from '../lib/LocalGitHost';
import {
  authorizeOwner,
  readPlatformAdmins,
  requireEntity,
} from '../lib/membership';
import { dns1123LabelProblem } from '../lib/names';
import { checkParameter, printable } from '../lib/parameters';

/** Where a component's repository lives. */
export type ServiceRepository =
  | { host: 'local'; name: string }
  | { host: 'github'; owner: string; repo: string };

/**
 * A golden-path component's entity reference, as the templates' picker writes it; the templates'
 * `component` parameter carries the same pattern (a test compares them).
 */
export const COMPONENT_REF_PATTERN =
  '^component:[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
const COMPONENT_REF = new RegExp(COMPONENT_REF_PATTERN);

const GITHUB_OWNER = /^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/;
const GITHUB_REPO = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

function githubRepository(
  owner: string,
  repo: string,
  from: string,
): ServiceRepository {
  const cleanRepo = repo.replace(/\.git$/, '');
  if (!GITHUB_OWNER.test(owner) || !GITHUB_REPO.test(cleanRepo)) {
    throw new InputError(
      `component: ${from} does not name a GitHub repository (${printable(
        `${owner}/${repo}`,
      )})`,
    );
  }
  return { host: 'github', owner, repo: cleanRepo };
}

/**
 * The repository of a component: a working copy of the local git host (the catalog reads its
 * catalog-info.yaml as a `file` location), or GitHub (`github.com/project-slug`, else a
 * `backstage.io/source-location` on github.com).
 */
export function locateRepository(
  entity: Entity,
  host: LocalGitHost,
): ServiceRepository {
  const annotations = entity.metadata.annotations ?? {};
  const managedBy = annotations['backstage.io/managed-by-location'] ?? '';
  if (managedBy.startsWith('file:')) {
    const file = managedBy.slice('file:'.length);
    const name = path.basename(path.dirname(file));
    if (
      host.isInCheckouts(file) &&
      dns1123LabelProblem(name) === undefined &&
      path.dirname(file) === host.checkoutPath(name)
    ) {
      return { host: 'local', name };
    }
  }
  const slug = annotations['github.com/project-slug'];
  if (slug) {
    const [owner = '', repo = '', ...rest] = slug.split('/');
    if (rest.length)
      throw new InputError(
        `component: github.com/project-slug ${printable(
          slug,
        )} is not owner/repository`,
      );
    return githubRepository(owner, repo, 'github.com/project-slug');
  }
  const source = annotations['backstage.io/source-location'] ?? '';
  const match = /^url:https:\/\/github\.com\/([^/]+)\/([^/#?]+)/.exec(source);
  if (match) {
    return githubRepository(match[1], match[2], 'backstage.io/source-location');
  }
  throw new InputError(
    `component: ${stringifyEntityRef(
      entity,
    )} has no repository the portal can change (neither on the local git host nor a github.com/project-slug annotation)`,
  );
}

/** How the action reaches GitHub: the clone URL and the Authorization header of a repository. */
export type GithubAccess = (
  owner: string,
  repo: string,
) => Promise<{ cloneUrl: string; authorization?: string }>;

/**
 * GitHub access from the integrations config (a token or a GitHub App, as every plugin): the
 * repository's clone URL as GitHub's API answers it (GitHub Enterprise and the GitHub stand-in
 * included), accepted only on the integration's own host or API origin, and the token for git.
 */
export function githubAccessFromConfig(
  config: Config,
  logger: LoggerService,
): GithubAccess {
  const integrations = ScmIntegrations.fromConfig(config);
  const credentials =
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  const octokits = createGithubOctokitProvider({
    config,
    logger,
    userAgent: 'acme-golden-paths',
  });
  return async (owner, repo) => {
    const url = `https://github.com/${owner}/${repo}`;
    const integration = integrations.github.byUrl(url);
    if (!integration) {
      throw new InputError(
        `component: no integrations.github entry for github.com; the portal cannot reach ${owner}/${repo}`,
      );
    }
    const { data } = await octokits
      .forUrl(url)
      .octokit.rest.repos.get({ owner, repo });
    const cloneUrl = new URL(data.clone_url);
    const allowed = [
      `https://${integration.config.host}`,
      new URL(integration.config.apiBaseUrl ?? 'https://api.github.com').origin,
    ];
    if (!allowed.includes(cloneUrl.origin)) {
      throw new InputError(
        `component: GitHub answered the clone URL ${
          cloneUrl.origin
        }/…, which is not ${allowed.join(
          ' or ',
        )}; the portal does not clone from it`,
      );
    }
    const { token } = await credentials.getCredentials({ url });
    return {
      cloneUrl: cloneUrl.href,
      authorization: token
        ? `Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`
        : undefined,
    };
  };
}

/**
 * `acme:existing:fetch`, the first step of the golden paths for existing services: checks that
 * the task's user may change the component (a member of its owning team, or a platform admin),
 * finds its repository and clones its current default branch into the workspace.
 */
export function createFetchExistingAction(options: {
  catalog: CatalogService;
  config: Config;
  userInfo: UserInfoService;
  host: LocalGitHost;
  logger: LoggerService;
}) {
  const { catalog, config, userInfo, host, logger } = options;
  const githubAccess = githubAccessFromConfig(config, logger);
  const platformAdmins = readPlatformAdmins(config);
  return createTemplateAction({
    id: 'acme:existing:fetch',
    description:
      "Checks that the user's team owns a component, then clones its repository's default branch (local git host or GitHub) into the workspace.",
    supportsDryRun: true,
    schema: {
      input: {
        component: z =>
          z
            .string()
            .describe(
              'Component entity ref, e.g. component:default/orders-api',
            ),
        targetPath: z =>
          z
            .string()
            .optional()
            .describe('Workspace folder of the clone (default: repo)'),
      },
      output: {
        name: z => z.string().describe('The component name'),
        owner: z => z.string().describe('Its owning group'),
        system: z => z.string().describe('Its system, or an empty string'),
        host: z =>
          z.enum(['local', 'github']).describe('Where the repository lives'),
        localRepository: z =>
          z
            .string()
            .describe('The local git host repository, or an empty string'),
        repoUrl: z =>
          z
            .string()
            .describe(
              'github.com?owner=…&repo=… for GitHub, or an empty string',
            ),
        defaultBranch: z => z.string().describe('The default branch'),
        commit: z => z.string().describe('The commit cloned'),
        environments: z =>
          z
            .array(z.string())
            .describe('The environments its CI workflow deploys to'),
        kubernetesConfigured: z =>
          z.boolean().describe('Whether a Kubernetes cluster is configured'),
      },
    },
    async handler(ctx) {
      const { component, targetPath = 'repo' } = ctx.input;
      const credentials = await ctx.getInitiatorCredentials();
      if (component.length > 140 || !COMPONENT_REF.test(component)) {
        throw new InputError(
          `component: ${printable(
            component,
          )} must be the entity reference of a Component, e.g. component:default/orders-api`,
        );
      }
      const entity = await requireEntity({
        catalog,
        credentials,
        parameter: 'component',
        ref: component,
        kind: 'Component',
      });
      const name = entity.metadata.name;
      checkParameter('name', name);
      const namespace = entity.metadata.namespace ?? 'default';
      const fullRef = (ref: unknown, kind: string) =>
        typeof ref === 'string' && ref
          ? stringifyEntityRef(
              parseEntityRef(ref, {
                defaultKind: kind,
                defaultNamespace: namespace,
              }),
            )
          : '';
      const ownerRef = fullRef(entity.spec?.owner, 'group');
      if (!ownerRef) {
        throw new InputError(
          `component: ${stringifyEntityRef(
            entity,
          )} has no owner in the catalog`,
        );
      }
      const group = await requireEntity({
        catalog,
        credentials,
        parameter: 'component',
        ref: ownerRef,
        kind: 'Group',
      });
      const decision = await authorizeOwner({
        catalog,
        userInfo,
        credentials,
        group,
        platformAdmins,
      });
      ctx.logger.info(
        `${decision.user} may change ${stringifyEntityRef(entity)} (${
          decision.reason === 'member'
            ? `a member of ${ownerRef}`
            : 'a platform admin'
        })`,
      );

      const repository = locateRepository(entity, host);
      const dir = resolveSafeChildPath(ctx.workspacePath, targetPath);
      const access =
        repository.host === 'local'
          ? { cloneUrl: host.repositoryPath(repository.name) }
          : await githubAccess(repository.owner, repository.repo);
      const { defaultBranch, commit } = await cloneDefaultBranch({
        remote: access.cloneUrl,
        dir,
        authorization:
          'authorization' in access ? access.authorization : undefined,
      });
      ctx.logger.info(
        `Cloned ${
          repository.host === 'local'
            ? `${repository.name} from the local git host`
            : `${repository.owner}/${repository.repo} from GitHub`
        } at ${defaultBranch} (${commit})`,
      );
      const files = checkoutFiles(dir);
      const environments =
        files.read(CI_WORKFLOW) === undefined
          ? []
          : deployedEnvironments(files);

      ctx.output('name', name);
      ctx.output('owner', stringifyEntityRef(group));
      ctx.output('system', fullRef(entity.spec?.system, 'system'));
      ctx.output('host', repository.host);
      ctx.output(
        'localRepository',
        repository.host === 'local' ? repository.name : '',
      );
      ctx.output(
        'repoUrl',
        repository.host === 'github'
          ? `github.com?owner=${repository.owner}&repo=${repository.repo}`
          : '',
      );
      ctx.output('defaultBranch', defaultBranch);
      ctx.output('commit', commit);
      ctx.output('environments', environments);
      ctx.output(
        'kubernetesConfigured',
        readClusters(config).clusters.length > 0,
      );
    },
  });
}
