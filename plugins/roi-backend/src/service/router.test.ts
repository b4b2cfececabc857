import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  RESOURCE_TYPE_ROI_SCENARIO,
  SEED_EXAMPLE_INPUTS,
  SEED_EXAMPLE_RESULT,
} from '@internal/plugin-roi-common';
import request from 'supertest';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { roiPlugin } from '../plugin';
import { decideRoiScenarioForMember } from '../permissions/decision';

jest.setTimeout(60_000);

const ADA = 'user:default/ada';
const BOB = 'user:default/bob';
const EVE = 'user:default/eve';
const ADMIN = 'user:default/root';
const VIEWER = 'user:default/viewer';
/** A user whose entity name has capitals, as GitHub sign-in gives it. */
const JANE = 'user:default/Jane.Doe';

/** Group memberships of the test users (their ownership claims). */
const groups: Record<string, string[]> = {
  [ADA]: ['group:default/finance'],
  [BOB]: ['group:default/finance'],
  [EVE]: ['group:default/sales'],
  [ADMIN]: ['group:default/platform-team'],
  [VIEWER]: [],
  [JANE]: ['group:default/Finance'],
};

/** The portal's policy for this plugin: admins may do all; members per memberRules. */
function decide(
  permission: Parameters<typeof isResourcePermission>[0],
  credentials: BackstageCredentials,
): PolicyDecision {
  const ref = (credentials as BackstageCredentials<BackstageUserPrincipal>)
    .principal.userEntityRef;
  if (ref === ADMIN) {
    return { result: AuthorizeResult.ALLOW };
  }
  if (isResourcePermission(permission, RESOURCE_TYPE_ROI_SCENARIO)) {
    return decideRoiScenarioForMember(permission, {
      userEntityRef: ref,
      claims: [ref, ...(groups[ref] ?? [])],
    });
  }
  // roi.scenario.create: 'allow' for members; the viewer stands for a policy that denies it
  return {
    result: ref === VIEWER ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
  };
}

const permissionsMock = mockServices.permissions.mock({
  authorize: async (requests, { credentials }) =>
    requests.map(r => {
      const d = decide(r.permission, credentials);
      return {
        result:
          d.result === AuthorizeResult.ALLOW
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      };
    }),
  authorizeConditional: async (requests, { credentials }) =>
    requests.map(r => decide(r.permission, credentials)) as any,
});

const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});

describe('roi backend', () => {
  const databases = createPostgresTestDatabases();

  async function start(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const { server } = await startTestBackend({
      features: [
        roiPlugin,
        mockServices.database.factory({ knex }),
        permissionsMock.factory,
      ],
    });
    return server;
  }

  it.each(databases.eachSupportedId())(
    'calculates, validates and keeps scenarios on %p',
    async databaseId => {
      const server = await start(databaseId);
      const api = request(server);

      // --- POST /calculate: the seed's example, worked out by hand in roi-common
      const calc = await api
        .post('/api/roi/calculate')
        .set(as(ADA))
        .send(SEED_EXAMPLE_INPUTS);
      expect(calc.status).toBe(200);
      expect(calc.body).toMatchObject({
        currency: 'EUR',
        periodMonths: 12,
        ...SEED_EXAMPLE_RESULT,
      });
      expect(calc.body.cashFlow).toHaveLength(37);
      expect(calc.body.years).toHaveLength(3);
      expect(calc.body.sensitivity).toHaveLength(4);

      const anonymous = await api
        .post('/api/roi/calculate')
        .set('Authorization', mockCredentials.none.header())
        .send(SEED_EXAMPLE_INPUTS);
      expect(anonymous.status).toBe(401);

      // --- bad input: 400 naming the field, never a 5xx
      const bad: Array<[string, unknown, string]> = [
        [
          'negative',
          { ...SEED_EXAMPLE_INPUTS, devCosts: -5 },
          'devCosts: must be >= 0',
        ],
        [
          'non-numeric',
          { ...SEED_EXAMPLE_INPUTS, incidentCosts: '12' },
          'incidentCosts: must be number',
        ],
        [
          'null',
          { ...SEED_EXAMPLE_INPUTS, infraCosts: null },
          'infraCosts: must be number',
        ],
        [
          'missing',
          { ...SEED_EXAMPLE_INPUTS, trainingCosts: undefined },
          'trainingCosts: is required',
        ],
        [
          'percent over 100',
          { ...SEED_EXAMPLE_INPUTS, improvedIncidentsCostsPct: 140 },
          'improvedIncidentsCostsPct: must be <= 100',
        ],
        [
          'percent below 0',
          { ...SEED_EXAMPLE_INPUTS, improvedProductivityPct: -1 },
          'improvedProductivityPct: must be >= 0',
        ],
        [
          'zero investment',
          {
            ...SEED_EXAMPLE_INPUTS,
            designCosts: 0,
            addLicenceCosts: 0,
            trainingCosts: 0,
          },
          'investment: designCosts + addLicenceCosts + trainingCosts must be greater than 0',
        ],
        [
          'unknown currency',
          { ...SEED_EXAMPLE_INPUTS, currency: 'ABC' },
          'currency: must be equal to one of the allowed values',
        ],
        [
          'unknown field',
          { ...SEED_EXAMPLE_INPUTS, devCost: 1 },
          'devCost: unknown field',
        ],
        [
          'period',
          { ...SEED_EXAMPLE_INPUTS, periodMonths: 0 },
          'periodMonths: must be >= 1',
        ],
        ['not an object', [1, 2, 3], 'body: must be object'],
      ];
      for (const [, body, message] of bad) {
        const res = await api
          .post('/api/roi/calculate')
          .set(as(ADA))
          .send(body as object);
        expect({
          status: res.status,
          message: res.body.error?.message,
        }).toEqual({
          status: 400,
          message: expect.stringContaining(message),
        });
      }

      const raw = async (body: string, type = 'application/json') =>
        api
          .post('/api/roi/calculate')
          .set(as(ADA))
          .set('Content-Type', type)
          .send(body);
      // 1e400 is valid JSON that parses to Infinity
      const infinite = await raw(
        JSON.stringify(SEED_EXAMPLE_INPUTS).replace(
          '"devCosts":1000000',
          '"devCosts":1e400',
        ),
      );
      expect(infinite.status).toBe(400);
      expect(infinite.body.error.message).toContain('devCosts: must be number');
      const malformed = await raw('{"devCosts": 1,');
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.message).toContain('body: is not valid JSON');
      const huge = await raw(
        JSON.stringify({ ...SEED_EXAMPLE_INPUTS, padding: 'x'.repeat(70_000) }),
      );
      expect(huge.status).toBe(400);
      expect(huge.body.error.message).toContain(
        'body: must be at most 65536 bytes',
      );
      const text = await raw('devCosts=1', 'text/plain');
      expect(text.status).toBe(400);
      expect(text.body.error.message).toContain(
        'body: must be sent as application/json',
      );

      // --- scenarios: create, list, read, update (versions), conflict, duplicate, export, delete
      const created = await api
        .post('/api/roi/scenarios')
        .set(as(ADA))
        .send({ name: 'Board 2025', inputs: SEED_EXAMPLE_INPUTS });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'Board 2025',
        ownerRef: ADA,
        version: 1,
        canEdit: true,
        sharedWithGroups: [],
        sharedByLink: false,
        inputs: { ...SEED_EXAMPLE_INPUTS, currency: 'EUR', periodMonths: 12 },
      });
      const id = created.body.id;

      const list = await api.get('/api/roi/scenarios').set(as(ADA));
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([
        expect.objectContaining({
          id,
          roiPercent: 28.18,
          paybackMonths: 9.36,
          currency: 'EUR',
        }),
      ]);

      const updated = await api
        .put(`/api/roi/scenarios/${id}`)
        .set(as(ADA))
        .send({
          name: 'Board 2025',
          inputs: { ...SEED_EXAMPLE_INPUTS, improvedProductivityPct: 30 },
          version: 1,
        });
      expect(updated.status).toBe(200);
      expect(updated.body.version).toBe(2);

      const stale = await api
        .put(`/api/roi/scenarios/${id}`)
        .set(as(ADA))
        .send({ name: 'Board 2025', inputs: SEED_EXAMPLE_INPUTS, version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toContain('version:');

      const versions = await api
        .get(`/api/roi/scenarios/${id}/versions`)
        .set(as(ADA));
      expect(versions.body.items.map((v: any) => v.version)).toEqual([2, 1]);
      expect(versions.body.items[0]).toMatchObject({
        changedBy: ADA,
        changes: [
          { field: 'inputs.improvedProductivityPct', from: 20, to: 30 },
        ],
      });
      expect(versions.body.items[1].changes).toEqual(
        expect.arrayContaining([
          { field: 'name', from: null, to: 'Board 2025' },
        ]),
      );

      const copy = await api
        .post(`/api/roi/scenarios/${id}/duplicate`)
        .set(as(ADA));
      expect(copy.status).toBe(201);
      expect(copy.body).toMatchObject({
        name: 'Copy of Board 2025',
        version: 1,
      });
      expect(copy.body.inputs.improvedProductivityPct).toBe(30);

      const csv = await api
        .get(`/api/roi/scenarios/${id}/export.csv`)
        .set(as(ADA));
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['content-disposition']).toContain(
        'roi-board-2025-v2.csv',
      );
      // gain = 30% × 1,000,000 + 92,000 + 66,900 = 458,900; ROI = 178,900 / 280,000 = 63.89%
      expect(csv.text).toContain('result,roiPercent,ROI,63.89,%');

      // bad scenario input
      const badScenarios: Array<[unknown, string]> = [
        [{ inputs: SEED_EXAMPLE_INPUTS }, 'name: is required'],
        [
          { name: 'x', inputs: { ...SEED_EXAMPLE_INPUTS, devCosts: -1 } },
          'inputs.devCosts: must be >= 0',
        ],
        [
          { name: 'x', inputs: { ...SEED_EXAMPLE_INPUTS, extra: 1 } },
          'inputs.extra: unknown field',
        ],
        [
          { name: 'x', inputs: SEED_EXAMPLE_INPUTS, owner: ADA },
          'owner: unknown field',
        ],
        [
          {
            name: 'x',
            inputs: SEED_EXAMPLE_INPUTS,
            sharedWithGroups: ['finance'],
          },
          'sharedWithGroups.0: must match pattern',
        ],
      ];
      for (const [body, message] of badScenarios) {
        const res = await api
          .post('/api/roi/scenarios')
          .set(as(ADA))
          .send(body as object);
        expect({
          status: res.status,
          message: res.body.error?.message,
        }).toEqual({
          status: 400,
          message: expect.stringContaining(message),
        });
      }
      const missingVersion = await api
        .put(`/api/roi/scenarios/${id}`)
        .set(as(ADA))
        .send({ name: 'x', inputs: SEED_EXAMPLE_INPUTS });
      expect(missingVersion.status).toBe(400);
      expect(missingVersion.body.error.message).toContain('version:');
      expect(
        (await api.get('/api/roi/scenarios/not-a-uuid').set(as(ADA))).body.error
          .message,
      ).toContain('id: must match pattern');
      expect(
        (await api.get('/api/roi/scenarios?limit=0').set(as(ADA))).status,
      ).toBe(400);
      expect(
        (
          await api
            .get('/api/roi/scenarios/00000000-0000-4000-8000-000000000000')
            .set(as(ADA))
        ).status,
      ).toBe(404);

      const removed = await api
        .delete(`/api/roi/scenarios/${copy.body.id}`)
        .set(as(ADA));
      expect(removed.status).toBe(204);
      expect(
        (await api.get(`/api/roi/scenarios/${copy.body.id}`).set(as(ADA)))
          .status,
      ).toBe(404);
    },
  );

  it.each(databases.eachSupportedId())(
    'pages the saved scenarios with cursors, each page within what the caller may read, on %p',
    async databaseId => {
      const server = await start(databaseId);
      const api = request(server);
      // Ada saves five, Bob one: Ada's list is hers only (not shared).
      for (const n of [1, 2, 3, 4, 5]) {
        const saved = await api
          .post('/api/roi/scenarios')
          .set(as(ADA))
          .send({ name: `Case ${n}`, inputs: SEED_EXAMPLE_INPUTS });
        expect(saved.status).toBe(201);
      }
      await api
        .post('/api/roi/scenarios')
        .set(as(BOB))
        .send({ name: 'Bob case', inputs: SEED_EXAMPLE_INPUTS });
      const all = await api.get('/api/roi/scenarios').set(as(ADA));
      const order: string[] = all.body.items.map(
        (i: { name: string }) => i.name,
      );
      // latest change first: 5 … 1; one page of 200 holds them, no cursor either way
      expect(order).toEqual(['Case 5', 'Case 4', 'Case 3', 'Case 2', 'Case 1']);
      expect(all.body.nextCursor).toBeUndefined();
      expect(all.body.prevCursor).toBeUndefined();

      const page = async (query: string) => {
        const res = await api.get(`/api/roi/scenarios?${query}`).set(as(ADA));
        expect(res.status).toBe(200);
        return {
          names: res.body.items.map((i: { name: string }) => i.name),
          next: res.body.nextCursor as string | undefined,
          prev: res.body.prevCursor as string | undefined,
        };
      };
      // 5 rows, pages of 2: [5, 4] → [3, 2] → [1]
      const first = await page('limit=2');
      expect(first.names).toEqual(['Case 5', 'Case 4']);
      expect(first.prev).toBeUndefined();
      const second = await page(`limit=2&cursor=${first.next}`);
      expect(second.names).toEqual(['Case 3', 'Case 2']);
      const third = await page(`limit=2&cursor=${second.next}`);
      expect(third.names).toEqual(['Case 1']);
      expect(third.next).toBeUndefined();
      // and back: before Case 1 → [3, 2]; before Case 3 → [5, 4], the first page again
      const back = await page(`limit=2&cursor=${third.prev}`);
      expect(back.names).toEqual(['Case 3', 'Case 2']);
      const start_ = await page(`limit=2&cursor=${back.prev}`);
      expect(start_.names).toEqual(['Case 5', 'Case 4']);
      expect(start_.prev).toBeUndefined();
      expect(start_.next).toBeDefined();

      // a scenario changed meanwhile moves to the front; the pages after a cursor stay whole
      const case3 = all.body.items[2];
      await api.put(`/api/roi/scenarios/${case3.id}`).set(as(ADA)).send({
        name: 'Case 3',
        inputs: SEED_EXAMPLE_INPUTS,
        version: 1,
      });
      expect((await page(`limit=2&cursor=${first.next}`)).names).toEqual([
        'Case 2',
        'Case 1',
      ]);

      // Bob's pages hold Bob's only
      const bob = await api.get('/api/roi/scenarios?limit=1').set(as(BOB));
      expect(bob.body.items.map((i: { name: string }) => i.name)).toEqual([
        'Bob case',
      ]);
      expect(bob.body.nextCursor).toBeUndefined();

      // a cursor no page handed out: 400 naming the field
      const forged = Buffer.from(
        '["n","2026-02-30T00:00:00.000Z","x"]',
      ).toString('base64url');
      const refused = await api
        .get(`/api/roi/scenarios?cursor=${forged}`)
        .set(as(ADA));
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(/^cursor: /);
      const badChars = await api
        .get('/api/roi/scenarios?cursor=a%2Bb')
        .set(as(ADA));
      expect(badChars.status).toBe(400);
      expect(badChars.body.error.message).toContain('cursor');
    },
  );

  it.each(databases.eachSupportedId())(
    'applies roi.scenario.* permissions on %p',
    async databaseId => {
      const server = await start(databaseId);
      const api = request(server);
      const created = await api
        .post('/api/roi/scenarios')
        .set(as(ADA))
        .send({ name: 'Private case', inputs: SEED_EXAMPLE_INPUTS });
      const id = created.body.id;

      // not shared: only the owner (and admins) see it
      expect(
        (await api.get(`/api/roi/scenarios/${id}`).set(as(BOB))).status,
      ).toBe(403);
      expect(
        (await api.get('/api/roi/scenarios').set(as(BOB))).body.items,
      ).toEqual([]);
      expect(
        (await api.get(`/api/roi/scenarios/${id}/export.csv`).set(as(BOB)))
          .status,
      ).toBe(403);
      expect(
        (await api.get(`/api/roi/scenarios/${id}`).set(as(ADMIN))).status,
      ).toBe(200);

      // shared with the finance group and by link
      const shared = await api
        .put(`/api/roi/scenarios/${id}`)
        .set(as(ADA))
        .send({
          name: 'Private case',
          inputs: SEED_EXAMPLE_INPUTS,
          sharedWithGroups: ['group:default/Finance'],
          sharedByLink: true,
          version: 1,
        });
      expect(shared.status).toBe(200);
      expect(shared.body.sharedWithGroups).toEqual(['group:default/finance']);
      const token = shared.body.shareToken;
      expect(token).toMatch(/^[A-Za-z0-9_-]{16,64}$/);

      const asBob = await api.get(`/api/roi/scenarios/${id}`).set(as(BOB));
      expect(asBob.status).toBe(200);
      expect(asBob.body).toMatchObject({
        canEdit: false,
        shareToken: null,
        sharedByLink: true,
      });
      expect(
        (await api.get('/api/roi/scenarios').set(as(BOB))).body.items.map(
          (s: any) => s.id,
        ),
      ).toEqual([id]);

      // readers may not change or delete; they may duplicate into their own
      const bobEdit = await api
        .put(`/api/roi/scenarios/${id}`)
        .set(as(BOB))
        .send({ name: 'Hijacked', inputs: SEED_EXAMPLE_INPUTS, version: 2 });
      expect(bobEdit.status).toBe(403);
      expect(bobEdit.body.error.message).toContain('roi.scenario.update');
      expect(
        (await api.delete(`/api/roi/scenarios/${id}`).set(as(BOB))).status,
      ).toBe(403);
      const bobCopy = await api
        .post(`/api/roi/scenarios/${id}/duplicate`)
        .set(as(BOB));
      expect(bobCopy.status).toBe(201);
      expect(bobCopy.body).toMatchObject({ ownerRef: BOB, canEdit: true });

      // another group: not in the list, not readable by id, readable by link
      expect(
        (await api.get(`/api/roi/scenarios/${id}`).set(as(EVE))).status,
      ).toBe(403);
      expect(
        (await api.get('/api/roi/scenarios').set(as(EVE))).body.items,
      ).toEqual([]);
      const byLink = await api.get(`/api/roi/shared/${token}`).set(as(EVE));
      expect(byLink.status).toBe(200);
      expect(byLink.body).toMatchObject({
        id,
        canEdit: false,
        shareToken: null,
      });
      expect(
        (await api.get('/api/roi/shared/unknown-token-000000').set(as(EVE)))
          .status,
      ).toBe(404);

      // a user whose policy denies roi.scenario.create
      const viewer = await api
        .post('/api/roi/scenarios')
        .set(as(VIEWER))
        .send({ name: 'Nope', inputs: SEED_EXAMPLE_INPUTS });
      expect(viewer.status).toBe(403);
      expect(viewer.body.error.message).toContain('roi.scenario.create');

      // admins may change anyone's scenario
      const adminEdit = await api
        .put(`/api/roi/scenarios/${id}`)
        .set(as(ADMIN))
        .send({
          name: 'Reviewed',
          inputs: SEED_EXAMPLE_INPUTS,
          sharedByLink: false,
          version: 2,
        });
      expect(adminEdit.status).toBe(200);
      expect(adminEdit.body).toMatchObject({
        version: 3,
        updatedBy: ADMIN,
        ownerRef: ADA,
      });
      // unsharing the link revokes it
      expect(
        (await api.get(`/api/roi/shared/${token}`).set(as(EVE))).status,
      ).toBe(404);
      const versions = await api
        .get(`/api/roi/scenarios/${id}/versions`)
        .set(as(ADA));
      expect(versions.body.items[0].changes).toEqual([
        { field: 'name', from: 'Private case', to: 'Reviewed' },
        { field: 'sharedWithGroups', from: ['group:default/finance'], to: [] },
        { field: 'sharedByLink', from: true, to: false },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'lets a user whose name has capitals work on their own scenarios on %p',
    async databaseId => {
      const server = await start(databaseId);
      const api = request(server);
      const created = await api
        .post('/api/roi/scenarios')
        .set(as(JANE))
        .send({ name: 'Jane case', inputs: SEED_EXAMPLE_INPUTS });
      expect(created.status).toBe(201);
      const id = created.body.id;
      // stored and returned normalised, so every comparison sees one spelling
      expect(created.body).toMatchObject({
        ownerRef: 'user:default/jane.doe',
        canEdit: true,
      });

      const list = await api.get('/api/roi/scenarios').set(as(JANE));
      expect(list.body.items.map((s: any) => s.id)).toEqual([id]);
      expect(list.body.items[0].canEdit).toBe(true);
      expect(
        (await api.get(`/api/roi/scenarios/${id}`).set(as(JANE))).status,
      ).toBe(200);
      const edit = await api
        .put(`/api/roi/scenarios/${id}`)
        .set(as(JANE))
        .send({
          name: 'Jane case',
          inputs: SEED_EXAMPLE_INPUTS,
          sharedWithGroups: ['group:default/finance'],
          version: 1,
        });
      expect(edit.status).toBe(200);
      expect(
        (await api.get(`/api/roi/scenarios/${id}/versions`).set(as(JANE)))
          .status,
      ).toBe(200);

      // shared with Finance: Ada (finance) reads it, Eve (sales) does not
      expect(
        (await api.get(`/api/roi/scenarios/${id}`).set(as(ADA))).status,
      ).toBe(200);
      expect(
        (await api.get(`/api/roi/scenarios/${id}`).set(as(EVE))).status,
      ).toBe(403);
      // the same user under another spelling is the same owner
      expect(
        (
          await api
            .get(`/api/roi/scenarios/${id}`)
            .set(as('user:default/JANE.DOE'))
        ).status,
      ).toBe(200);
      expect(
        (await api.delete(`/api/roi/scenarios/${id}`).set(as(JANE))).status,
      ).toBe(204);
    },
  );
});
