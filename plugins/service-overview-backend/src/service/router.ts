import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  serviceOverviewCoverageReadPermission,
  serviceOverviewCoverageScanPermission,
  serviceOverviewHygieneReadPermission,
  toHygienePageRequest,
  toOverviewRequest,
  toUncataloguedPageRequest,
} from '@internal/plugin-service-overview-common';
import express, { Request } from 'express';
import { createOpenApiRouter } from '../schema/openapi/generated/router';
import { CoverageService } from '../services/Coverage/types';
import { ServiceCatalog } from '../services/ServiceCatalog/types';

export type RouterOptions = {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  services: ServiceCatalog;
  coverage: CoverageService;
};

/**
 * The routes of src/schema/openapi.yaml. The contract's validator has checked every path
 * parameter and query (400 naming the field, unknown parameters refused) before a handler
 * runs; the handlers add the rules a schema cannot express (the common package's
 * to…Request functions) and the permissions.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, services, coverage } = options;
  const router = await createOpenApiRouter();

  // any: the typed router's requests carry the contract's query types, not ParsedQs
  const user = (req: Request<any, any, any, any>) =>
    httpAuth.credentials(req, { allow: ['user'] });

  const authorize = async (
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ) => {
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`not allowed: ${permission.name}`);
    }
  };

  router.get('/overview', async (req, res) => {
    const credentials = await user(req);
    const { entityRef } = toOverviewRequest(req.query);
    res.json(await services.overview(entityRef, credentials));
  });

  router.get('/hygiene/summary', async (req, res) => {
    const credentials = await user(req);
    await authorize(credentials, serviceOverviewHygieneReadPermission);
    res.json(await services.hygieneSummary(credentials));
  });

  router.get('/hygiene/:check', async (req, res) => {
    const credentials = await user(req);
    await authorize(credentials, serviceOverviewHygieneReadPermission);
    res.json(
      await services.hygiene(
        req.params.check,
        toHygienePageRequest(req.query),
        credentials,
      ),
    );
  });

  router.get('/coverage', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(credentials, serviceOverviewCoverageReadPermission);
    res.json(await coverage.summary());
  });

  router.get('/coverage/repositories', async (req, res) => {
    const credentials = await user(req);
    await authorize(credentials, serviceOverviewCoverageReadPermission);
    res.json(await coverage.uncatalogued(toUncataloguedPageRequest(req.query)));
  });

  router.post('/coverage/scan', async (req, res) => {
    const credentials = await user(req);
    await authorize(credentials, serviceOverviewCoverageScanPermission);
    res.status(202).json(await coverage.scan());
  });

  return router;
}
