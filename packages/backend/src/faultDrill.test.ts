/*
 * Fault drill: the drill's own PostgreSQL is stopped while GitHub webhooks (through the portal's
 * one webhook, POST /api/events/http/github) and ROI scenario saves are arriving, then started again, under the real insights and ROI plugins and the portal's
 * root health service. The contract it checks:
 *   - a request answered 2xx left all of its data, readable afterwards;
 *   - a request answered otherwise (or not at all) left nothing half-made;
 *   - readiness answers 503 while the database is away and 200 again after, liveness stays 200;
 *   - the same backend serves again once the database is back, without a restart.
 * The figures it prints are those of docs/security.md, "Fault drill".
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import insightsPlugin, {
  githubWebhookModule,
} from '@internal/plugin-insights-backend';
import roiPlugin from '@internal/plugin-roi-backend';
import { SEED_EXAMPLE_INPUTS } from '@internal/plugin-roi-common';
import { Client } from 'pg';
import request from 'supertest';
import { DrillPostgres } from './__testUtils__/DrillPostgres';
import {
  Delivery,
  DRILL_REPOSITORY,
  drillDelivery,
  WEBHOOK_SECRET,
} from './__testUtils__/drillDeliveries';
import { rootHealthServiceFactory } from './health';

jest.setTimeout(180_000);

/** Milliseconds of load before the stop, of outage, and of load after readiness is back. */
const LOAD_BEFORE_MS = 2_000;
const OUTAGE_MS = 4_000;
const LOAD_AFTER_MS = 3_000;
/** A request without an answer by then counts as refused (GitHub gives up after 10 s). */
const REQUEST_TIMEOUT_MS = 10_000;
const WEBHOOK_SENDERS = 4;
const SCENARIO_CREATORS = 2;
const SCENARIO_EDITORS = 2;

const USER = mockCredentials.user.header('user:default/drill');

/** One request of the drill: when it left (ms since the drill began) and what came back (0: nothing). */
type Sent = { sentAt: number; status: number };
type WebhookAttempt = Sent & { delivery: Delivery };
type ScenarioCreate = Sent & { name: string; id?: string };
type ScenarioEdit = Sent & {
  scenarioId: string;
  version: number;
  name: string;
};

const acknowledged = (s: Sent) => s.status >= 200 && s.status < 300;
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** knex prints each failed connection attempt; during an outage that is hundreds of lines. */
const POOL_NOISE = /^(Acquire connection error|Connection Error):/;

describe('fault drill: PostgreSQL stopped and started under load', () => {
  let postgres: DrillPostgres;

  beforeAll(async () => {
    const log = console.log;
    jest.spyOn(console, 'log').mockImplementation((...args) => {
      if (!POOL_NOISE.test(String(args[0]))) log(...args);
    });
    postgres = await DrillPostgres.create();
  });

  afterAll(async () => {
    await postgres?.destroy();
    jest.restoreAllMocks();
  });

  it('acknowledges only what it keeps, half-makes nothing, and recovers without a restart', async () => {
    const backend = await startTestBackend({
      features: [
        // The production events service and its database-backed bus, as in the portal.
        eventsServiceFactory,
        eventsPlugin,
        githubWebhookModule,
        insightsPlugin,
        roiPlugin,
        rootHealthServiceFactory,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.rootConfig.factory({
          data: {
            backend: {
              database: { client: 'pg', connection: postgres.connection },
            },
            events: { modules: { github: { webhookSecret: WEBHOOK_SECRET } } },
            insights: { backfill: { enabled: false } },
          },
        }),
      ],
    });
    const api = request(backend.server);
    const t0 = Date.now();
    const clock = () => Date.now() - t0;
    /** The response, or undefined when none came in time (a refusal as GitHub sees it). */
    const answerOf = (pending: request.Test) =>
      pending.timeout(REQUEST_TIMEOUT_MS).then(
        res => res,
        () => undefined,
      );

    // Scenarios that the editors keep saving through the outage.
    const edited: Array<{ id: string; version: number }> = [];
    for (let i = 0; i < SCENARIO_EDITORS; i++) {
      const res = await api
        .post('/api/roi/scenarios')
        .set('Authorization', USER)
        .send({ name: `fault-drill edited ${i}`, inputs: SEED_EXAMPLE_INPUTS });
      expect(res.status).toBe(201);
      edited.push({ id: res.body.id, version: res.body.version });
    }
    expect((await api.get('/.backstage/health/v1/readiness')).status).toBe(200);

    const webhooks: WebhookAttempt[] = [];
    const creates: ScenarioCreate[] = [];
    const edits: ScenarioEdit[] = [];
    const readiness: Array<{ at: number; status: number }> = [];
    const liveness: number[] = [];
    let loading = true;

    const sendWebhooks = async (first: number) => {
      for (let n = first; loading; n += WEBHOOK_SENDERS) {
        const delivery = drillDelivery(n);
        const sentAt = clock();
        const res = await answerOf(
          api
            .post('/api/events/http/github')
            .set(delivery.headers)
            .send(delivery.body),
        );
        webhooks.push({ delivery, sentAt, status: res?.status ?? 0 });
        await sleep(10);
      }
    };

    const createScenarios = async (first: number) => {
      for (let n = first; loading; n += SCENARIO_CREATORS) {
        const name = `fault-drill created ${n}`;
        const sentAt = clock();
        const res = await answerOf(
          api
            .post('/api/roi/scenarios')
            .set('Authorization', USER)
            .send({
              name,
              inputs: { ...SEED_EXAMPLE_INPUTS, devCosts: 1_000_000 + n },
            }),
        );
        creates.push({
          name,
          sentAt,
          status: res?.status ?? 0,
          id: res?.body?.id,
        });
        await sleep(10);
      }
    };

    const editScenario = async (scenario: { id: string; version: number }) => {
      for (let attempt = 1; loading; attempt++) {
        // Each attempt saves a name of its own: what a version holds tells which attempt made it.
        const name = `fault-drill edited ${scenario.id} attempt ${attempt}`;
        const sentAt = clock();
        const res = await answerOf(
          api
            .put(`/api/roi/scenarios/${scenario.id}`)
            .set('Authorization', USER)
            .send({
              name,
              inputs: SEED_EXAMPLE_INPUTS,
              version: scenario.version,
            }),
        );
        const status = res?.status ?? 0;
        edits.push({
          scenarioId: scenario.id,
          version: scenario.version + 1,
          name,
          sentAt,
          status,
        });
        if (status === 200) {
          scenario.version = res!.body.version;
        } else if (status === 409) {
          // A refused save that was kept after all (its commit went through, its answer did
          // not): read the version back, as the page does on a conflict.
          for (;;) {
            const current = await answerOf(
              api
                .get(`/api/roi/scenarios/${scenario.id}`)
                .set('Authorization', USER),
            );
            if (current?.status === 200) {
              scenario.version = current.body.version;
              break;
            }
            await sleep(100);
          }
        }
        // Otherwise the user saves again, from the same version.
        await sleep(10);
      }
    };

    const watchHealth = async () => {
      while (loading) {
        const at = clock();
        const res = await answerOf(api.get('/.backstage/health/v1/readiness'));
        readiness.push({ at, status: res?.status ?? 0 });
        await sleep(100);
      }
    };

    const load = Promise.all([
      ...Array.from({ length: WEBHOOK_SENDERS }, (_, i) => sendWebhooks(i)),
      ...Array.from({ length: SCENARIO_CREATORS }, (_, i) =>
        createScenarios(i),
      ),
      ...edited.map(editScenario),
      watchHealth(),
    ]);

    // --- the outage
    await sleep(LOAD_BEFORE_MS);
    const stopAt = clock();
    await postgres.stop();
    const stoppedAt = clock();
    await sleep(OUTAGE_MS / 2);
    liveness.push((await api.get('/.backstage/health/v1/liveness')).status);
    await sleep(OUTAGE_MS / 2);
    const restartAt = clock();
    await postgres.start();
    const acceptingAt = clock();
    while (!readiness.some(r => r.at >= acceptingAt && r.status === 200)) {
      if (clock() - acceptingAt > 30_000) break;
      await sleep(50);
    }
    const readyAt =
      readiness.find(r => r.at >= acceptingAt && r.status === 200)?.at ??
      Infinity;
    await sleep(LOAD_AFTER_MS);
    loading = false;
    await load;

    // --- what is in the database now
    const insightsDb = new Client({
      ...postgres.connection,
      database: 'backstage_plugin_insights',
    });
    const roiDb = new Client({
      ...postgres.connection,
      database: 'backstage_plugin_roi',
    });
    await insightsDb.connect();
    await roiDb.connect();
    try {
      const events = new Set(
        (
          await insightsDb.query(
            "SELECT delivery_id FROM insights_github_events WHERE delivery_id LIKE 'fault-drill-%'",
          )
        ).rows.map(r => r.delivery_id as string),
      );
      const commits = new Set(
        (
          await insightsDb.query(
            'SELECT sha FROM insights_commits WHERE repository = $1',
            [DRILL_REPOSITORY],
          )
        ).rows.map(r => r.sha as string),
      );
      const deployments = new Set(
        (
          await insightsDb.query(
            'SELECT deployment_id FROM insights_deployments WHERE repository = $1',
            [DRILL_REPOSITORY],
          )
        ).rows.map(r => Number(r.deployment_id)),
      );
      /** 'whole' (the raw event and every row it derives), 'none', or 'half'. */
      const webhookState = ({ delivery }: WebhookAttempt) => {
        const { expected } = delivery;
        const parts = [
          events.has(delivery.deliveryId),
          ...(expected.kind === 'push'
            ? expected.commits.map(sha => commits.has(sha))
            : [deployments.has(expected.deploymentId)]),
        ];
        if (parts.every(Boolean)) return 'whole';
        return parts.some(Boolean) ? 'half' : 'none';
      };

      const scenarios = (
        await roiDb.query(
          "SELECT id, name, version FROM roi_scenarios WHERE name LIKE 'fault-drill %'",
        )
      ).rows as Array<{ id: string; name: string; version: number }>;
      const versions = (
        await roiDb.query(
          'SELECT scenario_id, version, name FROM roi_scenario_versions WHERE scenario_id = ANY($1::uuid[])',
          [scenarios.map(s => s.id)],
        )
      ).rows as Array<{ scenario_id: string; version: number; name: string }>;
      const versionsOf = (id: string) =>
        versions
          .filter(v => v.scenario_id === id)
          .sort((a, b) => a.version - b.version);
      // Every scenario has each of its versions 1..n and stands at n: a save is all or nothing.
      const halfSavedScenarios = scenarios.filter(s => {
        const kept = versionsOf(s.id).map(v => v.version);
        return (
          kept.length !== s.version ||
          kept.some((version, i) => version !== i + 1)
        );
      });
      const createState = (c: ScenarioCreate) => {
        const rows = scenarios.filter(s => s.name === c.name);
        if (rows.length === 0) return 'none';
        return rows.length === 1 && versionsOf(rows[0].id).length >= 1
          ? 'whole'
          : 'half';
      };
      const editState = (e: ScenarioEdit) =>
        versionsOf(e.scenarioId).some(
          v => v.version === e.version && v.name === e.name,
        )
          ? 'whole'
          : 'none';

      // Acknowledged scenarios read back through the API, as the page would.
      const unreadable: string[] = [];
      for (const c of creates.filter(acknowledged)) {
        const res = await api
          .get(`/api/roi/scenarios/${c.id}`)
          .set('Authorization', USER);
        if (res.status !== 200 || res.body.name !== c.name)
          unreadable.push(`${c.name}: ${res.status}`);
      }

      const tally = <T extends Sent>(
        sent: T[],
        state: (s: T) => 'whole' | 'none' | 'half',
      ) => {
        const ack = sent.filter(acknowledged);
        const refused = sent.filter(s => !acknowledged(s));
        return {
          sent: sent.length,
          acknowledged: ack.length,
          refused: refused.length,
          lost: ack.filter(s => state(s) !== 'whole').length,
          halfMade: refused.filter(s => state(s) === 'half').length,
          refusedButKept: refused.filter(s => state(s) === 'whole').length,
          refusedDuringOutage: refused.filter(
            s => s.sentAt >= stopAt && s.sentAt < readyAt,
          ).length,
          refusedAfterReady: refused.filter(s => s.sentAt >= readyAt).length,
          sentAfterReady: sent.filter(s => s.sentAt >= readyAt).length,
          conflicts: refused.filter(s => s.status === 409).length,
          statuses: [...new Set(refused.map(s => s.status))].sort(),
        };
      };
      const figures = {
        webhooks: tally(webhooks, webhookState),
        scenarioCreates: tally(creates, createState),
        scenarioEdits: tally(edits, editState),
      };
      const notReadyAt = readiness.find(
        r => r.at >= stopAt && r.status === 503,
      )?.at;
      const firstAcknowledgedAfter = (sent: Sent[]) =>
        sent.find(s => s.sentAt >= restartAt && acknowledged(s))?.sentAt;
      const timeline = {
        stopTookMs: stoppedAt - stopAt,
        outageMs: restartAt - stopAt,
        notReadyAfterStopMs:
          notReadyAt === undefined ? undefined : notReadyAt - stopAt,
        databaseAcceptingAfterRestartMs: acceptingAt - restartAt,
        readyAfterRestartMs: readyAt - restartAt,
        firstWebhookAcknowledgedAfterRestartMs:
          (firstAcknowledgedAfter(webhooks) ?? Infinity) - restartAt,
        firstSaveAcknowledgedAfterRestartMs:
          (firstAcknowledgedAfter([...creates, ...edits]) ?? Infinity) -
          restartAt,
        livenessDuringOutage: liveness,
      };
      // The drill's figures, for docs/security.md.
      console.log(
        `fault drill figures\n${JSON.stringify(
          { ...figures, timeline },
          null,
          2,
        )}`,
      );

      for (const [kind, f] of Object.entries(figures)) {
        // Nothing acknowledged is lost, nothing refused is half-made.
        expect({ kind, lost: f.lost, halfMade: f.halfMade }).toEqual({
          kind,
          lost: 0,
          halfMade: 0,
        });
        // The drill really hit the outage, and load really ran after it.
        expect({
          kind,
          refusedDuringOutage: f.refusedDuringOutage > 0,
        }).toEqual({ kind, refusedDuringOutage: true });
        expect(f.sentAfterReady).toBeGreaterThan(0);
        // Once readiness says so, the same backend serves again: its pools reconnected.
        expect({ kind, refusedAfterReady: f.refusedAfterReady }).toEqual({
          kind,
          refusedAfterReady: 0,
        });
        // A refusal is the database's (5xx) or no answer at all, never a 4xx blaming the request.
        // (but for the conflict of a save repeated after a refusal that was kept after all).
        expect(
          f.statuses.filter(s => s !== 0 && s !== 409 && (s < 500 || s > 599)),
        ).toEqual([]);
        expect(f.conflicts).toBeLessThanOrEqual(f.refusedButKept);
      }
      expect(halfSavedScenarios).toEqual([]);
      expect(unreadable).toEqual([]);

      // Readiness: ready before, 503 while the database is away, ready again after.
      expect(
        readiness.filter(r => r.at < stopAt).every(r => r.status === 200),
      ).toBe(true);
      expect(
        readiness.some(
          r => r.at >= stoppedAt && r.at < restartAt && r.status === 503,
        ),
      ).toBe(true);
      expect(readyAt).toBeLessThan(Infinity);
      expect(timeline.notReadyAfterStopMs).toBeLessThan(5_000);
      expect(liveness).toEqual([200]);
    } finally {
      await insightsDb.end();
      await roiDb.end();
      await backend.stop();
    }
  });
});
