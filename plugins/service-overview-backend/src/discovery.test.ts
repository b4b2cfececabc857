import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import { dirname, join } from 'node:path';
import {
  GithubOrganization,
  GithubStandIn,
  serveOrganizations,
  webhookExample,
  webhookHeaders,
} from '@internal/github-stand-in';
import request from 'supertest';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { catalogModuleServiceOverviewGithub } from './catalogModule';
import { serviceOverviewPlugin } from './plugin';

/*
 * GitHub discovery end to end: Backstage's GitHub entity and org providers, the catalog's
 * GitHub URL reader, the events service's signature-checked GitHub ingress and our coverage
 * scan, all with their real clients pointed at a local GitHub stand-in whose answers are
 * checked against GitHub's OpenAPI description and GraphQL schema.
 */

jest.setTimeout(180_000);

/**
 * The GitHub events module's default export is a feature loader that loads its two modules
 * (signature validator with the HTTP ingress, event router) with `import()`, which Jest's VM
 * cannot run without --experimental-vm-modules; the same two modules are loaded directly.
 */
function eventsModulesGithub() {
  const dist = dirname(
    require.resolve('@backstage/plugin-events-backend-module-github'),
  );
  return ['eventsModuleGithubWebhook', 'eventsModuleGithubEventRouter'].map(
    name =>
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(join(dist, 'service', `${name}.cjs.js`)).default,
  );
}

const SECRET = 'discovery-test-secret';
const ORG = 'acme-retail';

const databases = createPostgresTestDatabases();

function catalogInfo(name: string, owner: string, description: string) {
  return [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${name}`,
    `  description: ${description}`,
    '  annotations:',
    `    github.com/project-slug: ${ORG}/${name}`,
    'spec:',
    '  type: service',
    '  lifecycle: production',
    `  owner: ${owner}`,
    '',
  ].join('\n');
}

function organization() {
  return new GithubOrganization(ORG, {
    repositories: [
      {
        name: 'cart-service',
        files: {
          'catalog-info.yaml': catalogInfo('cart-service', 'shop', 'Carts'),
        },
        language: 'Go',
        pushedAt: '2026-11-01T10:00:00Z',
        teams: { shop: 'admin' },
      },
      {
        name: 'payments-api',
        files: {
          'catalog-info.yaml': catalogInfo('payments-api', 'payments', 'Pay'),
        },
        language: 'Java',
      },
      {
        name: 'inventory-sync',
        files: {
          // GitHub applies the last matching rule: `*` → shop owns the whole repository.
          '.github/CODEOWNERS': '*.md @acme-retail/docs\n* @acme-retail/shop\n',
        },
        language: 'TypeScript',
        pushedAt: '2026-11-20T08:00:00Z',
        teams: { payments: 'admin' },
      },
      {
        name: 'old-scripts',
        language: 'Shell',
        pushedAt: '2025-03-01T08:00:00Z',
        teams: { payments: 'admin', engineering: 'push' },
      },
      { name: 'attic', archived: true },
    ],
    teams: [
      { slug: 'engineering', name: 'Engineering', members: ['ada'] },
      {
        slug: 'shop',
        name: 'Shop',
        parent: 'engineering',
        members: ['ada', 'bo'],
      },
      {
        slug: 'payments',
        name: 'Payments',
        parent: 'engineering',
        members: ['cy'],
      },
    ],
    members: [
      { login: 'ada', name: 'Ada Lovelace', email: 'ada@acme-retail.example' },
      { login: 'bo', name: 'Bo Chen' },
      { login: 'cy' },
    ],
  });
}

async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  ms = 60_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await fn().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 250));
  }
}

describe.each(databases.eachSupportedId())(
  'GitHub discovery on %p',
  databaseId => {
    const standIn = new GithubStandIn();
    const org = organization();
    // A MockSchedulerService at run time (typed as SchedulerService): the test triggers the
    // providers' and the coverage scan's tasks itself.
    const scheduler = mockServices.scheduler() as SchedulerService & {
      factory(options: { skipTaskRunOnStartup: boolean }): ServiceFactory;
    };
    let server: Parameters<typeof request>[0];
    let stop: () => Promise<void>;
    let deliveries = 0;

    const entity = async (ref: string) => {
      const res = await request(server).get(
        `/api/catalog/entities/by-name/${ref}`,
      );
      return res.status === 200 ? res.body : undefined;
    };
    const deliver = (event: string, payload: unknown, secret = SECRET) => {
      const body = JSON.stringify(payload);
      deliveries += 1;
      return request(server)
        .post('/api/events/http/github')
        .set(webhookHeaders(event, body, secret, `delivery-${deliveries}`))
        .send(body);
    };
    /** A real example payload, re-targeted at one of the organisation's repositories. */
    const inOrganization = (repository: string, payload: any) => {
      payload.repository.name = repository;
      payload.repository.full_name = `${ORG}/${repository}`;
      payload.repository.html_url = org.htmlUrl(repository);
      payload.repository.default_branch = 'main';
      payload.organization = { ...(payload.organization ?? {}), login: ORG };
      return payload;
    };
    /** A push of one commit to the default branch, adding or modifying the given files. */
    const pushToMain = (
      repository: string,
      files: { added?: string[]; modified?: string[] },
    ) => {
      const push = inOrganization(
        repository,
        webhookExample('push', p => p.commits?.length > 0),
      );
      push.ref = 'refs/heads/main';
      push.commits = [
        {
          ...push.commits[0],
          added: files.added ?? [],
          removed: [],
          modified: files.modified ?? [],
        },
      ];
      return push;
    };
    const triggerTasks = async (pattern: RegExp) => {
      const ids = (await scheduler.getScheduledTasks())
        .map(t => t.id)
        .filter(id => pattern.test(id));
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) await scheduler.triggerTask(id);
    };
    const uncatalogued = async () =>
      (await request(server).get('/api/service-overview/coverage/repositories'))
        .body.items as Array<{ name: string }>;

    beforeAll(async () => {
      // GitHub pages REST lists by at most 100; the stand-in does the same.
      standIn.pageSize = 100;
      serveOrganizations(standIn, [org]);
      const apiBaseUrl = await standIn.start();
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          eventsPlugin,
          ...eventsModulesGithub(),
          catalogModuleServiceOverviewGithub,
          serviceOverviewPlugin,
          // The real events service: one bus for every plugin, as in production.
          eventsServiceFactory,
          scheduler.factory({ skipTaskRunOnStartup: true }),
          mockServices.rootConfig.factory({
            data: {
              // Catalog, events and service overview each migrate their own schema of the
              // test database, as they would their own database in production.
              backend: {
                database: {
                  client: 'pg',
                  connection: knex.client.config.connection,
                  pluginDivisionMode: 'schema',
                },
              },
              integrations: {
                github: [{ host: 'github.com', apiBaseUrl, token: 'ghs_test' }],
              },
              serviceOverview: {
                github: {
                  organizations: ORG,
                  schedule: {
                    frequency: { hours: 1 },
                    timeout: { minutes: 5 },
                  },
                },
              },
              events: { modules: { github: { webhookSecret: SECRET } } },
              catalog: {
                // Long enough that only the webhooks can explain a refresh within the test.
                processingInterval: { minutes: 30 },
                rules: [
                  {
                    allow: ['Component', 'System', 'API', 'Location'],
                  },
                ],
              },
            },
          }),
        ],
      });
      server = backend.server;
      stop = () => backend.stop();
    });

    afterAll(async () => {
      await stop?.();
      await standIn.stop();
    });

    afterEach(() => {
      const violations = standIn.violations.splice(0);
      // Every answer must have matched GitHub's OpenAPI description or GraphQL schema.
      if (violations.length) throw new Error(violations.join('\n'));
    });

    it('discovers repositories with a catalog file, teams and members', async () => {
      await triggerTasks(
        /^github-provider:|^GithubOrgEntityProvider:|github-org/i,
      );

      const cart = await waitFor('cart-service', async () => {
        const e = await entity('component/default/cart-service');
        return e?.relations?.length ? e : undefined;
      });
      expect(cart.metadata.description).toBe('Carts');
      expect(
        cart.metadata.annotations['backstage.io/managed-by-location'],
      ).toMatch(
        `url:https://github.com/${ORG}/cart-service/tree/main/catalog-info.yaml`,
      );
      await waitFor('payments-api', () =>
        entity('component/default/payments-api'),
      );

      const shop = await waitFor('group shop', () =>
        entity('group/default/shop'),
      );
      expect(shop.spec.parent).toBe('engineering');
      const engineering = await waitFor('group engineering', async () => {
        const e = await entity('group/default/engineering');
        return e?.spec?.children?.length === 2 ? e : undefined;
      });
      expect([...engineering.spec.children].sort()).toEqual([
        'payments',
        'shop',
      ]);

      const ada = await waitFor('user ada', () => entity('user/default/ada'));
      expect(ada.spec.profile.displayName).toBe('Ada Lovelace');
      expect([...ada.spec.memberOf].sort()).toEqual(['engineering', 'shop']);
      // Entities are processed in the background: wait for each, do not read once.
      await waitFor('user cy', () => entity('user/default/cy'));

      // The owner relation resolves to the discovered team.
      await waitFor('cart-service owned by shop', async () => {
        const e = await entity('component/default/cart-service');
        return e?.relations?.some(
          (r: { type: string; targetRef: string }) =>
            r.type === 'ownedBy' && r.targetRef === 'group:default/shop',
        )
          ? true
          : undefined;
      });
    });

    it('lists the repositories not in the catalog yet, with a likely owner', async () => {
      const before = standIn.log.length;
      const scan = await request(server).post(
        '/api/service-overview/coverage/scan',
      );
      expect(scan.status).toBe(202);
      const requests = standIn.log
        .slice(before)
        .filter(r => !r.url.includes('/contents/catalog-info.yaml'));

      const summary = await request(server).get(
        '/api/service-overview/coverage',
      );
      // 4 repositories once the archived one is left out, 2 of them in the catalog: 2 ÷ 4.
      expect(summary.body).toMatchObject({
        configured: true,
        organizations: [ORG],
        repositories: 4,
        covered: 2,
        share: 0.5,
      });
      expect(await uncatalogued()).toEqual([
        expect.objectContaining({
          name: 'inventory-sync',
          language: 'TypeScript',
          lastPushAt: '2026-11-20T08:00:00.000Z',
          likelyOwner: 'group:default/shop',
          likelyOwnerSource: 'codeowners',
        }),
        expect.objectContaining({
          name: 'old-scripts',
          likelyOwner: 'group:default/payments',
          likelyOwnerSource: 'admin-team',
        }),
      ]);
      // The catalog reads its registered catalog files meanwhile; leave those out. One page
      // of repositories, then only the two uncovered ones: inventory-sync finds
      // CODEOWNERS at the first path; old-scripts tries the three paths, then its teams.
      expect(requests.map(r => `${r.status} ${r.url.split('?')[0]}`)).toEqual([
        `200 /orgs/${ORG}/repos`,
        `200 /repos/${ORG}/inventory-sync/contents/.github%2FCODEOWNERS`,
        `404 /repos/${ORG}/old-scripts/contents/.github%2FCODEOWNERS`,
        `404 /repos/${ORG}/old-scripts/contents/CODEOWNERS`,
        `404 /repos/${ORG}/old-scripts/contents/docs%2FCODEOWNERS`,
        `200 /repos/${ORG}/old-scripts/teams`,
      ]);
    });

    it('refuses a delivery with a forged or missing signature', async () => {
      const push = webhookExample('push');
      const forged = await deliver('push', push, 'not-the-secret');
      expect(forged.status).toBe(403);
      const unsigned = await request(server)
        .post('/api/events/http/github')
        .set({ 'content-type': 'application/json', 'x-github-event': 'push' })
        .send(JSON.stringify(push));
      expect(unsigned.status).toBe(403);
    });

    it('refreshes a component within seconds of a push that changes its catalog file', async () => {
      const repo = org.repository('cart-service')!;
      repo.files!['catalog-info.yaml'] = catalogInfo(
        'cart-service',
        'shop',
        'Carts and wish lists',
      );

      const push = pushToMain('cart-service', {
        modified: ['catalog-info.yaml'],
      });

      const started = Date.now();
      expect((await deliver('push', push)).status).toBe(202);
      await waitFor(
        'the new description',
        async () => {
          const e = await entity('component/default/cart-service');
          return e?.metadata.description === 'Carts and wish lists'
            ? e
            : undefined;
        },
        30_000,
      );
      expect(Date.now() - started).toBeLessThan(30_000);
    });

    it('registers a repository as soon as a push adds its catalog file, and the coverage follows', async () => {
      org.repositories.push({
        name: 'search-service',
        language: 'Kotlin',
        pushedAt: '2026-11-22T09:00:00Z',
        teams: { shop: 'admin' },
      });
      const created = inOrganization(
        'search-service',
        webhookExample('repository', p => p.action === 'created'),
      );
      created.repository.pushed_at = '2026-11-22T09:00:00Z';
      created.repository.language = 'Kotlin';
      created.repository.archived = false;
      expect((await deliver('repository', created)).status).toBe(202);
      await waitFor('search-service in the coverage list', async () =>
        (await uncatalogued()).some(r => r.name === 'search-service')
          ? true
          : undefined,
      );

      org.repository('search-service')!.files = {
        'catalog-info.yaml': catalogInfo('search-service', 'shop', 'Search'),
      };
      const push = pushToMain('search-service', {
        added: ['catalog-info.yaml'],
      });
      expect((await deliver('push', push)).status).toBe(202);

      await waitFor('search-service in the catalog', () =>
        entity('component/default/search-service'),
      );
      await waitFor('search-service covered', async () =>
        (await uncatalogued()).some(r => r.name === 'search-service')
          ? undefined
          : true,
      );
    });

    it('adds a member to a team on a membership event', async () => {
      org.members.push({ login: 'dee', name: 'Dee Diaz' });
      org.teams.find(t => t.slug === 'payments')!.members.push('dee');
      const membership = webhookExample(
        'membership',
        p => p.action === 'added',
      );
      membership.team = {
        ...membership.team,
        slug: 'payments',
        name: 'Payments',
      };
      membership.member = {
        ...membership.member,
        login: 'dee',
        name: 'Dee Diaz',
        email: null,
      };
      membership.organization = { ...membership.organization, login: ORG };
      expect((await deliver('membership', membership)).status).toBe(202);

      const dee = await waitFor('user dee', () => entity('user/default/dee'));
      expect(dee.spec.memberOf).toEqual(['payments']);
    });

    it('waits out GitHub rate limits instead of failing', async () => {
      // A secondary limit on the repository list (retry-after: 1 s), and one on GraphQL.
      standIn.fault(new RegExp(`^/orgs/${ORG}/repos$`), {
        kind: 'secondaryRateLimit',
        times: 1,
        retryAfterSeconds: 1,
      });
      standIn.fault(/^\/graphql$/, {
        kind: 'secondaryRateLimit',
        times: 1,
        retryAfterSeconds: 1,
      });
      const before = standIn.log.length;
      const scan = await request(server).post(
        '/api/service-overview/coverage/scan',
      );
      expect(scan.status).toBe(202);
      await triggerTasks(/^github-provider:/i);
      const log = standIn.log.slice(before);
      // Nothing was pushed since the last scan: the rescan costs the repository list only
      // (once refused, once answered), no CODEOWNERS or team lookups.
      expect(
        log
          .filter(r => !/graphql|catalog-info/.test(r.url))
          .map(r => `${r.status} ${r.url.split('?')[0]}`),
      ).toEqual([`403 /orgs/${ORG}/repos`, `200 /orgs/${ORG}/repos`]);
      expect(log.filter(r => r.status === 403)).toHaveLength(2);
      // Each limited request was sent again, after the wait, and succeeded.
      const retried = (path: string) =>
        log
          .filter(r => r.url.split('?')[0] === path)
          .map(r => r.status)
          .slice(0, 2);
      expect(retried(`/orgs/${ORG}/repos`)).toEqual([403, 200]);
      expect(retried('/graphql')).toEqual([403, 200]);
      const summary = await request(server).get(
        '/api/service-overview/coverage',
      );
      expect(summary.body).toMatchObject({ repositories: 5, covered: 3 });
    });
  },
);
