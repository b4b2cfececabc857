#!/usr/bin/env node
/*
 * GitHub rate-limit cost of discovering an organisation of BENCH_REPOS repositories (default
 * 1,000: 70 % with a catalog file, 10 % with CODEOWNERS only, 20 % with neither), 40 teams
 * and 300 members, against the local GitHub stand-in (@internal/github-stand-in), with the
 * portal's real clients:
 *
 *   - Backstage's GitHub entity provider (GraphQL: repositories and their catalog file);
 *   - Backstage's GitHub org provider (GraphQL: teams with members, organisation members);
 *   - the catalog's first read of every registered catalog file (GitHub URL reader, REST),
 *     then a second read with the ETag it got (304: free of the primary rate limit);
 *   - the coverage scan (REST: repository list, CODEOWNERS, repository teams), then a
 *     rescan with nothing pushed in between.
 *
 * It prints the requests of each step, requests per repository, and the share of GitHub's
 * 5,000 requests an hour a full discovery spends. No database is needed.
 *
 * Run: `./portal node bench/github-discovery.mjs` (BENCH_REPOS=5000 for a larger org).
 */
import { requireSource, workspaceRequire } from './lib/workspace.mjs';

const require = workspaceRequire('plugins/service-overview-backend');

const { ConfigReader } = require('@backstage/config');
const {
  GithubEntityProvider,
  GithubOrgEntityProvider,
} = require('@backstage/plugin-catalog-backend-module-github');
const { UrlReaders } = require('@backstage/backend-defaults/urlReader');
const standInPackage = require('@internal/github-stand-in');

const { CoverageScanner } = requireSource(
  require,
  'src/services/Coverage/CoverageScanner.ts',
);
const { createGithubOctokitProvider } = require('@internal/github-octokit');

const REPOS = Number(process.env.BENCH_REPOS ?? 1000);
const TEAMS = 40;
const MEMBERS = 300;
const HOURLY_LIMIT = 5000;
const ORG = 'acme-bench';

const logger = {
  info() {},
  debug() {},
  warn: (/** @type {string} */ m) => console.error(`[warn] ${m}`),
  error: (/** @type {string} */ m) => console.error(`[error] ${m}`),
  child() {
    return logger;
  },
};

function organization() {
  const members = Array.from({ length: MEMBERS }, (_, i) => ({
    login: `dev-${i}`,
    name: `Developer ${i}`,
    email: `dev-${i}@${ORG}.example`,
  }));
  const teams = Array.from({ length: TEAMS }, (_, t) => ({
    slug: `team-${t}`,
    name: `Team ${t}`,
    parent: t >= 4 ? `team-${t % 4}` : undefined,
    members: members.filter((_m, i) => i % TEAMS === t).map(m => m.login),
  }));
  const repositories = Array.from({ length: REPOS }, (_, i) => {
    const name = `service-${String(i).padStart(4, '0')}`;
    const team = `team-${i % TEAMS}`;
    const kind = i % 10; // 0–6 catalog file, 7 CODEOWNERS only, 8–9 neither
    /** @type {Record<string, string>} */
    const files = {};
    if (kind <= 6) {
      files['catalog-info.yaml'] = [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        `metadata: { name: ${name}, annotations: { github.com/project-slug: ${ORG}/${name} } }`,
        `spec: { type: service, lifecycle: production, owner: ${team} }`,
        '',
      ].join('\n');
    } else if (kind === 7) {
      files['.github/CODEOWNERS'] = `* @${ORG}/${team}\n`;
    }
    return {
      name,
      files,
      language: 'TypeScript',
      pushedAt: new Date(Date.UTC(2026, 0, 1) + i * 3600_000).toISOString(),
      teams: { [team]: 'admin' },
    };
  });
  return new standInPackage.GithubOrganization(ORG, {
    repositories,
    teams,
    members,
  });
}

/** @typedef {import('@backstage/plugin-catalog-node').DeferredEntity} DeferredEntity */

/** A scheduler task runner that keeps the task, so the bench runs it when it chooses. */
const manualRunner = () => {
  /** @type {import('@backstage/backend-plugin-api').SchedulerServiceTaskRunner & { task?: import('@backstage/backend-plugin-api').SchedulerServiceTaskInvocationDefinition }} */
  const runner = {
    run: async task => {
      runner.task = task;
    },
  };
  return runner;
};

async function main() {
  const standIn = new standInPackage.GithubStandIn();
  standIn.pageSize = 100; // GitHub's largest REST page
  const org = organization();
  standInPackage.serveOrganizations(standIn, [org]);
  const apiBaseUrl = await standIn.start();
  const config = new ConfigReader({
    integrations: {
      github: [{ host: 'github.com', apiBaseUrl, token: 'ghs_bench' }],
    },
    catalog: {
      providers: {
        github: {
          [ORG]: {
            organization: ORG,
            catalogPath: '/catalog-info.yaml',
            validateLocationsExist: true,
          },
        },
      },
    },
  });
  /** @type {{ step: string, requests: number, 'counted (not 304)': number, seconds: string }[]} */
  const steps = [];
  /**
   * @param {string} name
   * @param {() => unknown} fn
   */
  const measure = async (name, fn) => {
    const before = standIn.log.length;
    const started = performance.now();
    const result = await fn();
    const log = standIn.log.slice(before);
    steps.push({
      step: name,
      requests: log.length,
      'counted (not 304)': log.filter(r => r.status !== 304).length,
      seconds: ((performance.now() - started) / 1000).toFixed(1),
    });
    return result;
  };

  // 1. Entity provider: repositories holding a catalog file.
  const entityRunner = manualRunner();
  const [entityProvider] = GithubEntityProvider.fromConfig(config, {
    logger,
    schedule: entityRunner,
  });
  /** @type {any[]} the providers' full mutations */
  const mutations = [];
  await entityProvider.connect({
    applyMutation: async m => {
      mutations.push(m);
    },
    refresh: async () => {},
  });
  await measure(
    'entity provider: repositories with a catalog file (GraphQL)',
    () => entityRunner.task?.fn(new AbortController().signal),
  );
  const locations = mutations[0].entities.map(
    (/** @type {DeferredEntity} */ e) => e.entity.spec?.target,
  );

  // 2. Org provider: teams and members.
  const orgRunner = manualRunner();
  const orgProvider = GithubOrgEntityProvider.fromConfig(config, {
    id: ORG,
    orgUrl: `https://github.com/${ORG}`,
    logger,
    schedule: orgRunner,
  });
  /** @type {any[]} */
  const orgMutations = [];
  await orgProvider.connect({
    applyMutation: async m => {
      orgMutations.push(m);
    },
    refresh: async () => {},
  });
  await measure('org provider: teams and members (GraphQL)', () =>
    orgRunner.task?.fn(new AbortController().signal),
  );

  // 3. The catalog reads each registered catalog file, then re-reads it with its ETag.
  const reader = UrlReaders.default({ config, logger });
  const etags = new Map();
  await measure(
    'catalog: first read of every catalog file (REST)',
    async () => {
      for (const target of locations) {
        const res = await reader.readUrl(target);
        etags.set(target, res.etag);
        await res.buffer();
      }
    },
  );
  await measure(
    'catalog: re-read with ETag, unchanged (REST, 304)',
    async () => {
      for (const target of locations) {
        await reader.readUrl(target, { etag: etags.get(target) }).catch(e => {
          if (e.name !== 'NotModifiedError') throw e;
        });
      }
    },
  );

  // 4. Coverage scan, then a rescan with nothing pushed in between.
  const rows = new Map();
  const store = {
    async knownOwners() {
      return new Map(
        [...rows.values()]
          .filter(r => !r.inCatalog)
          .map(r => [
            r.name,
            {
              pushedAt: r.pushedAt ? new Date(r.pushedAt).toISOString() : null,
              owner: r.likelyOwner
                ? { entityRef: r.likelyOwner, source: r.likelyOwnerSource }
                : undefined,
            },
          ]),
      );
    },
    async replaceOrganization(
      /** @type {string} */ _org,
      /** @type {any[]} */ records,
    ) {
      rows.clear();
      for (const r of records) rows.set(r.name, r);
    },
    async recordScan() {},
  };
  const covered = org.repositories
    .filter(r => r.files?.['catalog-info.yaml'])
    .map(r => ({ value: `${ORG}/${r.name}`, count: 1 }));
  const slugFacet = 'metadata.annotations.github.com/project-slug';
  const scanner = new CoverageScanner({
    organizations: [ORG],
    store,
    catalog: {
      getEntityFacets: async () => ({ facets: { [slugFacet]: covered } }),
    },
    auth: { getOwnServiceCredentials: async () => ({}) },
    logger,
    octokit: async (/** @type {string} */ owner) =>
      createGithubOctokitProvider({
        config,
        logger,
        userAgent: 'portal-bench',
      }).forUrl(`https://github.com/${owner}`),
  });
  await measure('coverage scan (REST)', () => scanner.run());
  await measure('coverage rescan, nothing pushed (REST)', () => scanner.run());

  await standIn.stop();
  if (standIn.violations.length) {
    console.error(standIn.violations.slice(0, 5).join('\n'));
    process.exit(1);
  }

  const discovered = locations.length;
  const users = orgMutations[0].entities.filter(
    (/** @type {DeferredEntity} */ e) => e.entity.kind === 'User',
  ).length;
  const groups = orgMutations[0].entities.filter(
    (/** @type {DeferredEntity} */ e) => e.entity.kind === 'Group',
  ).length;
  console.log(
    `\nOrganisation: ${REPOS} repositories (${discovered} with a catalog file), ${groups} teams, ${users} members\n`,
  );
  console.table(steps);
  const full = steps
    .filter(s => !/re-read|rescan/.test(s.step))
    .reduce((sum, s) => sum + s['counted (not 304)'], 0);
  const hourly = steps
    .filter(s => /provider|re-read|rescan/.test(s.step))
    .reduce((sum, s) => sum + s['counted (not 304)'], 0);
  console.log(
    `Full discovery: ${full} counted requests = ${(full / REPOS).toFixed(
      2,
    )} per repository, ` +
      `${((full / HOURLY_LIMIT) * 100).toFixed(
        1,
      )} % of GitHub's ${HOURLY_LIMIT} an hour.`,
  );
  console.log(
    `Each later schedule run (providers, re-reads, rescan): ${hourly} counted requests = ` +
      `${(hourly / REPOS).toFixed(3)} per repository.`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
