import {
  HttpAuthService,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  describeZodError,
  evaluateRequestSchema,
  readinessAssessmentCreatePermission,
  readinessAssessmentDeletePermission,
  readinessAssessmentReadPermission,
  saveRequestSchema,
} from '@internal/plugin-readiness-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { readinessGroupResourceRef } from '../permissions/rules';
import { ReadinessService } from '../services/ReadinessService/types';

/** Largest accepted JSON body. */
export const BODY_LIMIT = '64kb';

const uuid = z.uuid();

function parseId(value: unknown, field: string): string {
  const parsed = uuid.safeParse(value);
  if (!parsed.success)
    throw new InputError(`${field}: must be an assessment id (a UUID)`);
  return parsed.data;
}

function parseLimit(value: unknown): number {
  if (value === undefined) return 50;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n < 1 || n > 500) {
    throw new InputError('limit: must be a whole number from 1 to 500');
  }
  return n;
}

function queryString(
  req: Request,
  name: string,
  required: boolean,
): string | undefined {
  const value = req.query[name];
  if (value === undefined) {
    if (required) throw new InputError(`${name}: is required`);
    return undefined;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(`${name}: must be a single non-empty value`);
  }
  return value;
}

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  service: ReadinessService;
  now?: () => Date;
}): Promise<express.Router> {
  const { httpAuth, permissions, service } = options;
  const authorizeGroup = createConditionAuthorizer(
    options.permissionsRegistry.getPermissionRuleset(readinessGroupResourceRef),
  );
  const now = options.now ?? (() => new Date());
  const router = Router();

  router.use(express.json({ limit: BODY_LIMIT }));
  // Body parser failures are client errors: 400 with the problem named, never 413 or 500.
  router.use(
    (
      err: Error & { type?: string },
      _req: express.Request,
      _res: express.Response,
      next: express.NextFunction,
    ) => {
      if (err.type === 'entity.parse.failed') {
        next(new InputError(`body: malformed JSON (${err.message})`));
      } else if (err.type === 'entity.too.large') {
        next(new InputError(`body: larger than the ${BODY_LIMIT} limit`));
      } else if (err.type) {
        next(new InputError(`body: ${err.message}`));
      } else {
        next(err);
      }
    },
  );

  async function authorize(req: Request, permission: BasicPermission) {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
    return credentials;
  }

  function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
    if (
      body === undefined ||
      body === null ||
      typeof body !== 'object' ||
      Array.isArray(body)
    ) {
      throw new InputError('body: must be a JSON object');
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new InputError(describeZodError(parsed.error));
    return parsed.data;
  }

  router.post('/evaluate', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user'] });
    const request = parseBody(evaluateRequestSchema, req.body);
    res.json(service.evaluate(request));
  });

  router.get('/evidence', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const raw = req.query.group;
    const groups = (Array.isArray(raw) ? raw : [raw]).filter(
      (g): g is string => typeof g === 'string' && g.trim() !== '',
    );
    if (groups.length === 0) throw new InputError('group: is required');
    if (groups.length > 20) throw new InputError('group: at most 20 groups');
    res.json(await service.evidence(groups, { credentials }));
  });

  /**
   * Saving is decided per group: the policy answers with a condition (a member of the group)
   * that is applied here to the group of the request.
   */
  async function authorizeSave(req: Request, groupRef: string) {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = await permissions.authorizeConditional(
      [{ permission: readinessAssessmentCreatePermission }],
      { credentials },
    );
    const allowed =
      decision.result === AuthorizeResult.ALLOW ||
      (decision.result === AuthorizeResult.CONDITIONAL &&
        authorizeGroup(decision, { groupRef }));
    if (!allowed) {
      throw new NotAllowedError(
        `${readinessAssessmentCreatePermission.name}: only members of ${groupRef} (and platform admins) may save its assessments`,
      );
    }
    return credentials;
  }

  router.post('/assessments', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user'] });
    const request = parseBody(saveRequestSchema, req.body);
    const credentials = await authorizeSave(req, request.groupRef);
    const saved = await service.save(request, {
      credentials,
      userEntityRef: credentials.principal.userEntityRef,
    });
    res.status(201).json(saved);
  });

  router.get('/assessments', async (req, res) => {
    await authorize(req, readinessAssessmentReadPermission);
    const groupRef = queryString(req, 'group', false);
    const limit = parseLimit(req.query.limit);
    res.json({ items: await service.list({ groupRef, limit }) });
  });

  router.get('/assessments/latest', async (req, res) => {
    await authorize(req, readinessAssessmentReadPermission);
    res.json({
      items: await service.latestPerGroup(parseLimit(req.query.limit)),
    });
  });

  router.get('/assessments/compare', async (req, res) => {
    await authorize(req, readinessAssessmentReadPermission);
    const a = parseId(queryString(req, 'a', true), 'a');
    const b = parseId(queryString(req, 'b', true), 'b');
    res.json(await service.compare(a, b));
  });

  router.get('/assessments/:id', async (req, res) => {
    await authorize(req, readinessAssessmentReadPermission);
    res.json(await service.get(parseId(req.params.id, 'id')));
  });

  router.get('/assessments/:id/export', async (req, res) => {
    await authorize(req, readinessAssessmentReadPermission);
    const format = queryString(req, 'format', false) ?? 'markdown';
    if (format !== 'markdown' && format !== 'csv') {
      throw new InputError('format: must be markdown or csv');
    }
    const file = await service.export(parseId(req.params.id, 'id'), format);
    res
      .status(200)
      .type(file.contentType)
      .setHeader(
        'Content-Disposition',
        `attachment; filename="${file.filename}"`,
      );
    res.send(file.body);
  });

  router.delete('/assessments/:id', async (req, res) => {
    await authorize(req, readinessAssessmentDeletePermission);
    await service.delete(parseId(req.params.id, 'id'));
    res.status(204).end();
  });

  router.get('/history', async (req, res) => {
    await authorize(req, readinessAssessmentReadPermission);
    const group = queryString(req, 'group', true)!;
    res.json(await service.history(group, now()));
  });

  return router;
}
