import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  calculateRoi,
  toCreateScenarioRequest,
  toRoiInputs,
  toUpdateScenarioRequest,
} from '@internal/plugin-roi-common';
import express, { Request } from 'express';
import { createOpenApiRouter } from '../schema/openapi/generated/router';
import { ScenarioService } from '../services/ScenarioService/types';

/**
 * The routes of src/schema/openapi.yaml. The contract's validator has checked every path
 * parameter, query and body (400 naming the field) before a handler runs; the handlers add
 * the domain rules a schema cannot express (toRoiInputs and friends) and the permissions.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  scenarios: ScenarioService;
}): Promise<express.Router> {
  const { httpAuth, scenarios } = options;
  const router = await createOpenApiRouter();

  // any: the typed router's requests carry the contract's query types, not ParsedQs
  const user = (req: Request<any, any, any, any>) =>
    httpAuth.credentials(req, { allow: ['user'] });

  /** Stateless: the method applied to the inputs; any signed-in user. */
  router.post('/calculate', async (req, res) => {
    await user(req);
    res.json(calculateRoi(toRoiInputs(req.body)));
  });

  router.get('/scenarios', async (req, res) => {
    const credentials = await user(req);
    res.json(
      await scenarios.list(credentials, {
        limit: req.query.limit,
        cursor: req.query.cursor,
      }),
    );
  });

  router.post('/scenarios', async (req, res) => {
    const credentials = await user(req);
    res
      .status(201)
      .json(
        await scenarios.create(credentials, toCreateScenarioRequest(req.body)),
      );
  });

  router.get('/scenarios/:id', async (req, res) => {
    const credentials = await user(req);
    res.json(await scenarios.get(credentials, req.params.id));
  });

  router.put('/scenarios/:id', async (req, res) => {
    const credentials = await user(req);
    res.json(
      await scenarios.update(
        credentials,
        req.params.id,
        toUpdateScenarioRequest(req.body),
      ),
    );
  });

  router.delete('/scenarios/:id', async (req, res) => {
    const credentials = await user(req);
    await scenarios.remove(credentials, req.params.id);
    res.status(204).end();
  });

  router.post('/scenarios/:id/duplicate', async (req, res) => {
    const credentials = await user(req);
    res.status(201).json(await scenarios.duplicate(credentials, req.params.id));
  });

  router.get('/scenarios/:id/versions', async (req, res) => {
    const credentials = await user(req);
    res.json({ items: await scenarios.versions(credentials, req.params.id) });
  });

  router.get('/scenarios/:id/export.csv', async (req, res) => {
    const credentials = await user(req);
    const { filename, csv } = await scenarios.exportCsv(
      credentials,
      req.params.id,
    );
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="${filename}"`)
      // the page runs on another origin in development: let it read the file name
      .setHeader('Access-Control-Expose-Headers', 'Content-Disposition')
      .send(csv);
  });

  /** A scenario shared by link: anyone signed in who has the token may read it. */
  router.get('/shared/:token', async (req, res) => {
    const credentials = await user(req);
    res.json(await scenarios.getShared(credentials, req.params.token));
  });

  return router;
}
