import { LoggerService } from '@backstage/backend-plugin-api';
import {
  compareVersions,
  Deprecation,
  deprecationOf,
  latestVersion,
  optOutReason,
  recordFromAnnotations,
  repositoryLocation,
  versionsBehind,
} from '@internal/plugin-golden-path-upgrades-common';
import { UpgradeRecord, UpgradeStore } from '../database/UpgradeStore';
import { TemplateSource } from '../lib/templateSource';
import { repositoryName, UpgradeHost } from './hosts';

/** A catalog entity as the service needs it. */
export type UpgradeTarget = {
  entityRef: string;
  annotations?: Record<string, string>;
};

export type PrepareResult =
  | { state: 'not-a-golden-path' | 'no-repository' | 'up-to-date' }
  | { state: 'opted-out'; reason: string }
  /** The upgrade to the latest version was merged or declined before: not offered again. */
  | { state: 'merged' | 'closed'; upgrade: UpgradeRecord }
  | { state: 'nothing-to-change'; to: string }
  | { state: 'prepared' | 'unchanged'; upgrade: UpgradeRecord };

export type EntityUpgradeStatus = {
  entityRef: string;
  template?: string;
  version?: string;
  latest?: string;
  behind: number;
  optOutReason?: string;
  deprecation?: Deprecation;
  /** The newest upgrade prepared for the service, whatever became of it. */
  upgrade?: UpgradeRecord;
};

export interface UpgradeService {
  /** Prepares (or refreshes) the upgrade of one service to its template's latest version. */
  prepare(target: UpgradeTarget): Promise<PrepareResult>;
  /** Where one service stands, for its entity page. */
  status(target: UpgradeTarget, today: string): Promise<EntityUpgradeStatus>;
}

export function createUpgradeService(options: {
  store: UpgradeStore;
  source: TemplateSource;
  hosts: { local?: UpgradeHost; github?: UpgradeHost };
  logger: LoggerService;
}): UpgradeService {
  const { store, source, hosts, logger } = options;
  // One preparation per service at a time in this process (the schedule and a button press
  // may meet); the scheduled run itself is global, one replica at a time.
  const running = new Map<string, Promise<PrepareResult>>();

  const prepareOne = async (target: UpgradeTarget): Promise<PrepareResult> => {
    const entityRef = target.entityRef.toLowerCase();
    const record = recordFromAnnotations(target.annotations);
    if (!record) return { state: 'not-a-golden-path' };
    const reason = optOutReason(target.annotations);
    if (reason) return { state: 'opted-out', reason };
    const location = repositoryLocation(target.annotations);
    const host = location && hosts[location.host];
    if (!location || !host) return { state: 'no-repository' };

    // What became of the open upgrade, first: a merged or declined one is remembered.
    const open = await store.open(entityRef);
    if (open) {
      const state = await host.status(location, open);
      if (state !== 'open') await store.close(entityRef, open.toVersion, state);
    }

    const versions = await source.versions(record.template);
    const latest = latestVersion(versions).version;
    if (compareVersions(latest, record.version) <= 0) {
      return { state: 'up-to-date' };
    }
    const earlier = await store.get(entityRef, latest);
    if (earlier && (earlier.state === 'merged' || earlier.state === 'closed')) {
      return { state: earlier.state, upgrade: earlier };
    }

    const hosted = await host.prepare(location, { source, to: latest });
    const { outcome } = hosted;
    if (outcome.state === 'nothing-to-change') {
      return { state: 'nothing-to-change', to: outcome.to };
    }
    if (outcome.state !== 'prepared' && outcome.state !== 'unchanged') {
      // The repository says otherwise than its entity (not yet refreshed): nothing to do.
      return {
        state:
          outcome.state === 'not-a-golden-path'
            ? 'not-a-golden-path'
            : 'up-to-date',
      };
    }
    await store.saveOpen({
      entityRef,
      template: outcome.record.template,
      fromVersion: outcome.record.version,
      toVersion: outcome.to,
      host: location.host,
      repository: repositoryName(location),
      branch: outcome.branch,
      commitSha: outcome.commit,
      pullRequestNumber: hosted.pullRequestNumber,
      url: hosted.url,
      conflicts: outcome.conflicts,
    });
    logger.info('Prepared golden path upgrade', {
      entityRef,
      template: outcome.record.template,
      from: outcome.record.version,
      to: outcome.to,
      state: outcome.state,
      conflicts: outcome.conflicts.length,
    });
    const upgrade = await store.get(entityRef, outcome.to);
    return { state: outcome.state, upgrade: upgrade! };
  };

  return {
    async prepare(target) {
      const key = target.entityRef.toLowerCase();
      const previous = running.get(key) ?? Promise.resolve(undefined);
      const next = previous
        .catch(() => undefined)
        .then(() => prepareOne(target));
      running.set(key, next);
      try {
        return await next;
      } finally {
        if (running.get(key) === next) running.delete(key);
      }
    },

    async status(target, today) {
      const entityRef = target.entityRef.toLowerCase();
      const record = recordFromAnnotations(target.annotations);
      const [upgrade] = await store.list({ entityRef });
      if (!record) return { entityRef, behind: 0, upgrade };
      const versions = await source.versions(record.template);
      return {
        entityRef,
        template: record.template,
        version: record.version,
        latest: latestVersion(versions).version,
        behind: versionsBehind(versions, record.version),
        optOutReason: optOutReason(target.annotations),
        deprecation: deprecationOf(versions, record.version, today),
        upgrade,
      };
    },
  };
}
