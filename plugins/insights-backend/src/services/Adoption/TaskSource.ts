import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';

/** A scaffolder task as the scaffolder's `GET /v2/tasks` lists it. */
export type ScaffolderTask = {
  id: string;
  status: string;
  createdAt: string;
  lastHeartbeatAt?: string;
  spec: {
    templateInfo?: { entityRef?: string };
    parameters?: Record<string, unknown>;
  };
};

export interface TaskSource {
  /** Tasks created at or after `since`, newest first. */
  tasksSince(since: Date): Promise<ScaffolderTask[]>;
}

/** Reads scaffolder tasks through the scaffolder's REST API with the plugin's own credentials. */
export class ScaffolderTaskSource implements TaskSource {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  async tasksSince(since: Date): Promise<ScaffolderTask[]> {
    const baseUrl = await this.discovery.getBaseUrl('scaffolder');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'scaffolder',
    });
    const tasks: ScaffolderTask[] = [];
    const limit = 500;
    for (let offset = 0; offset < 100_000; offset += limit) {
      const url = `${baseUrl}/v2/tasks?order=desc:created_at&limit=${limit}&offset=${offset}`;
      const res = await fetch(url, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!res.ok) {
        throw new Error(
          `scaffolder tasks: HTTP ${res.status} ${await res.text()}`,
        );
      }
      const page = (await res.json()) as { tasks: ScaffolderTask[] };
      let older = false;
      for (const task of page.tasks) {
        if (Date.parse(task.createdAt) < since.getTime()) {
          older = true;
          break;
        }
        tasks.push(task);
      }
      if (older || page.tasks.length < limit) break;
    }
    return tasks;
  }
}
