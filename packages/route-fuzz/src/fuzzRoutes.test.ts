import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import {
  encodePathSegment,
  formatFuzzReport,
  fuzzRoutes,
  FuzzRoute,
  toJsonText,
} from './index';
import { RawJson } from './hostile';

/**
 * A plugin with a careful route, a careless one, a lax one, and one that anyone may call
 * (as a webhook with a signature check of its own would be).
 */
const samplePlugin = createBackendPlugin({
  pluginId: 'sample',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        const router = Router();
        router.use(express.json());
        router.post('/careful', async (req, res) => {
          const { name, amount } = req.body ?? {};
          if (typeof name !== 'string' || name.includes('\u0000')) {
            throw new InputError('name: must be text without NUL');
          }
          if (typeof amount !== 'number' || !Number.isFinite(amount)) {
            throw new InputError('amount: must be a finite number');
          }
          res.json({ ok: true });
        });
        router.post('/careless', async (req, res) => {
          if (String(req.body?.name).includes('\u0000')) {
            throw new Error('invalid byte sequence for encoding "UTF8": 0x00');
          }
          res.json({ ok: true });
        });
        router.get('/lax', async (_req, res) => {
          res.json({ ok: true });
        });
        router.post('/open', async (_req, res) => {
          res.json({ ok: true });
        });
        httpRouter.use(router);
        httpRouter.addAuthPolicy({ path: '/open', allow: 'unauthenticated' });
      },
    });
  },
});

const headers = { Authorization: mockCredentials.user.header() };

describe('fuzzRoutes', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  beforeAll(async () => {
    ({ server } = await startTestBackend({ features: [samplePlugin] }));
  });

  it('reports the requests, classes and statuses of a careful route', async () => {
    const careful: FuzzRoute = {
      method: 'post',
      path: '/api/sample/careful',
      body: { name: 'x', amount: 1 },
      fields: [
        { in: 'body', name: 'name', type: 'text', tolerate: [] },
        { in: 'body', name: 'amount', type: 'number', tolerate: [] },
      ],
    };
    const report = await fuzzRoutes({
      server,
      headers,
      routes: [careful],
      runsPerClass: 2,
    });
    // text: nul, wrongType; number: nul, nonFinite, numberString, wrongType; 2 runs each;
    // and the valid request once without credentials
    expect(report.requests).toBe(13);
    expect(report.unauthenticated).toBe(1);
    expect(report.mustRefuse).toBe(12);
    expect(report.refused).toBe(12);
    expect(report.statuses).toEqual({ 400: 12 });
    expect(report.classes).toEqual([
      'nonFinite',
      'nul',
      'numberString',
      'wrongType',
    ]);
    expect(formatFuzzReport('sample', report)).toContain(
      'sample: 13 requests over 1 routes and 2 fields',
    );
  });

  it('fails on a 5xx', async () => {
    await expect(
      fuzzRoutes({
        server,
        headers,
        routes: [
          {
            method: 'post',
            path: '/api/sample/careless',
            body: { name: 'x' },
            fields: [
              {
                in: 'body',
                name: 'name',
                type: 'text',
                refuse: [],
                tolerate: ['nul'],
              },
            ],
          },
        ],
      }),
    ).rejects.toThrow(
      /server error for POST \/api\/sample\/careless body name \(nul\): 500/,
    );
  });

  it('fails when a value that must be refused is accepted', async () => {
    await expect(
      fuzzRoutes({
        server,
        headers,
        routes: [
          {
            method: 'get',
            path: '/api/sample/lax',
            query: {},
            fields: [{ in: 'query', name: 'from', type: 'date', tolerate: [] }],
          },
        ],
      }),
    ).rejects.toThrow(
      /accepted a value it must refuse: GET \/api\/sample\/lax query from \(\w+\): 200/,
    );
  });

  it('fails when a refusal does not name the field', async () => {
    await expect(
      fuzzRoutes({
        server,
        headers,
        routes: [
          {
            method: 'post',
            path: '/api/sample/careful',
            body: { name: 'x', amount: 1 },
            fields: [
              {
                in: 'body',
                name: 'amount',
                type: 'number',
                refuse: ['nonFinite'],
                tolerate: [],
                messageNames: 'inputs.amount',
              },
            ],
          },
        ],
      }),
    ).rejects.toThrow(/refused without naming inputs.amount/);
  });

  it('fails on a route that answers without credentials', async () => {
    const open: FuzzRoute = {
      method: 'post',
      path: '/api/sample/open',
      body: {},
      fields: [],
    };
    await expect(
      fuzzRoutes({ server, headers, routes: [open] }),
    ).rejects.toThrow(
      'POST /api/sample/open answered 200 without credentials, not 401',
    );
    const report = await fuzzRoutes({
      server,
      headers,
      routes: [{ ...open, ownCallerCheck: true }],
    });
    expect(report.unauthenticated).toBe(0);
  });

  it('writes numbers JSON cannot hold as raw JSON text', () => {
    expect(
      toJsonText({ a: new RawJson('1e999'), b: [new RawJson('-0'), 'x'] }),
    ).toBe('{"a":1e999,"b":[-0,"x"]}');
    expect(JSON.parse(toJsonText({ a: new RawJson('1e999') })).a).toBe(
      Infinity,
    );
  });

  it('sends a lone surrogate in a path as the invalid UTF-8 it would be', () => {
    expect(encodePathSegment('a b/\ud800c')).toBe('a%20b%2F%ED%A0%80c');
    expect(encodePathSegment('\udfff')).toBe('%ED%BF%BF');
    expect(encodePathSegment('😀')).toBe(encodeURIComponent('😀'));
  });
});
