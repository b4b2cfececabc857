import { mockCredentials } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import request from 'supertest';
import {
  DEFAULT_CLASSES,
  FieldType,
  HostileClass,
  hostileValues,
  RawJson,
} from './hostile';

/** A field of a route to attack: where it is, what it holds. */
export type FuzzField = {
  /** `body` for a body field (dotted path, `body` alone for the whole body), `query`, `path`. */
  in: 'body' | 'query' | 'path';
  /** Dotted path in the body (`inputs.devCosts`), query parameter or path parameter name. */
  name: string;
  type: FieldType;
  /** Classes the route must refuse with a 4xx naming the field; default by type. */
  refuse?: HostileClass[];
  /** Classes the route may accept or refuse, never fail on; default by type. */
  tolerate?: HostileClass[];
  /** null is a valid value (the field is optional and nullable): not a wrong type. */
  nullable?: boolean;
  /** What the error message must contain; default `name` (`body` for the whole body). */
  messageNames?: string;
};

/** A route with a valid request, whose fields are replaced one at a time. */
export type FuzzRoute = {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express-style path: `/api/roi/scenarios/:id`. */
  path: string;
  /** Valid values of the path parameters. */
  params?: Record<string, string>;
  /** A valid query. */
  query?: Record<string, unknown>;
  /** A valid JSON body. */
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * The route checks its caller itself (a webhook's signature), so a request without
   * Backstage credentials is not refused with 401 by the HTTP router.
   */
  ownCallerCheck?: boolean;
  fields: FuzzField[];
};

/** One request the runner sent, and how it was answered. */
export type FuzzCase = {
  route: string;
  field: FuzzField;
  hostileClass: HostileClass;
  value: unknown;
  mustRefuse: boolean;
  status: number;
  message?: string;
};

/** Figures of a fuzz run, for a test to print and the docs to record. */
export type FuzzReport = {
  requests: number;
  routes: string[];
  fields: number;
  classes: HostileClass[];
  statuses: Record<string, number>;
  /** Requests with a value the route must refuse, and how many it did refuse. */
  mustRefuse: number;
  refused: number;
  /** Valid requests sent without credentials, each of which had to be answered 401. */
  unauthenticated: number;
};

export type FuzzRoutesOptions = {
  /** What `startTestBackend` returned as `server` (or any app supertest accepts). */
  server: Parameters<typeof request>[0];
  routes: FuzzRoute[];
  /** Requests per field and hostile class (default 3). */
  runsPerClass?: number;
  /** fast-check seed, for a reproducible run. */
  seed?: number;
  /** Headers sent with every request (e.g. mockCredentials.user.header()). */
  headers?: Record<string, string>;
  /** Extra checks after each answer (e.g. nothing half-written). */
  check?: (fuzzCase: FuzzCase) => void | Promise<void>;
};

const routeName = (r: FuzzRoute) => `${r.method.toUpperCase()} ${r.path}`;

/** JSON text of a value, writing {@link RawJson} numbers as they are. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Appends a value to a query the way `qs` (Express's parser) reads it back. */
function appendQuery(params: URLSearchParams, key: string, value: unknown) {
  if (value === undefined) return;
  if (Array.isArray(value)) {
    // `key[]=` keeps an empty list present: qs reads it back as ['']
    if (value.length === 0) params.append(`${key}[]`, '');
    value.forEach(v => appendQuery(params, key, v));
  } else if (
    value !== null &&
    typeof value === 'object' &&
    !(value instanceof RawJson)
  ) {
    const entries = Object.entries(value);
    if (entries.length === 0) params.append(`${key}[]`, '');
    entries.forEach(([k, v]) => appendQuery(params, `${key}[${k}]`, v));
  } else {
    params.append(key, value === null ? '' : String(value));
  }
}

/** A copy of `base` with the value at `path` replaced (array indexes stay arrays). */
function withValue(base: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(base)) {
    const copy = [...base];
    copy[Number(head)] = withValue(copy[Number(head)], rest, value);
    return copy;
  }
  const copy: Record<string, unknown> =
    base !== null && typeof base === 'object'
      ? { ...(base as Record<string, unknown>) }
      : {};
  copy[head] = withValue(copy[head], rest, value);
  return copy;
}

function buildRequest(route: FuzzRoute, field: FuzzField, value: unknown) {
  const params = { ...route.params };
  let query = { ...route.query };
  let body = route.body;
  if (field.in === 'path') params[field.name] = String(value);
  if (field.in === 'query') query = { ...query, [field.name]: value };
  if (field.in === 'body') {
    const path = field.name === 'body' ? [] : field.name.split('.');
    body = withValue(body, path, value);
  }
  const url = route.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) =>
    encodePathSegment(params[name] ?? ''),
  );
  const search = new URLSearchParams();
  Object.entries(query).forEach(([k, v]) => appendQuery(search, k, v));
  const qs = search.toString();
  return { url: qs ? `${url}?${qs}` : url, body };
}

const LONE_SURROGATES =
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Percent-encodes a path segment. A lone surrogate, which encodeURIComponent refuses, is sent
 * as the three bytes it would take in WTF-8: invalid UTF-8, as a hostile client may send.
 */
export function encodePathSegment(value: string): string {
  return value
    .split(LONE_SURROGATES)
    .map(encodeURIComponent)
    .reduce((out, part, i) => {
      if (i === 0) return part;
      const unit = value.match(LONE_SURROGATES)![i - 1].charCodeAt(0);
      const bytes = [
        0xe0 | (unit >> 12),
        0x80 | ((unit >> 6) & 0x3f),
        0x80 | (unit & 0x3f),
      ];
      return `${out}${bytes
        .map(b => `%${b.toString(16).toUpperCase()}`)
        .join('')}${part}`;
    }, '');
}

/** Types whose query values are text anyway: `?group=42` is a name, not a wrong type. */
const TEXT_TYPES: FieldType[] = ['text', 'entityRef', 'date', 'enum'];

/** The hostile values of a class as they can reach the field where it is. */
function valuesFor(
  field: FuzzField,
  hostileClass: HostileClass,
): fc.Arbitrary<unknown> {
  if (
    hostileClass === 'wrongType' &&
    field.in === 'query' &&
    TEXT_TYPES.includes(field.type)
  ) {
    // in a query only a list or an object is of another type than text
    return fc.constantFrom(['a', 'b'], [], { key: 'value' });
  }
  const values =
    hostileClass === 'wrongType' && field.nullable
      ? hostileValues(hostileClass, field.type).filter(v => v !== null)
      : hostileValues(hostileClass, field.type);
  // an empty path segment would address another route
  return field.in === 'path' ? values.filter(v => String(v) !== '') : values;
}

const shorten = (text: string, max = 300) =>
  text.length > max
    ? `${text.slice(0, max)}… (${text.length} characters)`
    : text;

/** The route's error first, then a counterexample short enough to read, and the replay seed. */
function failureMessage(result: fc.RunDetails<[unknown]>): string {
  const error =
    result.errorInstance instanceof Error
      ? result.errorInstance.message
      : String(result.errorInstance);
  const counterexample = result.counterexample
    ? shorten(fc.stringify(result.counterexample[0]))
    : 'none';
  return `${shorten(error, 1000)}\nvalue: ${counterexample}\n(seed ${
    result.seed
  }, path ${result.counterexamplePath}, after ${result.numRuns} runs)`;
}

function send(
  server: FuzzRoutesOptions['server'],
  route: FuzzRoute,
  url: string,
  body: unknown,
  headers: Record<string, string>,
) {
  let test = request(server)[route.method](url);
  for (const [k, v] of Object.entries(headers)) {
    test = test.set(k, v);
  }
  if (body !== undefined) {
    test = test.set('Content-Type', 'application/json').send(toJsonText(body));
  }
  return test;
}

/** The route's valid request, sent without credentials, must be refused with 401. */
async function expectCredentialsRequired(
  server: FuzzRoutesOptions['server'],
  route: FuzzRoute,
) {
  const { url, body } = buildRequest(
    route,
    { in: 'body', name: 'body', type: 'object' },
    route.body,
  );
  // a test backend treats a request with no header as a default user; this one has none
  const headers = {
    ...Object.fromEntries(
      Object.entries(route.headers ?? {}).filter(
        ([name]) => name.toLowerCase() !== 'authorization',
      ),
    ),
    Authorization: mockCredentials.none.header(),
  };
  const res = await send(server, route, url, body, headers);
  if (res.status !== 401) {
    throw new Error(
      `${routeName(route)} answered ${res.status} without credentials, not 401`,
    );
  }
}

/**
 * Fires hostile requests at each route through the real HTTP stack: for every field, for
 * every hostile class that applies to it, `runsPerClass` values from fast-check replace the
 * field in an otherwise valid request. Fails (throwing fast-check's counterexample) when a
 * route answers 5xx, or answers anything but a 4xx naming the field for a value it must
 * refuse. Before that, each route's valid request is sent without credentials and must be
 * answered 401, unless the route checks its caller itself. Returns the figures of the run.
 */
export async function fuzzRoutes(
  options: FuzzRoutesOptions,
): Promise<FuzzReport> {
  const runsPerClass = options.runsPerClass ?? 3;
  const report: FuzzReport = {
    requests: 0,
    routes: [],
    fields: 0,
    classes: [],
    statuses: {},
    mustRefuse: 0,
    refused: 0,
    unauthenticated: 0,
  };
  const classes = new Set<HostileClass>();

  for (const route of options.routes) {
    report.routes.push(routeName(route));
    if (!route.ownCallerCheck) {
      await expectCredentialsRequired(options.server, route);
      report.requests += 1;
      report.unauthenticated += 1;
    }
    for (const field of route.fields) {
      report.fields += 1;
      const defaults = DEFAULT_CLASSES[field.type];
      const refuse = field.refuse ?? defaults.refuse;
      const tolerate = (field.tolerate ?? defaults.tolerate).filter(
        c => !refuse.includes(c),
      );
      const plan = [
        ...refuse.map(c => ({ hostileClass: c, mustRefuse: true })),
        ...tolerate.map(c => ({ hostileClass: c, mustRefuse: false })),
      ];
      for (const { hostileClass, mustRefuse } of plan) {
        classes.add(hostileClass);
        const result = await fc.check(
          fc.asyncProperty(valuesFor(field, hostileClass), async value => {
            const { url, body } = buildRequest(route, field, value);
            const res = await send(options.server, route, url, body, {
              ...options.headers,
              ...route.headers,
            });
            report.requests += 1;
            report.statuses[res.status] =
              (report.statuses[res.status] ?? 0) + 1;
            const message: string | undefined = res.body?.error?.message;
            const where = `${routeName(route)} ${field.in} ${
              field.name
            } (${hostileClass}): ${res.status} ${message ?? ''}`;
            if (res.status >= 500) {
              throw new Error(`server error for ${where}`);
            }
            if (mustRefuse) {
              report.mustRefuse += 1;
              const named = field.messageNames ?? field.name;
              if (res.status < 400 || res.status >= 500) {
                throw new Error(`accepted a value it must refuse: ${where}`);
              }
              // a long value may be refused for the size of the body it makes
              const bodyTooLarge =
                hostileClass === 'long' &&
                field.in === 'body' &&
                /\bbody\b/.test(message ?? '');
              if (!message?.includes(named) && !bodyTooLarge) {
                throw new Error(`refused without naming ${named}: ${where}`);
              }
              report.refused += 1;
            }
            await options.check?.({
              route: routeName(route),
              field,
              hostileClass,
              value,
              mustRefuse,
              status: res.status,
              message,
            });
          }),
          { numRuns: runsPerClass, seed: options.seed },
        );
        if (result.failed) {
          throw new Error(failureMessage(result));
        }
      }
    }
  }
  report.classes = [...classes].sort();
  return report;
}

/** One paragraph for a test's output: requests, routes, classes, statuses. */
export function formatFuzzReport(title: string, report: FuzzReport): string {
  const statuses = Object.entries(report.statuses)
    .map(([status, n]) => `${status}×${n}`)
    .join(', ');
  return [
    `${title}: ${report.requests} requests over ${report.routes.length} routes and ${report.fields} fields`,
    `classes (${report.classes.length}): ${report.classes.join(', ')}`,
    `statuses: ${statuses}`,
    `must refuse: ${report.mustRefuse}, refused with the field named: ${report.refused}`,
    `without credentials: ${report.unauthenticated}, all refused with 401`,
  ].join('\n');
}
