import { HttpAuthService } from '@backstage/backend-plugin-api';
import express, { Request } from 'express';
import { createOpenApiRouter } from '../schema/openapi/generated/router';
import { GoldenPathsService } from '../services/GoldenPathsService';

/**
 * The routes of src/schema/openapi.yaml: the contract's validator has checked every query and
 * body (400 naming the field) before a handler runs; permissions live in the service.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  goldenPaths: GoldenPathsService;
}): Promise<express.Router> {
  const { httpAuth, goldenPaths } = options;
  const router = await createOpenApiRouter();
  // any: the typed router's requests carry the contract's types, not ParsedQs
  const user = (req: Request<any, any, any, any>) =>
    httpAuth.credentials(req, { allow: ['user'] });

  router.get('/templates', async (req, res) => {
    const credentials = await user(req);
    res.json({ templates: await goldenPaths.templates(credentials) });
  });

  router.get('/status', async (req, res) => {
    const credentials = await user(req);
    res.json(await goldenPaths.status(req.query.entityRef, credentials));
  });

  router.post('/upgrades', async (req, res) => {
    const credentials = await user(req);
    res.json(await goldenPaths.prepare(req.body.entityRef, credentials));
  });

  router.post('/adoptions', async (req, res) => {
    const credentials = await user(req);
    const { entityRef, template, version } = req.body;
    res.json(
      await goldenPaths.adopt(entityRef, { template, version }, credentials),
    );
  });

  return router;
}
