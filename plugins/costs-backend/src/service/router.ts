import { HttpAuthService } from '@backstage/backend-plugin-api';
import express, { Request } from 'express';
import { createOpenApiRouter } from '../schema/openapi/generated/router';
import { CostService } from '../services/Costs/types';

/**
 * The routes of src/schema/openapi.yaml. The contract's validator has checked every query
 * (400 naming the field) before a handler runs; the service checks what a pattern cannot
 * (the day exists, the window's length) and the permission of the one write.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  costs: CostService;
}): Promise<express.Router> {
  const { httpAuth, costs } = options;
  const router = await createOpenApiRouter();

  // any: the typed router's requests carry the contract's query types, not ParsedQs
  const user = (req: Request<any, any, any, any>) =>
    httpAuth.credentials(req, { allow: ['user'] });

  router.get('/overview', async (req, res) => {
    await user(req);
    const { from, to } = req.query;
    res.json(await costs.overview({ from, to }));
  });

  router.get('/team', async (req, res) => {
    await user(req);
    const { teamRef, from, to } = req.query;
    res.json(await costs.team(teamRef, { from, to }));
  });

  router.get('/entity', async (req, res) => {
    await user(req);
    const { entityRef, from, to } = req.query;
    res.json(await costs.entity(entityRef, { from, to }));
  });

  // other backends (the business case's actuals) may ask for themselves, not only for a user
  router.get('/period', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const { quarter, from, to, teamRef } = req.query;
    res.json(await costs.period({ quarter, from, to, teamRef }));
  });

  router.post('/collect', async (req, res) => {
    const credentials = await user(req);
    res.json(await costs.collect(credentials));
  });

  return router;
}
