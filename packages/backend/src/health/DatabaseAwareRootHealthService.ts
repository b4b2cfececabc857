import {
  LoggerService,
  RootHealthService,
  RootLifecycleService,
} from '@backstage/backend-plugin-api';
import { DatabaseProbe, ProbeResult } from './postgresProbe';

/** How long one probe result answers readiness requests. */
export const DEFAULT_PROBE_CACHE_MS = 1_500;

type Answer = Awaited<ReturnType<RootHealthService['getReadiness']>>;

const ok: Answer = { status: 200, payload: { status: 'ok' } };
const unavailable = (message: string): Answer => ({
  status: 503,
  payload: { status: 'error', message },
});

/**
 * Backstage's root health service, with readiness that also asks the database. A replica whose
 * database is away cannot serve a request that writes or reads data, so it leaves the load
 * balancer's rotation until the database answers again. Liveness never looks at the database:
 * restarting every replica during a database outage would only add a cold start to it.
 *
 * The probe's result is kept for `cacheMs`, and concurrent readiness requests share one probe,
 * so a burst of probes costs the database one `select 1`.
 */
export class DatabaseAwareRootHealthService implements RootHealthService {
  #state: 'init' | 'up' | 'down' = 'init';
  #last?: { at: number; result: ProbeResult };
  #inFlight?: Promise<ProbeResult>;

  constructor(
    private readonly options: {
      lifecycle: RootLifecycleService;
      logger: LoggerService;
      probe?: DatabaseProbe;
      cacheMs?: number;
      now?: () => number;
    },
  ) {
    options.lifecycle.addStartupHook(() => {
      this.#state = 'up';
    });
    options.lifecycle.addBeforeShutdownHook(() => {
      this.#state = 'down';
    });
    options.lifecycle.addShutdownHook(async () => {
      await options.probe?.close();
    });
  }

  async getLiveness(): Promise<Answer> {
    return ok;
  }

  async getReadiness(): Promise<Answer> {
    if (this.#state === 'init') {
      return unavailable('Backend has not started yet');
    }
    if (this.#state === 'down') {
      return unavailable('Backend is shutting down');
    }
    if (!this.options.probe) {
      return ok;
    }
    const result = await this.#probe(this.options.probe);
    // The reason (host, port, driver message) goes to the log, not to an unauthenticated caller.
    return result.reachable ? ok : unavailable('Database is unreachable');
  }

  async #probe(probe: DatabaseProbe): Promise<ProbeResult> {
    const now = this.options.now ?? Date.now;
    const cacheMs = this.options.cacheMs ?? DEFAULT_PROBE_CACHE_MS;
    if (this.#last && now() - this.#last.at < cacheMs) {
      return this.#last.result;
    }
    if (!this.#inFlight) {
      this.#inFlight = probe
        .check()
        .then(result => {
          this.#record(result, now());
          return result;
        })
        .finally(() => {
          this.#inFlight = undefined;
        });
    }
    return this.#inFlight;
  }

  #record(result: ProbeResult, at: number) {
    const before = this.#last?.result.reachable;
    if (!result.reachable && before !== false) {
      this.options.logger.warn(
        `Database unreachable, readiness answers 503 until it is back: ${result.reason}`,
      );
    } else if (result.reachable && before === false) {
      this.options.logger.info(
        'Database reachable again, readiness answers 200',
      );
    }
    this.#last = { at, result };
  }
}
