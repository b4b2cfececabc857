import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { requireFromBackend } from './render';

export type TaskResult =
  | { httpStatus: number }
  | {
      status: string;
      /** Every event's message, one per line: what the task page's log shows. */
      log: string;
      /** The rendered template output, as the task page shows it. */
      output: any;
    };

/**
 * The real scaffolder backend on the machine's PostgreSQL with `actions` and a catalog holding
 * `entities` (templates in the default namespace), for running templates through its REST API.
 */
export async function startScaffolder(options: {
  databases: TestDatabases;
  databaseId: 'POSTGRES_15';
  actions: Array<{ id: string; handler: (ctx: any) => Promise<void> }>;
  entities: Entity[];
}) {
  const knex = await options.databases.init(options.databaseId);
  const module = createBackendModule({
    pluginId: 'scaffolder',
    moduleId: 'golden-paths-under-test',
    register(reg) {
      reg.registerInit({
        deps: { scaffolder: scaffolderActionsExtensionPoint },
        async init({ scaffolder }) {
          scaffolder.addActions(...(options.actions as any[]));
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      requireFromBackend<{ default: any }>(
        '@backstage/plugin-scaffolder-backend',
      ).default,
      module,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({
        entities: options.entities.map(entity => ({
          ...entity,
          metadata: { ...entity.metadata, namespace: 'default' },
        })),
      }),
    ],
  });
  const baseUrl = `http://localhost:${backend.server.port()}/api/scaffolder`;

  /** Posts a task as `user` and waits for it to finish. */
  async function runTask(
    user: string,
    templateRef: string,
    values: Record<string, unknown>,
  ): Promise<TaskResult> {
    const headers = {
      'content-type': 'application/json',
      authorization: mockCredentials.user.header(user),
    };
    const created = await fetch(`${baseUrl}/v2/tasks`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ templateRef, values }),
    });
    if (created.status !== 201) return { httpStatus: created.status };
    const { id } = await created.json();
    for (let i = 0; i < 300; i++) {
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
          output: events.find((e: any) => e.type === 'completion')?.body
            ?.output,
        };
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    throw new Error(`task ${id} did not finish`);
  }

  return {
    runTask,
    // The task worker and the event streams read the database for a second after stopping.
    async stop() {
      await backend.stop();
      await new Promise(resolve => setTimeout(resolve, 1500));
    },
  };
}
