import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  roadmapManagePermission,
  roadmapProposePermission,
  roadmapReadPermission,
  roadmapVotePermission,
} from '@internal/plugin-roadmap-common';
import express, { Request } from 'express';
import { createOpenApiRouter } from '../schema/openapi/generated/router';
import { Caller, RoadmapService } from '../services/Roadmap/types';

// any: the typed router's requests carry the contract's query types, not ParsedQs
type AnyRequest = Request<any, any, any, any>;

/**
 * The routes of src/schema/openapi.yaml: the contract's validator has checked every input
 * (400 naming the field) before a handler runs; the handlers check the permission and call
 * the service, which parses the input again with the -common schemas.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  service: RoadmapService;
}): Promise<express.Router> {
  const { httpAuth, permissions, service } = options;
  const router = await createOpenApiRouter();

  async function authorize(
    req: AnyRequest,
    permission: BasicPermission,
  ): Promise<Caller> {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
    return { userRef: credentials.principal.userEntityRef, credentials };
  }

  router.get('/items', async (req, res) => {
    await authorize(req, roadmapReadPermission);
    res.json(await service.getRoadmap());
  });

  router.post('/items', async (req, res) => {
    const caller = await authorize(req, roadmapManagePermission);
    res.status(201).json(await service.createItem(req.body, caller));
  });

  router.put('/items/:id', async (req, res) => {
    const caller = await authorize(req, roadmapManagePermission);
    res.json(await service.updateItem(req.params.id, req.body, caller));
  });

  router.get('/proposals', async (req, res) => {
    const caller = await authorize(req, roadmapReadPermission);
    res.json({ items: await service.listProposals(req.query.status, caller) });
  });

  router.post('/proposals', async (req, res) => {
    const caller = await authorize(req, roadmapProposePermission);
    res.status(201).json(await service.propose(req.body, caller));
  });

  router.put('/proposals/:id/vote', async (req, res) => {
    const caller = await authorize(req, roadmapVotePermission);
    res.json(await service.vote(req.params.id, caller));
  });

  router.delete('/proposals/:id/vote', async (req, res) => {
    const caller = await authorize(req, roadmapVotePermission);
    res.json(await service.withdrawVote(req.params.id, caller));
  });

  router.post('/proposals/:id/answer', async (req, res) => {
    const caller = await authorize(req, roadmapManagePermission);
    res.json(await service.answer(req.params.id, req.body, caller));
  });

  return router;
}
