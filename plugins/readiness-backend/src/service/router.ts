import {
  HttpAuthService,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  readinessAssessmentCreatePermission,
  readinessAssessmentDeletePermission,
  readinessAssessmentReadPermission,
  toEvaluateRequest,
  toSaveRequest,
} from '@internal/plugin-readiness-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import express, { Request } from 'express';
import { readinessGroupResourceRef } from '../permissions/rules';
import { createOpenApiRouter } from '../schema/openapi/generated/router';
import { ReadinessService } from '../services/ReadinessService/types';

/** Assessments listed when the request names no limit. */
const DEFAULT_LIMIT = 50;

// any: the typed router's requests carry the contract's query types, not ParsedQs
type AnyRequest = Request<any, any, any, any>;

/**
 * The routes of src/schema/openapi.yaml. The contract's validator has checked every path
 * parameter, query and body (400 naming the field) before a handler runs; the handlers add
 * the domain rules a schema cannot express (toEvaluateRequest, toSaveRequest) and the
 * permissions.
 */
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
  const router = await createOpenApiRouter();

  const user = (req: AnyRequest) =>
    httpAuth.credentials(req, { allow: ['user'] });

  async function authorize(req: AnyRequest, permission: BasicPermission) {
    const credentials = await user(req);
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
    return credentials;
  }

  /**
   * Saving is decided per group: the policy answers with a condition (a member of the group)
   * that is applied here to the group of the request.
   */
  async function authorizeSave(req: AnyRequest, groupRef: string) {
    const credentials = await user(req);
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

  router.post('/evaluate', async (req, res) => {
    await user(req);
    res.json(service.evaluate(toEvaluateRequest(req.body)));
  });

  router.get('/evidence', async (req, res) => {
    const credentials = await user(req);
    res.json(await service.evidence([...req.query.group], { credentials }));
  });

  router.post('/assessments', async (req, res) => {
    await user(req);
    const request = toSaveRequest(req.body);
    const credentials = await authorizeSave(req, request.groupRef);
    const saved = await service.save(request, {
      credentials,
      userEntityRef: credentials.principal.userEntityRef,
    });
    res.status(201).json(saved);
  });

  router.get('/assessments', async (req, res) => {
    await authorize(req, readinessAssessmentReadPermission);
    res.json({
      items: await service.list({
        groupRef: req.query.group,
        limit: req.query.limit ?? DEFAULT_LIMIT,
      }),
    });
  });

  router.get('/assessments/latest', async (req, res) => {
    await authorize(req, readinessAssessmentReadPermission);
    res.json({
      items: await service.latestPerGroup(req.query.limit ?? DEFAULT_LIMIT),
    });
  });

  router.get('/assessments/compare', async (req, res) => {
    await authorize(req, readinessAssessmentReadPermission);
    res.json(await service.compare(req.query.a, req.query.b));
  });

  router.get('/assessments/:id', async (req, res) => {
    await authorize(req, readinessAssessmentReadPermission);
    res.json(await service.get(req.params.id));
  });

  router.get('/assessments/:id/export', async (req, res) => {
    await authorize(req, readinessAssessmentReadPermission);
    const file = await service.export(
      req.params.id,
      req.query.format ?? 'markdown',
    );
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
    await service.delete(req.params.id);
    res.status(204).end();
  });

  router.get('/history', async (req, res) => {
    await authorize(req, readinessAssessmentReadPermission);
    res.json(await service.history(req.query.group, now()));
  });

  return router;
}
