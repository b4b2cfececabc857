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
  hygieneChecks,
  MAX_PAGE_SIZE,
  serviceOverviewCoverageReadPermission,
  serviceOverviewCoverageScanPermission,
  serviceOverviewHygieneReadPermission,
} from '@internal/plugin-service-overview-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { CoverageService } from '../services/Coverage/types';
import { ServiceCatalog } from '../services/ServiceCatalog/types';
import { parseOrThrow } from './validation';

export type RouterOptions = {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  services: ServiceCatalog;
  coverage: CoverageService;
};

const pageSchema = z
  .object({
    cursor: z.string().min(1).max(4000).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(25),
  })
  .strict();

const overviewSchema = z
  .object({ entityRef: z.string().min(1).max(400) })
  .strict();
const checkSchema = z.object({ check: z.enum(hygieneChecks) });
const coveragePageSchema = z
  .object({
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(25),
    organization: z.string().min(1).max(100).optional(),
  })
  .strict();

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, services, coverage } = options;
  const router = Router();

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
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { entityRef } = parseOrThrow(overviewSchema, req.query);
    res.json(await services.overview(entityRef, credentials));
  });

  router.get('/hygiene/summary', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await authorize(credentials, serviceOverviewHygieneReadPermission);
    res.json(await services.hygieneSummary(credentials));
  });

  router.get('/hygiene/:check', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await authorize(credentials, serviceOverviewHygieneReadPermission);
    const { check } = parseOrThrow(checkSchema, req.params, 'path');
    const page = parseOrThrow(pageSchema, req.query);
    res.json(await services.hygiene(check, page, credentials));
  });

  router.get('/coverage', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(credentials, serviceOverviewCoverageReadPermission);
    res.json(await coverage.summary());
  });

  router.get('/coverage/repositories', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await authorize(credentials, serviceOverviewCoverageReadPermission);
    res.json(
      await coverage.uncatalogued(parseOrThrow(coveragePageSchema, req.query)),
    );
  });

  router.post('/coverage/scan', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await authorize(credentials, serviceOverviewCoverageScanPermission);
    res.status(202).json(await coverage.scan());
  });

  return router;
}
