import { createHash } from 'node:crypto';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
// ajv checks every answer of the stand-in against GitHub's OpenAPI description.
import Ajv from 'ajv';

// @octokit/openapi ships JSON without type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { schemas } = require('@octokit/openapi') as {
  schemas: Record<string, any>;
};

const spec = schemas['api.github.com'];

/** OpenAPI 3.0 `nullable: true` → JSON Schema (`type: [t, 'null']`, or `anyOf` with null). */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k !== 'nullable' && k !== 'example' && k !== 'examples')
      out[k] = toJsonSchema(v);
  }
  if ((node as { nullable?: boolean }).nullable === true) {
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
      return out;
    }
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

const ajv = new Ajv({
  strict: false,
  validateFormats: false,
  allErrors: false,
});
ajv.addSchema(
  {
    paths: toJsonSchema(spec.paths),
    components: toJsonSchema(spec.components),
  },
  'github',
);

const pointer = (path: string) =>
  `github#/paths/${encodeURIComponent(
    path.replace(/~/g, '~0').replace(/\//g, '~1'),
  )}/get/responses/200/content/application~1json/schema`;

const validators = new Map<string, ReturnType<typeof ajv.compile>>();
/** Throws when a body does not match GitHub's documented 200 response for the path. */
export function validateGithubResponse(path: string, body: unknown) {
  let validate = validators.get(path);
  if (!validate) {
    validate = ajv.compile({ $ref: pointer(path) });
    validators.set(path, validate);
  }
  if (!validate(body)) {
    throw new Error(
      `stand-in answer for ${path} does not match GitHub's OpenAPI: ${ajv.errorsText(
        validate.errors,
      )}`,
    );
  }
}

const example = (name: string) =>
  JSON.parse(JSON.stringify(spec.components.examples[name].value));

export function deploymentObject(d: {
  repo: string;
  id: number;
  sha: string;
  environment: string;
  createdAt: string;
}) {
  const o = example('deployment');
  return {
    ...o,
    id: d.id,
    sha: d.sha,
    ref: d.sha,
    environment: d.environment,
    created_at: d.createdAt,
    updated_at: d.createdAt,
    url: `https://api.github.com/repos/${d.repo}/deployments/${d.id}`,
  };
}

export function statusObject(s: { id: number; state: string; at: string }) {
  const o = example('deployment-status');
  return { ...o, id: s.id, state: s.state, created_at: s.at, updated_at: s.at };
}

export function commitObject(c: { sha: string; authoredAt: string }) {
  const o = example('commit');
  o.sha = c.sha;
  // GitHub's own example lists files without `contents_url`, which its schema requires.
  o.files = [];
  o.commit.author.date = c.authoredAt;
  o.commit.committer.date = c.authoredAt;
  return o;
}

export function comparisonObject(
  commits: Array<{ sha: string; authoredAt: string }>,
) {
  const o = example('commit-comparison');
  o.commits = commits.map(commitObject);
  o.files = [];
  o.total_commits = commits.length;
  o.ahead_by = commits.length;
  return o;
}

export function issueObject(i: {
  id: number;
  number: number;
  labels: string[];
  createdAt: string;
  closedAt: string | null;
  pullRequest?: boolean;
}) {
  const o = example('issue');
  o.id = i.id;
  o.number = i.number;
  o.labels = i.labels.map((name, n) => ({ ...o.labels[0], id: n + 1, name }));
  o.created_at = i.createdAt;
  o.updated_at = i.closedAt ?? i.createdAt;
  o.closed_at = i.closedAt;
  o.state = i.closedAt ? 'closed' : 'open';
  if (!i.pullRequest) delete o.pull_request;
  return o;
}

export function pullObject(p: { number: number; mergedAt: string | null }) {
  const o = example('pull-request-simple');
  // GitHub's own example lists requested teams without `type`, which its schema requires.
  return {
    ...o,
    requested_teams: [],
    number: p.number,
    merged_at: p.mergedAt,
    state: 'closed',
  };
}

type Route = {
  /** OpenAPI path template, for validation. */
  template: string;
  pattern: RegExp;
  /** Items (lists are paginated by the stand-in) or one object. */
  body: (match: RegExpMatchArray) => unknown;
};

export type Fault =
  | { kind: 'status'; status: number; times: number }
  | { kind: 'primaryRateLimit'; times: number }
  | { kind: 'secondaryRateLimit'; times: number };

/**
 * A local HTTP server answering like GitHub's REST API for the calls the backfill makes:
 * `Link` pagination (page size fixed by the stand-in), `ETag` / `If-None-Match` → 304,
 * `x-ratelimit-*` headers, primary and secondary rate limits and 5xx faults.
 */
export class GithubStandIn {
  private server?: Server;
  readonly routes: Route[] = [];
  readonly faults = new Map<RegExp, Fault>();
  readonly log: Array<{ method: string; url: string; status: number }> = [];
  /** Answers that did not match GitHub's OpenAPI description (answered 500 instead). */
  readonly violations: string[] = [];
  pageSize = 2;

  route(template: string, body: Route['body']) {
    const pattern = new RegExp(
      `^${template.replace(/\{[^}]+\}/g, '([^/]+)').replace(/\//g, '\\/')}$`,
    );
    this.routes.push({ template, pattern, body });
  }

  fault(pathPattern: RegExp, fault: Fault) {
    this.faults.set(pathPattern, fault);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop() {
    await new Promise<void>(resolve => this.server?.close(() => resolve()));
  }

  private send(
    res: ServerResponse,
    req: IncomingMessage,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    this.log.push({ method: req.method ?? 'GET', url: req.url ?? '', status });
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-resource': 'core',
      ...headers,
    });
    res.end(status === 304 ? undefined : JSON.stringify(body));
  }

  private handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    for (const [pattern, fault] of this.faults) {
      if (!pattern.test(url.pathname) || fault.times <= 0) continue;
      fault.times -= 1;
      if (fault.kind === 'status') {
        this.send(res, req, fault.status, { message: 'Server Error' });
      } else if (fault.kind === 'primaryRateLimit') {
        this.send(
          res,
          req,
          403,
          { message: 'API rate limit exceeded' },
          {
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)),
          },
        );
      } else {
        this.send(
          res,
          req,
          403,
          { message: 'You have exceeded a secondary rate limit.' },
          {
            'retry-after': '1',
          },
        );
      }
      return;
    }
    for (const route of this.routes) {
      const match = url.pathname.match(route.pattern);
      if (!match) continue;
      let body = route.body(match);
      const headers: Record<string, string> = {};
      if (Array.isArray(body)) {
        const page = Number(url.searchParams.get('page') ?? '1');
        const items = body;
        body = items.slice((page - 1) * this.pageSize, page * this.pageSize);
        if (page * this.pageSize < items.length) {
          const next = new URL(url.toString());
          next.searchParams.set('page', String(page + 1));
          headers.link = `<http://${req.headers.host}${next.pathname}${next.search}>; rel="next"`;
        }
      }
      try {
        validateGithubResponse(route.template, body);
      } catch (e) {
        this.violations.push((e as Error).message);
        this.send(res, req, 500, { message: (e as Error).message });
        return;
      }
      const etag = `"${createHash('sha1')
        .update(JSON.stringify(body))
        .digest('hex')}"`;
      headers.etag = etag;
      if (req.headers['if-none-match'] === etag) {
        this.send(res, req, 304, undefined, headers);
        return;
      }
      this.send(res, req, 200, body, headers);
      return;
    }
    this.send(res, req, 404, { message: 'Not Found' });
  }
}
