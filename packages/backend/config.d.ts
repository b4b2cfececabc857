import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  permission?: {
    /**
     * Group entity refs whose members may do everything in the portal,
     * e.g. `group:default/platform-team`. Defaults to that group.
     */
    platformAdmins?: string[];
  };
  techdocs?: {
    prebuild?: {
      /**
       * When the portal builds every entity's TechDocs ahead of the first reader.
       * Default: 20 s after start, then every 30 minutes.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
  /**
   * Per-user request budget: over it the backend answers 429 before any plugin works. Requests
   * are counted per user (the subject of their Backstage token), or per address without one.
   * GitHub webhooks (`/api/events/http/...`) and health probes are never counted. Off when absent.
   */
  userRateLimit?: {
    /** Requests each user may make per window. */
    requestsPerWindow: number;
    /** Length of the counting window. Default: one minute. */
    window?: HumanDuration | string;
    /**
     * Addresses whose direct calls are never counted. Default: loopback, where the plugins'
     * calls to each other come from. A request from such an address that a proxy forwarded
     * (X-Forwarded-For, Forwarded or X-Real-IP) is counted.
     */
    exemptAddresses?: string[];
  };
  /**
   * How many requests a replica works on at once; the others wait in a queue, so that health
   * probes answer while the replica is busy. Health probes, GitHub webhook deliveries, the
   * plugins' calls to each other and event streams never wait.
   */
  requestConcurrency?: {
    /** Requests in progress at once. Default: 16. */
    maxInFlight?: number;
    /** Requests that may wait; beyond them the replica answers 503. Default: 2000. */
    maxQueued?: number;
  };
}
