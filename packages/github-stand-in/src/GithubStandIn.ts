import { createHash } from 'node:crypto';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { GitHttpHost } from './git';
import { executeGithubGraphql, GraphqlRoot } from './graphql';
import { validateGithubResponse } from './openapi';

/** What a route answers: a JSON body (lists are paginated by the stand-in), or a status. */
export type RouteAnswer =
  | unknown
  | { status: number; body: unknown; headers?: Record<string, string> }
  /** A file: raw text for the raw media type, else its JSON description. */
  | { raw: string; json: unknown };

type Route = {
  method: string;
  /** OpenAPI path template, for validation. */
  template: string;
  pattern: RegExp;
  body: (
    match: RegExpMatchArray,
    url: URL,
    req: IncomingMessage,
    requestBody: any,
  ) => RouteAnswer;
};

export type Fault =
  | { kind: 'status'; status: number; times: number }
  | { kind: 'primaryRateLimit'; times: number }
  | { kind: 'secondaryRateLimit'; times: number; retryAfterSeconds?: number };

const isStatusAnswer = (
  a: unknown,
): a is { status: number; body: unknown; headers?: Record<string, string> } =>
  !!a && typeof a === 'object' && 'status' in a && 'body' in a;
const isFileAnswer = (a: unknown): a is { raw: string; json: unknown } =>
  !!a && typeof a === 'object' && 'raw' in a && 'json' in a;

async function readJson(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

const RAW_MEDIA_TYPE = /application\/vnd\.github(\.v3)?\.raw/;

/**
 * A local HTTP server answering like GitHub's REST and GraphQL APIs, so tests and benchmarks
 * run the real clients (Octokit, Backstage's GitHub modules) against it:
 *
 * - REST routes by OpenAPI path template; every JSON answer is validated against GitHub's
 *   OpenAPI description (a violation answers 500 and is kept in `violations`);
 * - `Link` pagination (page size `pageSize`, or the request's `per_page` when smaller),
 *   `ETag` / `If-None-Match` → 304, the raw media type for file contents;
 * - `POST /graphql` executed against GitHub's GraphQL schema with the given root;
 * - `x-ratelimit-*` headers, primary and secondary rate limits and 5xx faults;
 * - a GitHub App's installations and installation tokens, with `serveApp`.
 */
export class GithubStandIn {
  private server?: Server;
  readonly routes: Route[] = [];
  readonly faults = new Map<RegExp, Fault>();
  readonly log: Array<{
    method: string;
    url: string;
    status: number;
    /** The JSON body of a write request. */
    body?: unknown;
    /** The `Authorization` header, to check which credentials a client sent. */
    authorization?: string;
  }> = [];
  /** Answers that did not match GitHub's OpenAPI or GraphQL schema. */
  readonly violations: string[] = [];
  pageSize = 2;
  graphqlRoot?: GraphqlRoot;
  /** Git smart HTTP under `/git/{owner}/{repo}.git`, when repositories are hosted. */
  git?: GitHttpHost;

  /**
   * Adds a GET route. `{path}` matches the rest of the URL (slashes included), every other
   * `{param}` one segment.
   */
  route(template: string, body: Route['body']) {
    this.write('get', template, body);
  }

  /**
   * Adds a route for another method. The answer is validated against the OpenAPI response
   * of its status (`{ status: 201, body }`); a status without content (204) has no body.
   */
  write(method: string, template: string, body: Route['body']) {
    const pattern = new RegExp(
      `^${template
        .replace(/\{path\}/g, '(.+)')
        .replace(/\{[^}]+\}/g, '([^/]+)')
        .replace(/\//g, '\\/')}$`,
    );
    this.routes.push({ method: method.toUpperCase(), template, pattern, body });
  }

  fault(pathPattern: RegExp, fault: Fault) {
    this.faults.set(pathPattern, fault);
  }

  /** Requests received whose path matches the pattern. */
  requests(pathPattern: RegExp = /./) {
    return this.log.filter(r => pathPattern.test(r.url.split('?')[0])).length;
  }

  /** Listens on 127.0.0.1, on `port` or (0) one the system chooses; resolves to the URL. */
  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(error => {
        this.violations.push(String(error));
        this.send(res, req, 500, { message: String(error) });
      });
    });
    await new Promise<void>(resolve =>
      this.server!.listen(port, '127.0.0.1', resolve),
    );
    const address = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
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
    requestBody?: unknown,
  ) {
    this.log.push({
      method: req.method ?? 'GET',
      url: req.url ?? '',
      status,
      ...(requestBody !== undefined ? { body: requestBody } : {}),
      ...(req.headers.authorization
        ? { authorization: req.headers.authorization }
        : {}),
    });
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-resource': 'core',
      ...headers,
    });
    if (status === 304 || status === 204) res.end();
    else if (typeof body === 'string' && headers['content-type']) res.end(body);
    else res.end(JSON.stringify(body));
  }

  private fail(req: IncomingMessage, res: ServerResponse, fault: Fault) {
    if (fault.kind === 'status') {
      this.send(res, req, fault.status, { message: 'Server Error' });
    } else if (fault.kind === 'primaryRateLimit') {
      this.send(
        res,
        req,
        403,
        {
          message: 'API rate limit exceeded',
          documentation_url:
            'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting',
        },
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
        {
          message: 'You have exceeded a secondary rate limit.',
          documentation_url:
            'https://docs.github.com/rest/overview/resources-in-the-rest-api#secondary-rate-limits',
        },
        { 'retry-after': String(fault.retryAfterSeconds ?? 1) },
      );
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    for (const [pattern, fault] of this.faults) {
      if (!pattern.test(url.pathname) || fault.times <= 0) continue;
      fault.times -= 1;
      this.fail(req, res, fault);
      return;
    }
    if (req.method === 'POST' && url.pathname === '/graphql') {
      await this.graphql(req, res);
      return;
    }
    if (this.git && url.pathname.startsWith('/git/')) {
      await this.git.handle(req, res, url, status =>
        this.log.push({
          method: req.method ?? 'GET',
          url: req.url ?? '',
          status,
        }),
      );
      return;
    }
    for (const route of this.routes) {
      const match = url.pathname.match(route.pattern);
      if (!match || req.method !== route.method) continue;
      let requestBody: any;
      try {
        requestBody = req.method === 'GET' ? undefined : await readJson(req);
      } catch {
        this.send(res, req, 400, {
          message: 'Problems parsing JSON',
          documentation_url: 'https://docs.github.com/rest',
        });
        return;
      }
      const answer = route.body(
        match.map(m => decodeURIComponent(m)) as RegExpMatchArray,
        url,
        req,
        requestBody,
      );
      if (isStatusAnswer(answer)) {
        if (answer.status < 300 && answer.status !== 204) {
          try {
            validateGithubResponse(
              route.template,
              answer.body,
              route.method.toLowerCase(),
              answer.status,
            );
          } catch (e) {
            this.violations.push((e as Error).message);
            this.send(res, req, 500, { message: (e as Error).message });
            return;
          }
        }
        this.send(
          res,
          req,
          answer.status,
          answer.body,
          answer.headers ?? {},
          requestBody,
        );
        return;
      }
      if (
        isFileAnswer(answer) &&
        RAW_MEDIA_TYPE.test(String(req.headers.accept))
      ) {
        this.sendWithEtag(req, res, answer.raw, {
          'content-type': 'application/vnd.github.raw; charset=utf-8',
        });
        return;
      }
      let body = isFileAnswer(answer) ? answer.json : answer;
      const headers: Record<string, string> = {};
      if (Array.isArray(body)) {
        const page = Number(url.searchParams.get('page') ?? '1');
        const size = Math.min(
          this.pageSize,
          Number(url.searchParams.get('per_page') ?? this.pageSize),
        );
        const items = body;
        body = items.slice((page - 1) * size, page * size);
        if (page * size < items.length) {
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
      this.sendWithEtag(req, res, body, headers);
      return;
    }
    this.send(res, req, 404, {
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
    });
  }

  private sendWithEtag(
    req: IncomingMessage,
    res: ServerResponse,
    body: unknown,
    headers: Record<string, string>,
  ) {
    const etag = `"${createHash('sha1')
      .update(typeof body === 'string' ? body : JSON.stringify(body))
      .digest('hex')}"`;
    if (req.headers['if-none-match'] === etag) {
      this.send(res, req, 304, undefined, { ...headers, etag });
      return;
    }
    this.send(res, req, 200, body, { ...headers, etag });
  }

  private async graphql(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const { query, variables } = JSON.parse(
      Buffer.concat(chunks).toString('utf8'),
    );
    if (!this.graphqlRoot) {
      this.send(res, req, 404, { message: 'Not Found' });
      return;
    }
    const result = await executeGithubGraphql(
      this.graphqlRoot,
      query,
      variables,
    );
    if (result.errors) {
      this.violations.push(
        `GraphQL: ${result.errors.map(e => e.message).join('; ')}`,
      );
    }
    this.send(res, req, 200, result, { 'x-ratelimit-resource': 'graphql' });
  }
}
