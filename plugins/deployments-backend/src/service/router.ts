import { HttpAuthService } from '@backstage/backend-plugin-api';
import express, { Request } from 'express';
import { createOpenApiRouter } from '../schema/openapi/generated/router';
import { DeploymentService } from '../services/Deployments/types';

const DEFAULT_LIMIT = 20;

/**
 * The routes of src/schema/openapi.yaml. The contract's validator has checked every path
 * parameter, query and body (400 naming the field) before a handler runs; the service keeps
 * the rules, the permissions and the audit.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  deployments: DeploymentService;
}): Promise<express.Router> {
  const { httpAuth, deployments } = options;
  const router = await createOpenApiRouter();

  // any: the typed router's requests carry the contract's query types, not ParsedQs
  const user = (req: Request<any, any, any, any>) =>
    httpAuth.credentials(req, { allow: ['user'] });

  router.get('/environments', async (req, res) => {
    const credentials = await user(req);
    res.json(await deployments.environments(credentials, req.query.entityRef));
  });

  router.get('/actions', async (req, res) => {
    const credentials = await user(req);
    res.json({
      items: await deployments.listActions(
        credentials,
        req.query.entityRef,
        req.query.limit ?? DEFAULT_LIMIT,
      ),
    });
  });

  router.post('/actions', async (req, res) => {
    const credentials = await user(req);
    res.status(201).json(await deployments.dispatch(credentials, req.body));
  });

  router.get('/actions/:id', async (req, res) => {
    const credentials = await user(req);
    res.json(await deployments.getAction(credentials, req.params.id));
  });

  router.get('/runs', async (req, res) => {
    const credentials = await user(req);
    res.json(
      await deployments.listRuns(
        credentials,
        req.query.entityRef,
        req.query.limit ?? DEFAULT_LIMIT,
      ),
    );
  });

  return router;
}
