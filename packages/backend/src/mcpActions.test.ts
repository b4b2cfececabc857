/*
 * The portal's actions over MCP, end to end: the mcp-actions plugin and the insights, ROI,
 * readiness and service overview plugins in one backend on PostgreSQL, called with the official
 * MCP client SDK over Streamable HTTP, as an MCP client would call /api/mcp-actions/v1. Every
 * action must answer what the matching route answers, and a caller the permission policy
 * refuses must be refused by the action too.
 */
import { AddressInfo } from 'node:net';
import {
  BackstageCredentials,
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  PermissionsService,
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import insightsPlugin from '@internal/plugin-insights-backend';
import readinessPlugin from '@internal/plugin-readiness-backend';
import roiPlugin from '@internal/plugin-roi-backend';
import { SEED_EXAMPLE_INPUTS } from '@internal/plugin-roi-common';
import serviceOverviewPlugin from '@internal/plugin-service-overview-backend';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import request from 'supertest';

jest.setTimeout(120_000);

const LEADER = 'user:default/leader';
/** Signed in, but the policy lets them read none of the portal's figures. */
const VISITOR = 'user:default/visitor';

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments',
      namespace: 'default',
      annotations: { 'github.com/project-slug': 'acme/payments' },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/payments-team' }],
  },
];

/** The portal's policy reduced to two people: the leader may do everything, the visitor nothing. */
const policy = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: (): PermissionsService => {
    const decide = (credentials: BackstageCredentials) =>
      (credentials.principal as { userEntityRef?: string }).userEntityRef ===
      LEADER
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY;
    return {
      authorize: async (requests, { credentials }) =>
        requests.map(() => ({ result: decide(credentials) })) as any,
      authorizeConditional: async (requests, { credentials }) =>
        requests.map(() => ({ result: decide(credentials) })) as any,
    };
  },
});

/** The scaffolder's task list, as the adoption figures read it: no run yet. */
const scaffolderStandIn = createBackendPlugin({
  pluginId: 'scaffolder',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        httpRouter.use((req, res, next) => {
          if (req.method === 'GET' && req.path === '/v2/tasks') {
            res.json({ tasks: [] });
          } else {
            next();
          }
        });
      },
    });
  },
});

const ANSWERS = {
  teamSize: 'yellow',
  deploymentFriction: 'yellow',
  infrastructureComplexity: 'yellow',
  developerComplaints: 'yellow',
  shadowIt: 'red',
  onboardingTime: 'red',
  contextSwitching: 'green',
};
const WINDOW = { from: '2026-10-01', to: '2026-12-01' };

type ToolResult = {
  isError?: boolean;
  structuredContent?: Record<string, unknown>;
  content: Array<{ type: string; text?: string }>;
};

const databases = createPostgresTestDatabases();

/** A MockSchedulerService at run time, typed as the SchedulerService it implements. */
const scheduler = mockServices.scheduler() as SchedulerService & {
  factory(options: { skipTaskRunOnStartup: boolean }): ServiceFactory;
};

describe.each(databases.eachSupportedId())(
  'the portal actions over MCP on %p',
  databaseId => {
    let server: import('node:http').Server;
    let stop: () => Promise<void>;
    let baseUrl: string;
    const clients: Client[] = [];

    /** An MCP client of /api/mcp-actions/v1, signed in as `user`. */
    async function connect(user: string) {
      const client = new Client({ name: 'portal-test', version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(
          new URL(`${baseUrl}/api/mcp-actions/v1`),
          {
            requestInit: {
              headers: { Authorization: mockCredentials.user.header(user) },
            },
          },
        ),
      );
      clients.push(client);
      return {
        call: async (name: string, args: Record<string, unknown>) =>
          (await client.callTool({ name, arguments: args })) as ToolResult,
        list: () => client.listTools(),
      };
    }

    const route = () => request(server);
    const asLeader = (test: request.Test) =>
      test.set('Authorization', mockCredentials.user.header(LEADER));

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      let port = 0;
      // The actions service calls each plugin over HTTP: discovery must name the real port.
      const discovery = createServiceFactory({
        service: coreServices.discovery,
        deps: {},
        factory: () => ({
          getBaseUrl: async (pluginId: string) =>
            `http://localhost:${port}/api/${pluginId}`,
          getExternalBaseUrl: async (pluginId: string) =>
            `http://localhost:${port}/api/${pluginId}`,
        }),
      });
      const backend = await startTestBackend({
        features: [
          mcpActionsPlugin,
          insightsPlugin,
          roiPlugin,
          readinessPlugin,
          serviceOverviewPlugin,
          scaffolderStandIn,
          catalogServiceMock.factory({ entities }),
          policy,
          discovery,
          // A request without a token is anonymous, as in production (the mock's default is a user).
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
          // No scheduled task runs: the coverage scan would call GitHub.
          scheduler.factory({ skipTaskRunOnStartup: true }),
          mockServices.rootConfig.factory({
            data: {
              backend: {
                database: {
                  client: 'pg',
                  connection: knex.client.config.connection,
                  pluginDivisionMode: 'schema',
                },
                actions: {
                  pluginSources: [
                    'insights',
                    'roi',
                    'readiness',
                    'service-overview',
                  ],
                },
              },
              integrations: {
                github: [{ host: 'github.com', token: 'ghs_unused' }],
              },
              insights: {
                backfill: { enabled: false },
              },
              serviceOverview: {
                github: {
                  organizations: 'acme',
                  schedule: {
                    frequency: { hours: 24 },
                    timeout: { minutes: 1 },
                  },
                },
              },
            },
          }),
        ],
      });
      server = backend.server;
      stop = () => backend.stop();
      port = (server.address() as AddressInfo).port;
      baseUrl = `http://localhost:${port}`;

      // A repository the coverage scan found outside the catalog.
      await knex
        .withSchema('service-overview')
        .table('service_overview_repositories')
        .insert({
          organization: 'acme',
          name: 'legacy-billing',
          url: 'https://github.com/acme/legacy-billing',
          archived: false,
          in_catalog: false,
          likely_owner: 'group:default/payments-team',
          likely_owner_source: 'codeowners',
        });
    });

    afterAll(async () => {
      await Promise.all(clients.map(c => c.close()));
      await stop?.();
    });

    it('lists the portal actions as tools, read-only, with their input schemas', async () => {
      const { tools } = await (await connect(LEADER)).list();
      expect(tools.map(t => t.name).sort()).toEqual([
        'insights.get-dora-metrics',
        'insights.get-platform-adoption',
        'readiness.evaluate-readiness',
        'readiness.get-latest-readiness-assessment',
        'roi.calculate-roi',
        'roi.get-roi-business-case',
        'roi.list-roi-business-cases',
        'service-overview.get-service-overview',
        'service-overview.list-uncatalogued-repositories',
      ]);
      for (const tool of tools) {
        expect(tool.annotations).toMatchObject({
          readOnlyHint: true,
          destructiveHint: false,
        });
        expect(tool.inputSchema).toMatchObject({
          type: 'object',
          additionalProperties: false,
        });
      }
    });

    it('gives the delivery metrics the insights routes give', async () => {
      const mcp = await connect(LEADER);
      const dora = await mcp.call('insights.get-dora-metrics', {
        group: 'payments-team',
        ...WINDOW,
      });
      expect(dora.isError).toBeFalsy();
      const viaRoute = await asLeader(
        route()
          .get('/api/insights/dora')
          .query({ group: 'payments-team', ...WINDOW }),
      ).expect(200);
      expect(dora.structuredContent).toEqual(viaRoute.body);
      expect(dora.structuredContent).toMatchObject({
        scope: { group: 'group:default/payments-team', repositories: 1 },
        window: { days: 61 },
      });

      const adoption = await mcp.call('insights.get-platform-adoption', WINDOW);
      expect(adoption.isError).toBeFalsy();
      const adoptionViaRoute = await asLeader(
        route().get('/api/insights/adoption').query(WINDOW),
      ).expect(200);
      expect(adoption.structuredContent).toEqual(adoptionViaRoute.body);
    });

    it('calculates the ROI and reads the saved business cases the caller may read', async () => {
      const mcp = await connect(LEADER);
      const calculated = await mcp.call('roi.calculate-roi', {
        inputs: SEED_EXAMPLE_INPUTS,
      });
      const viaRoute = await asLeader(
        route().post('/api/roi/calculate').send(SEED_EXAMPLE_INPUTS),
      ).expect(200);
      expect(calculated.structuredContent).toEqual(viaRoute.body);

      const saved = await asLeader(
        route().post('/api/roi/scenarios').send({
          name: 'Checkout platform',
          inputs: SEED_EXAMPLE_INPUTS,
          sharedByLink: true,
        }),
      ).expect(201);
      const listed = await mcp.call('roi.list-roi-business-cases', {});
      expect(
        (listed.structuredContent!.items as Array<{ id: string }>).map(
          i => i.id,
        ),
      ).toEqual([saved.body.id]);

      const one = await mcp.call('roi.get-roi-business-case', {
        id: saved.body.id,
      });
      expect(one.structuredContent).toMatchObject({
        id: saved.body.id,
        name: 'Checkout platform',
        result: viaRoute.body,
      });
      // The share link stays in the portal.
      expect(one.structuredContent).not.toHaveProperty('shareToken');
    });

    it("evaluates readiness and gives a team's latest assessment", async () => {
      const mcp = await connect(LEADER);
      const evaluated = await mcp.call('readiness.evaluate-readiness', {
        answers: ANSWERS,
        trajectory: 'growing',
      });
      const viaRoute = await asLeader(
        route()
          .post('/api/readiness/evaluate')
          .send({ answers: ANSWERS, trajectory: 'growing' }),
      ).expect(200);
      expect(evaluated.structuredContent).toEqual(viaRoute.body);

      const none = await mcp.call('readiness.get-latest-readiness-assessment', {
        group: 'payments-team',
      });
      expect(none.structuredContent).toEqual({
        groupRef: 'group:default/payments-team',
        assessment: null,
      });
      const saved = await asLeader(
        route()
          .post('/api/readiness/assessments')
          .send({ groupRef: 'payments-team', answers: ANSWERS }),
      ).expect(201);
      const latest = await mcp.call(
        'readiness.get-latest-readiness-assessment',
        {
          group: 'group:default/payments-team',
        },
      );
      const savedViaRoute = await asLeader(
        route().get(`/api/readiness/assessments/${saved.body.id}`),
      ).expect(200);
      expect(latest.structuredContent).toEqual({
        groupRef: 'group:default/payments-team',
        assessment: savedViaRoute.body,
      });
    });

    it('gives the service overview and the repositories not yet in the catalog', async () => {
      const mcp = await connect(LEADER);
      const overview = await mcp.call('service-overview.get-service-overview', {
        entityRef: 'payments',
      });
      const viaRoute = await asLeader(
        route()
          .get('/api/service-overview/overview')
          .query({ entityRef: 'payments' }),
      ).expect(200);
      expect(overview.structuredContent).toEqual(viaRoute.body);
      expect(overview.structuredContent).toMatchObject({
        owner: { entityRef: 'group:default/payments-team', exists: true },
      });

      const repositories = await mcp.call(
        'service-overview.list-uncatalogued-repositories',
        {},
      );
      expect(repositories.structuredContent).toEqual({
        totalItems: 1,
        items: [
          {
            organization: 'acme',
            name: 'legacy-billing',
            url: 'https://github.com/acme/legacy-billing',
            likelyOwner: 'group:default/payments-team',
            likelyOwnerSource: 'codeowners',
          },
        ],
      });
    });

    it('refuses what the policy refuses the caller', async () => {
      const mcp = await connect(VISITOR);
      const refusals: Array<[string, Record<string, unknown>, RegExp]> = [
        [
          'insights.get-dora-metrics',
          WINDOW,
          /NotAllowedError: not allowed: insights\.read/,
        ],
        [
          'insights.get-platform-adoption',
          WINDOW,
          /NotAllowedError: not allowed: insights\.read/,
        ],
        [
          'readiness.get-latest-readiness-assessment',
          { group: 'payments-team' },
          /NotAllowedError: Not allowed: readiness\.assessment\.read/,
        ],
        [
          'service-overview.list-uncatalogued-repositories',
          {},
          /NotAllowedError: not allowed: service-overview\.coverage\.read/,
        ],
      ];
      for (const [tool, args, message] of refusals) {
        const result = await mcp.call(tool, args);
        expect({ tool, isError: result.isError }).toEqual({
          tool,
          isError: true,
        });
        expect(result.content[0].text).toMatch(message);
      }

      // Saved business cases: none of the leader's is the visitor's to read.
      const listed = await mcp.call('roi.list-roi-business-cases', {});
      expect(listed.structuredContent).toEqual({ items: [] });
      const [leaderCase] = (
        await asLeader(route().get('/api/roi/scenarios')).expect(200)
      ).body.items;
      const one = await mcp.call('roi.get-roi-business-case', {
        id: leaderCase.id,
      });
      expect(one.isError).toBe(true);
      expect(one.content[0].text).toMatch(
        /NotAllowedError: roi\.scenario\.read/,
      );
    });

    it('refuses a call without credentials, and input that breaks the schema', async () => {
      const anonymous = new Client({ name: 'portal-test', version: '1.0.0' });
      await expect(
        anonymous.connect(
          new StreamableHTTPClientTransport(
            new URL(`${baseUrl}/api/mcp-actions/v1`),
          ),
        ),
      ).rejects.toThrow(/401/);

      const mcp = await connect(LEADER);
      for (const [args, refusal] of [
        [
          { ...WINDOW, entityRef: 'pay\u0000ments' },
          'InputError: entityRef: contains a NUL character',
        ],
        [
          { ...WINDOW, limit: 5 },
          'InputError: limit: is not an input of this action',
        ],
        [{ from: '2026-10-01' }, 'InputError: to: is required'],
      ] as const) {
        const result = await mcp.call('insights.get-dora-metrics', args);
        expect(result.isError).toBe(true);
        expect(result.content[0].text).toBe(refusal);
      }
      const dates = await mcp.call('insights.get-dora-metrics', {
        from: '2026-02-30',
        to: '2026-03-01',
      });
      expect(dates.content[0].text).toMatch(
        /InputError: from: .*day 30 does not exist/,
      );
    });
  },
);
