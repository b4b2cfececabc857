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
  ENTITY_REF_ERROR,
  hygieneChecks,
  readEntityRef,
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

/**
 * A whole number in a query, digits only: `z.coerce` would read '' as 0 and '0x10' as 16.
 */
const wholeNumber = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, {
      error: `must be a whole number from ${min} to ${max}`,
    })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: `must be a whole number from ${min} to ${max}` })
        .max(max, { error: `must be a whole number from ${min} to ${max}` }),
    )
    .default(fallback);

/** A cursor the catalog gave: base64 text, nothing else. */
const cursorSchema = z.string().regex(/^[A-Za-z0-9+/=_-]{1,4000}$/, {
  error: 'not a cursor this list gave',
});

/** A GitHub organisation login: letters, digits and inner hyphens, at most 39. */
const organizationSchema = z
  .string()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/, {
    error: 'not a GitHub organisation name',
  });

const pageSchema = z
  .object({
    cursor: cursorSchema.optional(),
    limit: wholeNumber(1, MAX_PAGE_SIZE, 25),
  })
  .strict();

const overviewSchema = z
  .object({
    entityRef: z
      .string({ error: 'is required, as a single value' })
      .max(400, { error: 'must be at most 400 characters' })
      .transform((value, ctx) => {
        const ref = readEntityRef(value, 'component');
        if (ref === undefined) {
          ctx.addIssue({ code: 'custom', message: ENTITY_REF_ERROR });
          return z.NEVER;
        }
        return ref;
      }),
  })
  .strict();
const checkSchema = z.object({ check: z.enum(hygieneChecks) });
const coveragePageSchema = z
  .object({
    offset: wholeNumber(0, 1_000_000, 0),
    limit: wholeNumber(1, MAX_PAGE_SIZE, 25),
    organization: organizationSchema.optional(),
  })
  .strict();
/** Routes that take no query parameter refuse any, naming it. */
const noQuerySchema = z.object({}).strict();

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
    parseOrThrow(noQuerySchema, req.query);
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
    parseOrThrow(noQuerySchema, req.query);
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
    parseOrThrow(noQuerySchema, req.query);
    res.status(202).json(await coverage.scan());
  });

  return router;
}
