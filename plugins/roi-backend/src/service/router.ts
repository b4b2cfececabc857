import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  calculateRoi,
  createScenarioSchema,
  formatFieldErrors,
  MAX_BODY_BYTES,
  parseBody,
  updateScenarioSchema,
  validateRoiInputs,
} from '@internal/plugin-roi-common';
import express, { NextFunction, Request, Response } from 'express';
import Router from 'express-promise-router';
import { ScenarioService } from '../services/ScenarioService/types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * JSON bodies up to 64 KB; a body that is too large, malformed or not JSON is a 400 that
 * says so, never a 413/415/5xx.
 */
function jsonBody() {
  const parse = express.json({ limit: MAX_BODY_BYTES, strict: false });
  return (req: Request, res: Response, next: NextFunction) => {
    if (!['POST', 'PUT', 'PATCH'].includes(req.method)) {
      next();
      return;
    }
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > MAX_BODY_BYTES) {
      next(
        new InputError(
          `body: must be at most ${MAX_BODY_BYTES} bytes (64 KB), got ${length}`,
        ),
      );
      return;
    }
    if (length > 0 && !req.is('application/json')) {
      next(new InputError('body: must be sent as application/json'));
      return;
    }
    parse(req, res, (err?: unknown) => {
      if (!err) {
        next();
        return;
      }
      const type = (err as { type?: string }).type;
      if (type === 'entity.too.large') {
        next(
          new InputError(
            `body: must be at most ${MAX_BODY_BYTES} bytes (64 KB)`,
          ),
        );
      } else if (type === 'entity.parse.failed') {
        next(new InputError('body: is not valid JSON'));
      } else {
        next(new InputError(`body: ${(err as Error).message}`));
      }
    });
  };
}

function idParam(req: Request): string {
  const id = req.params.id;
  if (!UUID.test(id)) {
    throw new InputError('id: must be a scenario id (a UUID)');
  }
  return id;
}

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  scenarios: ScenarioService;
}): Promise<express.Router> {
  const { httpAuth, scenarios } = options;
  const router = Router();
  router.use(jsonBody());

  const user = (req: Request) => httpAuth.credentials(req, { allow: ['user'] });

  /** Stateless: the method applied to the inputs; any signed-in user. */
  router.post('/calculate', async (req, res) => {
    await user(req);
    const validation = validateRoiInputs(req.body);
    if (!validation.ok) {
      throw new InputError(formatFieldErrors(validation.errors));
    }
    res.json(calculateRoi(validation.inputs));
  });

  router.get('/scenarios', async (req, res) => {
    const credentials = await user(req);
    let limit: number | undefined;
    if (req.query.limit !== undefined) {
      limit = Number(req.query.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
        throw new InputError('limit: must be a whole number between 1 and 200');
      }
    }
    res.json({ items: await scenarios.list(credentials, { limit }) });
  });

  router.post('/scenarios', async (req, res) => {
    const credentials = await user(req);
    const body = parseBody(createScenarioSchema, req.body);
    if (!body.ok) {
      throw new InputError(formatFieldErrors(body.errors));
    }
    res.status(201).json(await scenarios.create(credentials, body.value));
  });

  router.get('/scenarios/:id', async (req, res) => {
    const credentials = await user(req);
    res.json(await scenarios.get(credentials, idParam(req)));
  });

  router.put('/scenarios/:id', async (req, res) => {
    const credentials = await user(req);
    const id = idParam(req);
    const body = parseBody(updateScenarioSchema, req.body);
    if (!body.ok) {
      throw new InputError(formatFieldErrors(body.errors));
    }
    res.json(await scenarios.update(credentials, id, body.value));
  });

  router.delete('/scenarios/:id', async (req, res) => {
    const credentials = await user(req);
    await scenarios.remove(credentials, idParam(req));
    res.status(204).end();
  });

  router.post('/scenarios/:id/duplicate', async (req, res) => {
    const credentials = await user(req);
    res.status(201).json(await scenarios.duplicate(credentials, idParam(req)));
  });

  router.get('/scenarios/:id/versions', async (req, res) => {
    const credentials = await user(req);
    res.json({ items: await scenarios.versions(credentials, idParam(req)) });
  });

  router.get('/scenarios/:id/export.csv', async (req, res) => {
    const credentials = await user(req);
    const { filename, csv } = await scenarios.exportCsv(
      credentials,
      idParam(req),
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
    const token = req.params.token;
    if (!TOKEN.test(token)) {
      throw new InputError('token: is not a share link token');
    }
    res.json(await scenarios.getShared(credentials, token));
  });

  return router;
}
