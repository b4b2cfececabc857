import {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  scorecardsInitiativeManagePermission,
  scorecardsReadPermission,
  scorecardsRefreshPermission,
  scorecardsWaiverDecidePermission,
  scorecardsWaiverRequestPermission,
} from '@internal/plugin-scorecards-common';
import express, { Request } from 'express';
import { createOpenApiRouter } from '../schema/openapi/generated/router';
import { InitiativeService } from '../services/Initiatives/types';
import { ScorecardService } from '../services/Scorecards/types';

// any: the typed router's requests carry the contract's query types, not ParsedQs
type AnyRequest = Request<any, any, any, any>;

/**
 * The routes of src/schema/openapi.yaml: the contract's validator has checked every input
 * (400 naming the field) before a handler runs; the handlers check the permissions and call
 * the service.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  service: ScorecardService;
  initiatives: InitiativeService;
  /** Starts a collection in the background (the scheduler's task, triggered). */
  triggerRefresh: () => Promise<void>;
}): Promise<express.Router> {
  const { httpAuth, permissions, service, initiatives } = options;
  const router = await createOpenApiRouter();

  async function allowed(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    permission: BasicPermission,
  ) {
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    return decision.result === AuthorizeResult.ALLOW;
  }

  async function authorize(req: AnyRequest, permission: BasicPermission) {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    if (!(await allowed(credentials, permission))) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
    return credentials;
  }

  router.get('/checks', async (req, res) => {
    await authorize(req, scorecardsReadPermission);
    res.json(service.listChecks());
  });

  router.get('/entity', async (req, res) => {
    await authorize(req, scorecardsReadPermission);
    res.json(await service.entityScorecard(req.query.entityRef));
  });

  router.get('/summary', async (req, res) => {
    await authorize(req, scorecardsReadPermission);
    res.json(await service.summary(req.query.owner));
  });

  router.get('/team', async (req, res) => {
    await authorize(req, scorecardsReadPermission);
    res.json(await service.team(req.query.owner));
  });

  router.get('/github/requests', async (req, res) => {
    await authorize(req, scorecardsReadPermission);
    res.json({ items: await service.githubRequests(req.query.days ?? 7) });
  });

  router.get('/waivers', async (req, res) => {
    await authorize(req, scorecardsReadPermission);
    res.json({
      items: await service.listWaivers({
        entityRef: req.query.entityRef,
        status: req.query.status,
        limit: req.query.limit ?? 100,
      }),
    });
  });

  router.post('/waivers', async (req, res) => {
    const credentials = await authorize(req, scorecardsWaiverRequestPermission);
    const mayDecide = await allowed(
      credentials,
      scorecardsWaiverDecidePermission,
    );
    res
      .status(201)
      .json(await service.requestWaiver(req.body, { credentials, mayDecide }));
  });

  router.post('/waivers/:id/decision', async (req, res) => {
    const credentials = await authorize(req, scorecardsWaiverDecidePermission);
    res.json(
      await service.decideWaiver({
        id: req.params.id,
        decision: req.body.decision,
        comment: req.body.comment,
        actor: credentials.principal.userEntityRef,
      }),
    );
  });

  router.post('/refresh', async (req, res) => {
    await authorize(req, scorecardsRefreshPermission);
    await options.triggerRefresh();
    res.status(202).end();
  });

  router.get('/initiatives', async (req, res) => {
    await authorize(req, scorecardsReadPermission);
    res.json({ items: await initiatives.list() });
  });

  router.post('/initiatives', async (req, res) => {
    const credentials = await authorize(
      req,
      scorecardsInitiativeManagePermission,
    );
    res
      .status(201)
      .json(
        await initiatives.create(req.body, credentials.principal.userEntityRef),
      );
  });

  router.get('/initiatives/:id', async (req, res) => {
    await authorize(req, scorecardsReadPermission);
    res.json(await initiatives.get(req.params.id));
  });

  router.put('/initiatives/:id', async (req, res) => {
    const credentials = await authorize(
      req,
      scorecardsInitiativeManagePermission,
    );
    res.json(
      await initiatives.update(
        req.params.id,
        req.body,
        credentials.principal.userEntityRef,
      ),
    );
  });

  return router;
}
