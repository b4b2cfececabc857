import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AdoptionCandidate,
  compareVersions,
  EntityFields,
  RECORD_FILE,
  recoverValues,
  TEMPLATE_ANNOTATION,
  Deprecation,
  deprecationOf,
  latestVersion,
  optOutReason,
  recordFromAnnotations,
  repositoryLocation,
  versionsBehind,
} from '@internal/plugin-golden-path-upgrades-common';
import { ConflictError, InputError } from '@backstage/errors';
import {
  Adoption,
  UpgradeRecord,
  UpgradeStore,
} from '../database/UpgradeStore';
import {
  inferAdoption,
  recordFor,
  repositoryFiles,
} from '../lib/inferAdoption';
import { forEachBounded } from '../lib/bounded';
import { readBase } from '../lib/prepareUpgrade';
import { RenderCache } from '../lib/renderCache';
import { TemplateSource } from '../lib/templateSource';
import { repositoryName, UpgradeHost } from './hosts';

/** A catalog entity as the service needs it. */
export type UpgradeTarget = {
  entityRef: string;
  annotations?: Record<string, string>;
  /** The entity's fields a golden path renders from (for adopting it). */
  entity?: EntityFields;
};

/** How a service without `.golden-path.json` is adopted. */
export type AdoptRequest = {
  /** Stated by the team; without both, the portal infers them. */
  template?: string;
  version?: string;
  adoptedBy: string;
};

export type AdoptResult = {
  adoption: Adoption;
  /** For an inferred adoption: every version compared, closest first. */
  candidates?: AdoptionCandidate[];
  /** The upgrade prepared right after (it writes the record). */
  result: PrepareResult;
};

export type PrepareResult =
  | { state: 'not-a-golden-path' | 'no-repository' | 'up-to-date' }
  | { state: 'opted-out'; reason: string }
  /** The upgrade to the latest version was merged or declined before: not offered again. */
  | { state: 'merged' | 'closed'; upgrade: UpgradeRecord }
  | { state: 'nothing-to-change'; to: string }
  /** The team pushed to the upgrade branch: their commits are left as they are. */
  | {
      state: 'team-commits-kept';
      branch: string;
      commit?: string;
      upgrade?: UpgradeRecord;
    }
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
  /** Every published version of its template, newest first (what a team may adopt). */
  versions?: string[];
  /** How the service was adopted, when its repository had no `.golden-path.json`. */
  adoption?: Adoption;
};

export interface UpgradeService {
  /** Prepares (or refreshes) the upgrade of one service to its template's latest version. */
  prepare(target: UpgradeTarget): Promise<PrepareResult>;
  /**
   * Prepares the upgrades of many services, `concurrency` at a time (the scheduled run):
   * every template's versions are read once, at the start, so all are offered the same
   * latest version. A service that fails is handed to `onError`; the others go on.
   */
  prepareMany(
    targets: UpgradeTarget[],
    options: {
      concurrency: number;
      signal?: AbortSignal;
      onError: (target: UpgradeTarget, error: unknown) => void;
    },
  ): Promise<void>;
  /** Where one service stands, for its entity page. */
  status(target: UpgradeTarget, today: string): Promise<EntityUpgradeStatus>;
  /**
   * Adopts a service whose repository has no `.golden-path.json` (stated or inferred), then
   * prepares its upgrade, which writes the record.
   */
  adopt(target: UpgradeTarget, request: AdoptRequest): Promise<AdoptResult>;
}

/**
 * The version an adopted service is on: the newest its upgrades were merged to since the
 * adoption (its repository records that one now), else the adopted version.
 */
export function adoptedVersion(
  adoption: Adoption,
  upgrades: UpgradeRecord[],
): string {
  return upgrades
    .filter(u => u.state === 'merged' && u.template === adoption.template)
    .map(u => u.toVersion)
    .reduce(
      (newest, v) => (compareVersions(v, newest) > 0 ? v : newest),
      adoption.version,
    );
}

export function createUpgradeService(options: {
  store: UpgradeStore;
  source: TemplateSource;
  hosts: { local?: UpgradeHost; github?: UpgradeHost };
  logger: LoggerService;
}): UpgradeService {
  const { store, source, hosts, logger } = options;
  const renders = new RenderCache(source);
  // One preparation per service at a time in this process (the schedule and a button press
  // may meet); the scheduled run itself is global, one replica at a time.
  const running = new Map<string, Promise<unknown>>();

  const prepareOne = async (
    target: UpgradeTarget,
    templates: TemplateSource = source,
  ): Promise<PrepareResult> => {
    const entityRef = target.entityRef.toLowerCase();
    const adoption = await store.adoption(entityRef);
    const annotated = recordFromAnnotations(target.annotations);
    const record = annotated ?? adoption;
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

    const versions = await templates.versions(record.template);
    const latest = latestVersion(versions).version;
    // An adoption at the latest version still gets a branch: the one adding the record.
    const order = compareVersions(latest, record.version);
    if (order < 0 || (order === 0 && !adoption)) {
      return { state: 'up-to-date' };
    }
    const earlier = await store.get(entityRef, latest);
    if (earlier && (earlier.state === 'merged' || earlier.state === 'closed')) {
      return { state: earlier.state, upgrade: earlier };
    }

    const hosted = await host.prepare(location, {
      source: templates,
      to: latest,
      renders,
      template: record.template,
      adoption: adoption && {
        record: {
          template: adoption.template,
          version: adoption.version,
          values: adoption.values,
        },
        method: adoption.method,
      },
    });
    const { outcome } = hosted;
    if (outcome.state === 'nothing-to-change') {
      return { state: 'nothing-to-change', to: outcome.to };
    }
    if (outcome.state === 'team-commits-kept') {
      logger.info('Golden path upgrade branch holds the team’s commits; left', {
        entityRef,
        branch: outcome.branch,
      });
      return {
        state: 'team-commits-kept',
        branch: outcome.branch,
        commit: outcome.commit,
        upgrade: (await store.open(entityRef)) ?? undefined,
      };
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

  /** One piece of work per service at a time in this process. */
  const serialized = <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const previous = running.get(key) ?? Promise.resolve(undefined);
    const next = previous.catch(() => undefined).then(work);
    running.set(key, next);
    return next.finally(() => {
      if (running.get(key) === next) running.delete(key);
    });
  };

  const adoptOne = async (
    target: UpgradeTarget,
    request: AdoptRequest,
  ): Promise<AdoptResult> => {
    const entityRef = target.entityRef.toLowerCase();
    const location = repositoryLocation(target.annotations);
    const host = location && hosts[location.host];
    if (!location || !host) {
      throw new InputError(
        `entityRef: ${entityRef} has no repository the portal can reach`,
      );
    }
    const entity = target.entity ?? { name: entityRef.split('/').pop()! };
    const stated = request.template && request.version;
    if (stated) {
      const versions = await source.versions(request.template!);
      if (!versions.some(v => v.version === request.version)) {
        throw new InputError(
          `version: ${request.template} has no version ${request.version}`,
        );
      }
    }
    const annotatedTemplate = target.annotations?.[TEMPLATE_ANNOTATION];
    const found = await host.inspect(
      location,
      async (repositoryDir, defaultBranch) => {
        const base = await readBase(repositoryDir, defaultBranch);
        if (base.record) {
          throw new ConflictError(
            `${entityRef} already records ${base.record.template} ${base.record.version} in ${RECORD_FILE}`,
          );
        }
        if (stated) {
          const recovered = recoverValues(
            entity,
            await repositoryFiles(repositoryDir, defaultBranch),
          );
          return {
            record: await recordFor(
              source,
              request.template!,
              request.version!,
              recovered,
            ),
          };
        }
        const template = request.template ?? annotatedTemplate;
        return inferAdoption({
          source,
          renders,
          repositoryDir,
          defaultBranch,
          entity,
          templates: template ? [template] : await source.templates(),
        });
      },
    );
    const adoption: Adoption = {
      entityRef,
      template: found.record.template,
      version: found.record.version,
      values: found.record.values,
      method: stated ? 'stated' : 'inferred',
      linesDiffering:
        'closest' in found ? found.closest.linesDiffering : undefined,
      adoptedBy: request.adoptedBy,
    };
    await store.saveAdoption(adoption);
    logger.info('Golden path adopted', {
      entityRef,
      template: adoption.template,
      version: adoption.version,
      method: adoption.method,
      adoptedBy: adoption.adoptedBy,
    });
    const result = await prepareOne(target);
    return {
      adoption: (await store.adoption(entityRef)) ?? adoption,
      candidates: 'candidates' in found ? found.candidates : undefined,
      result,
    };
  };

  return {
    prepare(target) {
      return serialized(target.entityRef.toLowerCase(), () =>
        prepareOne(target),
      );
    },

    async prepareMany(targets, { concurrency, signal, onError }) {
      const pinned = await source.pinned();
      await forEachBounded(
        targets,
        concurrency,
        async target => {
          try {
            await serialized(target.entityRef.toLowerCase(), () =>
              prepareOne(target, pinned),
            );
          } catch (error) {
            onError(target, error);
          }
        },
        signal,
      );
    },

    adopt(target, request) {
      return serialized(target.entityRef.toLowerCase(), () =>
        adoptOne(target, request),
      );
    },

    async status(target, today) {
      const entityRef = target.entityRef.toLowerCase();
      const [upgrades, adoption] = await Promise.all([
        store.list({ entityRef }),
        store.adoption(entityRef),
      ]);
      const [upgrade] = upgrades;
      const record =
        recordFromAnnotations(target.annotations) ??
        (adoption && {
          template: adoption.template,
          version: adoptedVersion(adoption, upgrades),
        });
      if (!record) return { entityRef, behind: 0, upgrade };
      const versions = await source.versions(record.template);
      return {
        entityRef,
        template: record.template,
        versions: versions.map(v => v.version),
        adoption,
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
