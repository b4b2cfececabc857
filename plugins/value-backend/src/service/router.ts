import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  normaliseScope,
  ORGANISATION_SCOPE,
  SCOPE_ERROR,
  toAdoptBaselineRequest,
  valueBaselineAdoptPermission,
  valueReadPermission,
} from '@internal/plugin-value-common';
import { InputError } from '@backstage/errors';
import express, { Request } from 'express';
import { valueScopeResourceRef } from '../permissions/rules';
import { createOpenApiRouter } from '../schema/openapi/generated/router';
import { ValueService } from '../services/Value/types';

// any: the typed router's requests carry the contract's query types, not ParsedQs
type AnyRequest = Request<any, any, any, any>;

/**
 * The routes of src/schema/openapi.yaml: the contract's validator has checked every input
 * (400 naming the field) before a handler runs; the handlers add the domain rules a schema
 * cannot express (toAdoptBaselineRequest), check the permissions and call the service.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  auditor: AuditorService;
  service: ValueService;
}): Promise<express.Router> {
  const { httpAuth, permissions, auditor, service } = options;
  const authorizeScope = createConditionAuthorizer(
    options.permissionsRegistry.getPermissionRuleset(valueScopeResourceRef),
  );
  const router = await createOpenApiRouter();

  const user = (req: AnyRequest) =>
    httpAuth.credentials(req, { allow: ['user'] });

  async function authorizeRead(req: AnyRequest) {
    const credentials = await user(req);
    const [decision] = await permissions.authorize(
      [{ permission: valueReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${valueReadPermission.name}`);
    }
    return credentials;
  }

  /** Adopting is decided per scope: the policy's condition (a member of the team) applied here. */
  async function mayAdopt(credentials: BackstageCredentials, scope: string) {
    const [decision] = await permissions.authorizeConditional(
      [{ permission: valueBaselineAdoptPermission }],
      { credentials },
    );
    return (
      decision.result === AuthorizeResult.ALLOW ||
      (decision.result === AuthorizeResult.CONDITIONAL &&
        authorizeScope(decision, { scope }))
    );
  }

  const scopeOf = (value: string) => {
    const scope = normaliseScope(value);
    if (!scope) throw new InputError(`scope: ${SCOPE_ERROR}`);
    return scope;
  };

  router.get('/baseline', async (req, res) => {
    const credentials = await authorizeRead(req);
    const scope = scopeOf(req.query.scope);
    res.json(
      await service.getBaseline(scope, {
        credentials,
        canAdopt: await mayAdopt(credentials, scope),
      }),
    );
  });

  router.post('/baselines', async (req, res) => {
    const credentials = await user(req);
    const request = toAdoptBaselineRequest(req.body);
    const audit = await auditor.createEvent({
      eventId: 'baseline-adopt',
      severityLevel: 'medium',
      request: req,
      meta: {
        scope: request.scope,
        scenarioId: request.scenarioId,
        startDate: request.startDate,
      },
    });
    try {
      if (!(await mayAdopt(credentials, request.scope))) {
        throw new NotAllowedError(
          request.scope === ORGANISATION_SCOPE
            ? `${valueBaselineAdoptPermission.name}: only platform admins may adopt the organisation's baseline`
            : `${valueBaselineAdoptPermission.name}: only members of ${request.scope} (and platform admins) may adopt its baseline`,
        );
      }
      const baseline = await service.adopt(request, {
        credentials,
        userEntityRef: credentials.principal.userEntityRef,
      });
      await audit.success({ meta: { baselineId: baseline.id } });
      res.status(201).json(baseline);
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/report', async (req, res) => {
    const credentials = await authorizeRead(req);
    res.json(
      await service.report(
        scopeOf(req.query.scope),
        Number(req.query.quarter),
        {
          credentials,
        },
      ),
    );
  });

  return router;
}
