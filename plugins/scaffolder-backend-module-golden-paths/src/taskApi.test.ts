/*
 * Template injection through the scaffolder's REST API: a task posted straight to
 * `POST /api/scaffolder/v2/tasks`, for a template that carries no patterns at all, still meets
 * `acme:validate-name` as its first step, which refuses a hostile owner and an owner the user
 * does not belong to before any later step runs. Real scaffolder backend, on PostgreSQL.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { requireFromBackend } from './__testUtils__/render';
import { createValidateNameAction } from './actions/validateName';
import { withRedactedOutput } from './lib/redact';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_18', 'POSTGRES_17', 'POSTGRES_16', 'POSTGRES_15'],
});

/** A template without any pattern: as if the form's checks were bypassed or forgotten. */
const template: Entity = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'no-patterns', namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:default/platform-team',
    parameters: [
      {
        properties: {
          name: { type: 'string' },
          owner: { type: 'string' },
          system: { type: 'string' },
        },
      },
    ],
    steps: [
      {
        id: 'validate',
        action: 'acme:validate-name',
        input: {
          name: '${{ parameters.name }}',
          owner: '${{ parameters.owner }}',
          system: '${{ parameters.system }}',
        },
      },
      {
        id: 'side-effect',
        action: 'test:side-effect',
        input: { owner: '${{ parameters.owner }}' },
      },
    ],
  },
};

const entities: Entity[] = [
  template,
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [{ type: 'hasMember', targetRef: 'user:default/elena.rossi' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: { owner: 'payments-team' },
  },
];

describe.each(databases.eachSupportedId())(
  'a task posted to the scaffolder API on %p',
  databaseId => {
    let baseUrl: string;
    let stop: () => Promise<void>;
    const sideEffects: unknown[] = [];

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      const goldenPaths = createBackendModule({
        pluginId: 'scaffolder',
        moduleId: 'golden-paths-under-test',
        register(reg) {
          reg.registerInit({
            deps: {
              scaffolder: scaffolderActionsExtensionPoint,
              catalog: catalogServiceRef,
              userInfo: coreServices.userInfo,
              config: coreServices.rootConfig,
            },
            async init({ scaffolder, catalog, userInfo, config }) {
              scaffolder.addActions(
                withRedactedOutput(
                  createValidateNameAction({ catalog, config, userInfo }),
                  [],
                ),
                createTemplateAction({
                  id: 'test:side-effect',
                  schema: { input: { owner: z => z.string() } },
                  async handler(ctx) {
                    sideEffects.push(ctx.input.owner);
                  },
                }),
              );
            },
          });
        },
      });
      const backend = await startTestBackend({
        features: [
          requireFromBackend<{ default: any }>(
            '@backstage/plugin-scaffolder-backend',
          ).default,
          goldenPaths,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities }),
        ],
      });
      baseUrl = `http://localhost:${backend.server.port()}/api/scaffolder`;
      stop = () => backend.stop();
    });

    // Before the database goes: the task worker, and the event streams for a second more
    // (they poll every second), read it until the backend has stopped.
    afterAll(async () => {
      await stop?.();
      await new Promise(resolve => setTimeout(resolve, 1500));
    });

    /** Posts a task as `user` and waits for it to finish; answers its status and log. */
    async function runTask(user: string, values: Record<string, unknown>) {
      const headers = {
        'content-type': 'application/json',
        authorization: mockCredentials.user.header(user),
      };
      const created = await fetch(`${baseUrl}/v2/tasks`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          templateRef: 'template:default/no-patterns',
          values,
        }),
      });
      expect(created.status).toBe(201);
      const { id } = await created.json();
      for (let i = 0; i < 200; i++) {
        const task = await (
          await fetch(`${baseUrl}/v2/tasks/${id}`, { headers })
        ).json();
        if (task.status === 'completed' || task.status === 'failed') {
          const events = await (
            await fetch(`${baseUrl}/v2/tasks/${id}/events`, { headers })
          ).json();
          return {
            status: task.status as string,
            log: events.map((e: any) => e.body?.message ?? '').join('\n'),
          };
        }
        await new Promise(resolve => setTimeout(resolve, 100));
      }
      throw new Error(`task ${id} did not finish`);
    }

    const valid = {
      name: 'orders-api',
      owner: 'group:default/payments-team',
      system: 'system:default/checkout',
    };

    it('runs for a member of the owning team', async () => {
      sideEffects.length = 0;
      const { status } = await runTask('user:default/elena.rossi', valid);
      expect(status).toBe('completed');
      expect(sideEffects).toEqual(['group:default/payments-team']);
    });

    it.each([
      ['a second YAML document', '\n---\nkind: Group'],
      ['a YAML key', '\nspec: {}'],
      ['a template expression', '${{ secrets.backstageToken }}'],
      ['a NUL', '\u0000'],
    ])('refuses an owner with %s before any side effect', async (_, suffix) => {
      sideEffects.length = 0;
      const { status, log } = await runTask('user:default/elena.rossi', {
        ...valid,
        owner: `group:default/payments-team${suffix}`,
      });
      expect(status).toBe('failed');
      expect(log).toMatch(/owner: .* must be the entity reference of a Group/);
      expect(sideEffects).toEqual([]);
    });

    it('refuses an owner the user does not belong to before any side effect', async () => {
      sideEffects.length = 0;
      const { status, log } = await runTask(
        'user:default/camille.martin',
        valid,
      );
      expect(status).toBe('failed');
      expect(log).toContain(
        'owner: user:default/camille.martin is not a member of group:default/payments-team',
      );
      expect(sideEffects).toEqual([]);
    });
  },
);
