import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { RESOURCE_TYPE_READINESS_GROUP } from '@internal/plugin-readiness-common';
import { createPostgresTestDatabases } from '@internal/test-databases';
import request from 'supertest';
import { decideReadinessGroupForMember } from '../permissions/decision';
import { readinessPlugin } from '../plugin';

jest.setTimeout(60_000);

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

const ELENA = 'user:default/elena';
const JONAS = 'user:default/jonas';
/** Capitals in the name and the claims, as a sign-in resolver may give them. */
const INES = 'user:default/Ines.Pereira';
const ADMIN = 'user:default/root';

/** Ownership claims of each user: themselves and their groups. */
const claims: Record<string, string[]> = {
  [ELENA]: [ELENA, 'group:default/payments-team'],
  [JONAS]: [JONAS, 'group:default/platform-team'],
  [INES]: [INES, 'group:default/Payments-Team'],
  [ADMIN]: [ADMIN, 'group:default/admins'],
};

/** The portal's policy for saving: admins may, members for their own groups. */
function decide(
  permission: Parameters<typeof isResourcePermission>[0],
  credentials: BackstageCredentials,
): PolicyDecision {
  const ref = (credentials as BackstageCredentials<BackstageUserPrincipal>)
    .principal.userEntityRef;
  if (ref === ADMIN) return { result: AuthorizeResult.ALLOW };
  if (isResourcePermission(permission, RESOURCE_TYPE_READINESS_GROUP)) {
    return decideReadinessGroupForMember(permission, {
      claims: claims[ref] ?? [ref],
    });
  }
  return { result: AuthorizeResult.ALLOW };
}

const permissions = mockServices.permissions.mock({
  authorize: async (requests, { credentials }) =>
    requests.map(r => ({
      result:
        decide(r.permission, credentials).result === AuthorizeResult.ALLOW
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
    })),
  authorizeConditional: async (requests, { credentials }) =>
    requests.map(r => decide(r.permission, credentials)) as any,
});

const answers = {
  teamSize: 'yellow',
  deploymentFriction: 'yellow',
  infrastructureComplexity: 'yellow',
  developerComplaints: 'yellow',
  shadowIt: 'red',
  onboardingTime: 'red',
  contextSwitching: 'green',
};

describe('saving an assessment', () => {
  const databases = createPostgresTestDatabases();

  it.each(databases.eachSupportedId())(
    'is for members of the group and platform admins only, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          readinessPlugin,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({
            entities: [group('payments-team'), group('platform-team')],
          }),
          permissions.factory,
        ],
      });
      const save = (user: string, groupRef: string) =>
        request(server)
          .post('/api/readiness/assessments')
          .set('Authorization', mockCredentials.user.header(user))
          .send({ groupRef, answers });
      const count = async () =>
        Number((await knex('readiness_assessments').count({ n: '*' }))[0].n);

      expect((await save(ELENA, 'group:default/payments-team')).status).toBe(
        201,
      );
      // another team's member may not overwrite its latest verdict
      const intruder = await save(JONAS, 'payments-team');
      expect(intruder.status).toBe(403);
      expect(intruder.body.error.message).toBe(
        'readiness.assessment.create: only members of group:default/payments-team (and platform admins) may save its assessments',
      );
      expect(await count()).toBe(1);
      const latest = await request(server)
        .get('/api/readiness/assessments/latest')
        .set('Authorization', mockCredentials.user.header(JONAS));
      expect(latest.body.items.map((i: any) => i.author)).toEqual([ELENA]);

      // refs compared normalised: capitals in the claims or the request change nothing
      expect((await save(INES, 'Group:Default/Payments-Team')).status).toBe(
        201,
      );
      expect((await save(INES, 'platform-team')).status).toBe(403);
      expect((await save(ADMIN, 'payments-team')).status).toBe(201);
      expect((await save(ADMIN, 'platform-team')).status).toBe(201);
      expect(await count()).toBe(4);
    },
  );
});
