/*
 * The portal's one GitHub webhook, POST /api/events/http/github, under the real events backend,
 * insights and a subscriber of the events service (as the coverage list and the catalog are).
 */
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  mockCredentials,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import eventsPlugin from '@backstage/plugin-events-backend';
import {
  eventsServiceFactory,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { webhookExample, webhookHeaders } from '@internal/github-stand-in';
import insightsPlugin, {
  githubWebhookModule,
} from '@internal/plugin-insights-backend';
import { createPostgresTestDatabases } from '@internal/test-databases';
import request from 'supertest';

jest.setTimeout(120_000);

const databases = createPostgresTestDatabases();
const SECRET = 'one-webhook-test-secret';
const REPOSITORY = 'acme/one-webhook';
const NEW_PATH = '/api/events/http/github';
const OLD_PATH = '/api/insights/github/webhook';

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'one-webhook',
      namespace: 'default',
      annotations: { 'github.com/project-slug': REPOSITORY },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/payments-team',
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

/** What the events service hands to a subscriber of GitHub topics, as the coverage list gets it. */
const received: Array<{ topic: string; payload: any }> = [];
const recorderPlugin = createBackendPlugin({
  pluginId: 'recorder',
  register(env) {
    env.registerInit({
      deps: { events: eventsServiceRef },
      async init({ events }) {
        await events.subscribe({
          id: 'recorder',
          topics: ['github.repository', 'github.star', 'github.push'],
          async onEvent({ topic, eventPayload }) {
            received.push({ topic, payload: eventPayload });
          },
        });
      },
    });
  },
});

async function startPortal(
  databaseId: 'POSTGRES_16' | 'POSTGRES_17' | string,
  secret: string | undefined,
) {
  const knex = await databases.init(databaseId as any);
  const { server } = await startTestBackend({
    features: [
      // The production events service (its database-backed bus), not the test backend's mock.
      eventsServiceFactory,
      eventsPlugin,
      githubWebhookModule,
      insightsPlugin,
      recorderPlugin,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      mockServices.rootConfig.factory({
        data: {
          events: secret
            ? { modules: { github: { webhookSecret: secret } } }
            : {},
          insights: { backfill: { enabled: false } },
        },
      }),
    ],
  });
  return { server, knex };
}

const inRepository = (payload: any) => {
  payload.repository.full_name = REPOSITORY;
  payload.repository.name = REPOSITORY.split('/')[1];
  payload.repository.default_branch = 'main';
  return payload;
};

/** A month of deliveries: deployments with their statuses, pushes, an incident; some repeated. */
function deliveries() {
  const list: Array<{ event: string; id: string; body: string }> = [];
  const add = (event: string, id: string, payload: unknown) =>
    list.push({ event, id, body: JSON.stringify(payload) });
  for (let n = 1; n <= 6; n++) {
    const at = `2025-01-${String(2 * n).padStart(2, '0')}T10:00:00Z`;
    const sha = `${n}`.repeat(40).slice(0, 40);
    const push = inRepository(
      webhookExample(
        'push',
        e => e.ref === 'refs/heads/master' && e.commits.length === 1,
      ),
    );
    push.ref = 'refs/heads/main';
    push.commits = [
      { ...push.commits[0], id: sha, timestamp: '2025-01-01T08:00:00Z' },
    ];
    add('push', `push-${n}`, push);
    const status = inRepository(webhookExample('deployment_status'));
    status.deployment.id = 7000 + n;
    status.deployment.environment = 'production';
    status.deployment.sha = sha;
    status.deployment.created_at = at;
    status.deployment_status.state = n === 3 ? 'failure' : 'success';
    status.deployment_status.created_at = at;
    add('deployment_status', `status-${n}`, status);
  }
  const incident = inRepository(webhookExample('issues'));
  incident.action = 'closed';
  incident.issue.id = 9100;
  incident.issue.number = 91;
  incident.issue.labels = [{ id: 1, name: 'incident', color: 'ff0000' }];
  incident.issue.created_at = '2025-01-06T10:00:00Z';
  incident.issue.updated_at = '2025-01-06T14:00:00Z';
  incident.issue.closed_at = '2025-01-06T14:00:00Z';
  add('issues', 'incident-1', incident);
  // GitHub's redelivery (same id) and a replay of a captured body under a new id: once each.
  list.push({ ...list[1] }, { ...list[3], id: 'replayed-under-new-id' });
  return list;
}

const send = (
  server: Parameters<typeof request>[0],
  path: string,
  event: string,
  id: string,
  body: string,
  secret = SECRET,
) =>
  request(server)
    .post(path)
    .set(webhookHeaders(event, body, secret, id))
    .send(body);

describe.each(databases.eachSupportedId())(
  'one GitHub webhook on %p',
  databaseId => {
    let portal: Awaited<ReturnType<typeof startPortal>>;
    beforeAll(async () => {
      portal = await startPortal(databaseId, SECRET);
    });
    afterAll(async () => {
      await portal.knex.destroy();
    });
    const stored = async () =>
      Number(
        (await portal.knex('insights_github_events').count({ n: '*' }))[0].n,
      );

    it('acknowledges every event type, feeds insights and the events subscribers', async () => {
      const body = JSON.stringify(
        inRepository(webhookExample('deployment_status')),
      );
      const used = await send(
        portal.server,
        NEW_PATH,
        'deployment_status',
        'd-1',
        body,
      );
      expect(used.status).toBe(202);
      expect(await stored()).toBe(1);

      const ping = await send(
        portal.server,
        NEW_PATH,
        'ping',
        'p-1',
        '{"zen":"Keep it logically awesome."}',
      );
      expect(ping.status).toBe(202);
      const star = await send(
        portal.server,
        NEW_PATH,
        'star',
        's-1',
        JSON.stringify({ action: 'created', repository: { name: 'x' } }),
      );
      expect(star.status).toBe(202);
      const repository = inRepository(webhookExample('repository'));
      const created = await send(
        portal.server,
        NEW_PATH,
        'repository',
        'r-1',
        JSON.stringify(repository),
      );
      expect(created.status).toBe(202);
      // Nobody stores what insights does not use.
      expect(await stored()).toBe(1);
      expect(received.map(r => r.topic)).toEqual(
        expect.arrayContaining(['github.star', 'github.repository']),
      );
      expect(
        received.find(r => r.topic === 'github.repository')?.payload.repository
          .name,
      ).toBe('one-webhook');
    });

    it("takes GitHub's form-encoded deliveries as well as JSON ones", async () => {
      const payload = inRepository(webhookExample('deployment'));
      payload.deployment.id = 4711;
      const form = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
      const headers = {
        ...webhookHeaders('deployment', form, SECRET, 'form-1'),
        'content-type': 'application/x-www-form-urlencoded',
      };
      const res = await request(portal.server)
        .post(NEW_PATH)
        .set(headers)
        .send(form);
      expect(res.status).toBe(202);
      expect(
        await portal
          .knex('insights_deployments')
          .where({ deployment_id: 4711 }),
      ).toHaveLength(1);
      const [event] = await portal
        .knex('insights_github_events')
        .where({ delivery_id: 'form-1' });
      expect(event.payload.deployment.id).toBe(4711);
    });

    it('refuses a missing signature with 401 and a wrong one with 403, storing nothing', async () => {
      const before = await stored();
      const body = JSON.stringify(inRepository(webhookExample('deployment')));
      const { 'x-hub-signature-256': _, ...unsigned } = webhookHeaders(
        'deployment',
        body,
        SECRET,
        'u-1',
      );
      const missing = await request(portal.server)
        .post(NEW_PATH)
        .set(unsigned)
        .send(body);
      expect(missing.status).toBe(401);
      expect(missing.body.error.message).toContain(
        'X-Hub-Signature-256: missing',
      );
      const wrong = await send(
        portal.server,
        NEW_PATH,
        'deployment',
        'u-2',
        body,
        'another secret',
      );
      expect(wrong.status).toBe(403);
      const unusedUnsigned = await request(portal.server)
        .post(NEW_PATH)
        .set({ ...unsigned, 'x-github-event': 'star' })
        .send('{}');
      expect(unusedUnsigned.status).toBe(401);
      expect(await stored()).toBe(before);
    });

    it('answers 400 for a malformed payload of an event the portal uses, and for malformed JSON', async () => {
      const before = await stored();
      const bad = inRepository(webhookExample('deployment'));
      bad.deployment.id = 'not-a-number';
      const invalid = await send(
        portal.server,
        NEW_PATH,
        'deployment',
        'b-1',
        JSON.stringify(bad),
      );
      expect(invalid.status).toBe(400);
      expect(invalid.body.error.message).toContain('payload.deployment.id');

      const repository = inRepository(webhookExample('repository'));
      delete repository.repository.html_url;
      const badRepository = await send(
        portal.server,
        NEW_PATH,
        'repository',
        'b-2',
        JSON.stringify(repository),
      );
      expect(badRepository.status).toBe(400);
      expect(badRepository.body.error.message).toContain(
        'payload.repository.html_url',
      );

      const malformed = await send(
        portal.server,
        NEW_PATH,
        'push',
        'b-3',
        '{"ref": ',
      );
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.message).toContain('body: malformed JSON');
      // Unsigned garbage is still the signature's 401, not a 400 or a 500.
      const unsigned = await request(portal.server)
        .post(NEW_PATH)
        .set({
          'content-type': 'application/json',
          'x-github-event': 'push',
          'x-github-delivery': 'b-4',
        })
        .send('{"ref": ');
      expect(unsigned.status).toBe(401);
      expect(await stored()).toBe(before);
    });

    it('lets nobody but the events backend hand deliveries to insights', async () => {
      const body = JSON.stringify(inRepository(webhookExample('deployment')));
      const res = await request(portal.server)
        .post('/api/insights/github/deliveries')
        .set({
          'content-type': 'application/json',
          'x-github-event': 'deployment',
          'x-github-delivery': 'forged-1',
          authorization: mockCredentials.user.header(),
        })
        .send(body);
      expect(res.status).toBe(403);
    });

    it('gives the same DORA figures for the same deliveries through the earlier URL and the new one', async () => {
      const earlier = await startPortal(databaseId, SECRET);
      const now = await startPortal(databaseId, SECRET);
      try {
        for (const d of deliveries()) {
          const viaOld = await send(
            earlier.server,
            OLD_PATH,
            d.event,
            d.id,
            d.body,
          );
          const viaNew = await send(
            now.server,
            NEW_PATH,
            d.event,
            d.id,
            d.body,
          );
          expect([d.id, viaOld.status]).toEqual([d.id, 202]);
          expect([d.id, viaNew.status]).toEqual([d.id, 202]);
        }
        const dora = (server: Parameters<typeof request>[0]) =>
          request(server)
            .get('/api/insights/dora')
            .query({
              entityRef: 'component:default/one-webhook',
              from: '2025-01-01',
              to: '2025-02-01',
            })
            .set('Authorization', mockCredentials.user.header());
        const [a, b] = [await dora(earlier.server), await dora(now.server)];
        expect(a.status).toBe(200);
        expect(b.body).toEqual(a.body);
        // The redelivery and the replay counted once: five successful production deployments.
        const succeeded = async (knex: typeof now.knex) =>
          knex('insights_deployments').whereNotNull('succeeded_at');
        expect(await succeeded(now.knex)).toHaveLength(5);
        expect(await succeeded(earlier.knex)).toHaveLength(5);
        const events = async (knex: typeof now.knex) =>
          Number((await knex('insights_github_events').count({ n: '*' }))[0].n);
        expect(await events(now.knex)).toBe(13);
        expect(await events(earlier.knex)).toBe(13);
      } finally {
        await earlier.knex.destroy();
        await now.knex.destroy();
      }
    });
  },
);

describe.each(databases.eachSupportedId())(
  'one GitHub webhook without a secret on %p',
  databaseId => {
    it('refuses every delivery, signed or not', async () => {
      const { server, knex } = await startPortal(databaseId, undefined);
      try {
        const body = JSON.stringify(inRepository(webhookExample('deployment')));
        for (const event of ['deployment', 'ping', 'star']) {
          const res = await send(
            server,
            NEW_PATH,
            event,
            `n-${event}`,
            body,
            'whatever',
          );
          expect([event, res.status]).toEqual([event, 403]);
          expect(res.body.error.message).toContain(
            'webhook secret is not configured',
          );
        }
        expect(await knex('insights_github_events')).toHaveLength(0);
      } finally {
        await knex.destroy();
      }
    });
  },
);
