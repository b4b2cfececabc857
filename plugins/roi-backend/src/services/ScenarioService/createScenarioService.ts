import { randomBytes, randomUUID } from 'crypto';
import {
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import {
  calculateRoi,
  CreateScenarioRequest,
  decodeScenarioCursor,
  diffRecords,
  RoiChange,
  RoiScenario,
  RoiScenarioSummary,
  roiScenarioCreatePermission,
  roiScenarioDeletePermission,
  roiScenarioReadPermission,
  roiScenarioUpdatePermission,
  scenarioPageOf,
  scenarioToCsv,
  UpdateScenarioRequest,
} from '@internal/plugin-roi-common';
import { normalizeEntityRef } from '../../entityRef';
import { roiScenarioResourceRef } from '../../permissions/rules';
import { ScenarioStore } from '../../database/ScenarioStore';
import { ScenarioRecord, ScenarioService } from './types';

/** Most scenarios a list returns. */
export const MAX_LIST = 200;

const newShareToken = () => randomBytes(18).toString('base64url');

/** The caller's user entity ref, normalised: owners are stored and compared in one spelling. */
function userRef(credentials: BackstageCredentials): string {
  return normalizeEntityRef(
    (credentials as BackstageCredentials<BackstageUserPrincipal>).principal
      .userEntityRef,
  );
}

/** The fields of a scenario that a version records, besides the inputs. */
function describedFields(r: {
  name: string;
  description: string;
  sharedWithGroups: string[];
  shareToken: string | null;
}) {
  return {
    name: r.name,
    description: r.description,
    sharedWithGroups: r.sharedWithGroups,
    sharedByLink: r.shareToken !== null,
  };
}

function changesBetween(
  before: ScenarioRecord | undefined,
  after: ScenarioRecord,
): RoiChange[] {
  return [
    ...diffRecords(
      before ? describedFields(before) : undefined,
      describedFields(after),
    ),
    ...diffRecords(before?.inputs, after.inputs, 'inputs'),
  ];
}

export function createScenarioService(options: {
  store: ScenarioStore;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  logger: LoggerService;
}): ScenarioService {
  const { store, permissions, permissionsRegistry, logger } = options;
  const ruleset = permissionsRegistry.getPermissionRuleset(
    roiScenarioResourceRef,
  );
  const authorizer = createConditionAuthorizer(ruleset);
  const transform = createConditionTransformer(ruleset);

  /** A predicate telling which scenarios the caller may act on with `permission`. */
  async function decide(
    credentials: BackstageCredentials,
    permission: ResourcePermission,
  ): Promise<(s: ScenarioRecord) => boolean> {
    const [decision] = await permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) {
      return () => true;
    }
    if (decision.result === AuthorizeResult.DENY) {
      return () => false;
    }
    return s => authorizer(decision, s);
  }

  async function load(
    credentials: BackstageCredentials,
    id: string,
    permission: ResourcePermission,
  ): Promise<ScenarioRecord> {
    const record = await store.get(id);
    if (!record) {
      throw new NotFoundError(`scenario ${id} not found`);
    }
    const mayRead = await decide(credentials, roiScenarioReadPermission);
    if (!mayRead(record)) {
      throw new NotAllowedError(
        `${roiScenarioReadPermission.name}: this scenario is not shared with you`,
      );
    }
    if (permission !== roiScenarioReadPermission) {
      const may = await decide(credentials, permission);
      if (!may(record)) {
        throw new NotAllowedError(
          `${permission.name}: only the owner of the scenario may do this`,
        );
      }
    }
    return record;
  }

  async function toApi(
    credentials: BackstageCredentials,
    record: ScenarioRecord,
    canEdit?: boolean,
  ): Promise<RoiScenario> {
    const editable =
      canEdit ??
      (await decide(credentials, roiScenarioUpdatePermission))(record);
    return {
      id: record.id,
      name: record.name,
      description: record.description,
      inputs: record.inputs,
      ownerRef: record.ownerRef,
      sharedWithGroups: record.sharedWithGroups,
      sharedByLink: record.shareToken !== null,
      shareToken: editable ? record.shareToken : null,
      version: record.version,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      updatedBy: record.updatedBy,
      canEdit: editable,
    };
  }

  async function insertNew(
    credentials: BackstageCredentials,
    record: ScenarioRecord,
    extraChanges: RoiChange[] = [],
  ): Promise<RoiScenario> {
    await store.insert(record, {
      scenarioId: record.id,
      version: 1,
      name: record.name,
      description: record.description,
      inputs: record.inputs,
      changedBy: record.updatedBy,
      changedAt: record.updatedAt,
      changes: [...extraChanges, ...changesBetween(undefined, record)],
    });
    logger.info('Saved ROI scenario', {
      scenarioId: record.id,
      name: record.name,
      ownerRef: record.ownerRef,
    });
    return toApi(credentials, record, true);
  }

  async function authorizeCreate(credentials: BackstageCredentials) {
    const [decision] = await permissions.authorize(
      [{ permission: roiScenarioCreatePermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `${roiScenarioCreatePermission.name}: you may not save scenarios`,
      );
    }
  }

  return {
    async list(credentials, { limit = MAX_LIST, cursor: cursorText } = {}) {
      const cursor =
        cursorText === undefined ? undefined : decodeScenarioCursor(cursorText);
      if (cursorText !== undefined && !cursor) {
        throw new InputError(
          "cursor: not a cursor of this list (use a page's nextCursor or prevCursor)",
        );
      }
      const [decision] = await permissions.authorizeConditional(
        [{ permission: roiScenarioReadPermission }],
        { credentials },
      );
      if (decision.result === AuthorizeResult.DENY) {
        return { items: [] };
      }
      const pageSize = Math.min(Math.max(limit, 1), MAX_LIST);
      // one row more than the page: whether a further page exists that way
      const records = await store.list({
        filter:
          decision.result === AuthorizeResult.CONDITIONAL
            ? transform(decision.conditions)
            : undefined,
        limit: pageSize + 1,
        cursor,
      });
      const page = scenarioPageOf(records, pageSize, cursor);
      const mayEdit = await decide(credentials, roiScenarioUpdatePermission);
      const summaryOf = (r: ScenarioRecord): RoiScenarioSummary => {
        const result = calculateRoi(r.inputs);
        return {
          id: r.id,
          name: r.name,
          description: r.description,
          ownerRef: r.ownerRef,
          sharedWithGroups: r.sharedWithGroups,
          sharedByLink: r.shareToken !== null,
          version: r.version,
          createdAt: r.createdAt,
          updatedAt: r.updatedAt,
          updatedBy: r.updatedBy,
          canEdit: mayEdit(r),
          currency: r.inputs.currency,
          roiPercent: result.roiPercent,
          paybackMonths: result.paybackMonths,
          netGain: result.netGain,
        };
      };

      return { ...page, items: page.items.map(summaryOf) };
    },

    async get(credentials, id) {
      return toApi(
        credentials,
        await load(credentials, id, roiScenarioReadPermission),
      );
    },

    async getShared(credentials, token) {
      const record = await store.getByToken(token);
      if (!record) {
        throw new NotFoundError('token: no scenario is shared with this link');
      }
      return toApi(credentials, record);
    },

    async create(credentials, request: CreateScenarioRequest) {
      await authorizeCreate(credentials);
      const now = new Date().toISOString();
      const me = userRef(credentials);
      return insertNew(credentials, {
        id: randomUUID(),
        name: request.name,
        description: request.description,
        inputs: request.inputs,
        ownerRef: me,
        sharedWithGroups: [...new Set(request.sharedWithGroups)],
        shareToken: request.sharedByLink ? newShareToken() : null,
        version: 1,
        createdAt: now,
        updatedAt: now,
        updatedBy: me,
      });
    },

    async update(credentials, id, request: UpdateScenarioRequest) {
      const before = await load(credentials, id, roiScenarioUpdatePermission);
      const me = userRef(credentials);
      const after: ScenarioRecord = {
        ...before,
        name: request.name,
        description: request.description,
        inputs: request.inputs,
        sharedWithGroups: [...new Set(request.sharedWithGroups)],
        shareToken: request.sharedByLink
          ? before.shareToken ?? newShareToken()
          : null,
        version: before.version + 1,
        updatedAt: new Date().toISOString(),
        updatedBy: me,
      };
      await store.update(after, request.version, {
        scenarioId: id,
        version: after.version,
        name: after.name,
        description: after.description,
        inputs: after.inputs,
        changedBy: me,
        changedAt: after.updatedAt,
        changes: changesBetween(before, after),
      });
      return toApi(credentials, after, true);
    },

    async duplicate(credentials, id) {
      const source = await load(credentials, id, roiScenarioReadPermission);
      await authorizeCreate(credentials);
      const now = new Date().toISOString();
      const me = userRef(credentials);
      return insertNew(
        credentials,
        {
          id: randomUUID(),
          name: `Copy of ${source.name}`.slice(0, 200),
          description: source.description,
          inputs: source.inputs,
          ownerRef: me,
          sharedWithGroups: [],
          shareToken: null,
          version: 1,
          createdAt: now,
          updatedAt: now,
          updatedBy: me,
        },
        [
          {
            field: 'duplicatedFrom',
            from: null,
            to: `${source.id} (version ${source.version})`,
          },
        ],
      );
    },

    async remove(credentials, id) {
      await load(credentials, id, roiScenarioDeletePermission);
      await store.delete(id);
      logger.info('Deleted ROI scenario', { scenarioId: id });
    },

    async versions(credentials, id) {
      await load(credentials, id, roiScenarioReadPermission);
      return (await store.versions(id)).map(v => ({
        version: v.version,
        name: v.name,
        description: v.description,
        inputs: v.inputs,
        changedBy: v.changedBy,
        changedAt: v.changedAt,
        changes: v.changes,
      }));
    },

    async exportCsv(credentials, id) {
      const record = await load(credentials, id, roiScenarioReadPermission);
      const csv = scenarioToCsv(record, calculateRoi(record.inputs));
      const slug =
        record.name
          .toLocaleLowerCase('en-US')
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-+|-+$/g, '')
          .slice(0, 60) || 'scenario';
      return { filename: `roi-${slug}-v${record.version}.csv`, csv };
    },
  };
}
