#!/usr/bin/env node
/*
 * The catalog at scale: 100,000 generated entities (an organisation of groups and users,
 * domains, systems, components, APIs with OpenAPI definitions and resources, with their
 * relations) loaded into this portal's backend and into a stock Backstage backend of the same
 * release, one after the other on fresh databases of the same embedded PostgreSQL and port:
 *
 * Each runs with its production configuration (app-config.production.yaml over app-config.yaml)
 * and the benchmark's own settings (see `benchConfig` below).
 *
 *   - processing: seconds from registering the catalog (POST /api/catalog/locations, a `url`
 *     location served from a temporary folder, right after the backend is ready) until all
 *     100,000 entities are in the catalog with their relations stitched both ways, the entities
 *     per second that makes, and the CPU time the backend and PostgreSQL spent on it (the
 *     catalog's refresh interval is 30 minutes for both, so this is the first ingestion only);
 *   - (in the progress lines) the CPU time both spend in the minute after, with nothing asked;
 *   - the services page's query: the catalog requests the page makes (/entities/by-query with
 *     `fields` for its filters, sort orders and cursors, /entities/by-refs for the owners on a
 *     page, /entity-facets for the filters), sent by the page's own code (listServices and
 *     serviceFacets of the service-overview common package) over Backstage's CatalogClient as
 *     the guest user, BENCH_QUERIES times (default 200). The page reads the catalog directly,
 *     so the stock backend, which has no service overview, serves the very same requests.
 *
 * Run by hand: `./portal node bench/catalog.mjs` (BENCH_STOCK_DIR reuses a stock app prepared
 * by `./portal node bench/startup.mjs --prepare-stock`; BENCH_ROUNDS, default 3, rounds, each
 * figure the median of its rounds; BENCH_ENTITIES for a smaller catalog while trying it out).
 * The backends run without the development file watcher, so an edit elsewhere in the
 * repository cannot restart one mid-measurement. Target: within 1.1x stock.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  backendUrl,
  backstageVersion,
  configArgs,
  dropBackendDatabases,
  ensureStockApp,
  log,
  makeWorkDir,
  median,
  port,
  portalDatabaseEnv,
  printComparison,
  root,
  startBackend,
  startPostgres,
  stockAppDir,
  treeCpuSeconds,
} from './lib/backends.mjs';
import { workspaceRequire } from './lib/workspace.mjs';

// The size of a large adopter's catalog (Backstage's maintainers report production catalogs of
// about 460,000 entities); BENCH_ENTITIES measures a smaller one where a run must be shorter.
const total = Number(process.env.BENCH_ENTITIES ?? 100_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const queries = Number(process.env.BENCH_QUERIES ?? 200);
const warmUpQueries = 20;
const pageSize = 20; // the services page's
const LABEL = 'bench.acme.example/catalog';
const GENERATED = `metadata.labels.${LABEL}=generated`;
const TARGET = 1.1;

const require = workspaceRequire('plugins/service-overview-backend');
const { CatalogClient } = require('@backstage/catalog-client');
const {
  listServices,
  serviceFacets,
} = require('@internal/plugin-service-overview-common');

// ---------------------------------------------------------------------------------------------
// The generated organisation

/** mulberry32: a small seeded PRNG, so every run generates the same catalog. */
/** @param {number} seed */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AREAS = [
  'checkout',
  'payments',
  'inventory',
  'search',
  'pricing',
  'cart',
  'orders',
  'shipping',
  'returns',
  'loyalty',
  'promotions',
  'reviews',
  'recommendations',
  'fraud',
  'ledger',
  'billing',
  'identity',
  'notifications',
  'analytics',
  'warehouse',
  'stores',
  'media',
  'content',
  'suppliers',
];
const PARTS = ['api', 'worker', 'gateway', 'sync', 'engine', 'store', 'feed'];
const FIRST = ['alex', 'sam', 'kim', 'jo', 'lee', 'max', 'ana', 'ravi', 'mei'];
const LAST = ['smith', 'garcia', 'chen', 'novak', 'okafor', 'silva', 'berg'];

/**
 * An organisation of `size` entities in roughly a real company's proportions: 46 % components
 * (services, websites, libraries), 14 % APIs, 16 % resources, 20 % users, 2 % groups (an
 * organisation, departments, teams), 1.8 % systems and 0.2 % domains. Every entity carries
 * the label LABEL, so the benchmark counts only these.
 */
/** The kind of resource its name says. */
function resourceType(/** @type {string} */ resource) {
  if (resource.includes('-db-')) return 'database';
  if (resource.includes('-bucket-')) return 's3-bucket';
  return 'queue';
}

/**
 * @param {number} size
 * @param {number} [seed]
 */
function generateOrganisation(size, seed = 7) {
  const random = prng(seed);
  /** @type {<T>(list: T[]) => T} */
  const pick = list => list[Math.floor(random() * list.length)];
  const chance = (/** @type {number} */ p) => random() < p;
  // Most components are in production; of the others, most are experimental.
  const lifecycle = () => {
    if (chance(0.6)) return 'production';
    return chance(0.6) ? 'experimental' : 'deprecated';
  };
  const count = (/** @type {number} */ share) =>
    Math.max(1, Math.round(size * share));
  /**
   * @param {string} kind
   * @param {string} name
   * @param {Record<string, unknown>} [extra]
   */
  const base = (kind, name, extra = {}) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      ...extra,
      labels: { [LABEL]: 'generated' },
    },
  });

  const departments = Array.from(
    { length: Math.max(1, Math.round(count(0.02) / 20)) },
    (_, i) => `${AREAS[i % AREAS.length]}-department-${i + 1}`,
  );
  const teams = Array.from(
    { length: count(0.02) - departments.length - 1 },
    (_, i) => `${AREAS[i % AREAS.length]}-team-${i + 1}`,
  );
  const users = Array.from(
    { length: count(0.2) },
    (_, i) => `${FIRST[i % FIRST.length]}.${LAST[i % LAST.length]}${i + 1}`,
  );
  /** @type {Map<string, string[]>} */
  const members = new Map(teams.map(t => [t, []]));
  const userEntities = users.map(user => {
    const memberOf = [pick(teams)];
    if (chance(0.1)) memberOf.push(pick(teams));
    const groups = [...new Set(memberOf)];
    groups.forEach(team => members.get(team)?.push(user));
    const [first, last] = user.split('.');
    return {
      ...base('User', user),
      spec: {
        profile: {
          displayName: `${first} ${last}`,
          email: `${user}@acme.example`,
        },
        memberOf: groups,
      },
    };
  });
  /** @type {Map<string, string[]>} */
  const teamsOf = new Map(departments.map(d => [d, []]));
  const teamEntities = teams.map(team => {
    const parent = pick(departments);
    teamsOf.get(parent)?.push(team);
    const teamMembers = members.get(team) ?? [];
    return {
      ...base('Group', team, {
        title: team.replace(/-/g, ' '),
        ...(teamMembers.length
          ? { annotations: { 'acme.example/on-call': teamMembers[0] } }
          : {}),
      }),
      spec: { type: 'team', parent, children: [] },
    };
  });
  const groupEntities = [
    {
      ...base('Group', 'acme-retail', { title: 'Acme Retail' }),
      spec: { type: 'organization', children: departments },
    },
    ...departments.map(department => ({
      ...base('Group', department),
      spec: {
        type: 'department',
        parent: 'acme-retail',
        children: teamsOf.get(department),
      },
    })),
    ...teamEntities,
  ];

  const domains = Array.from(
    { length: count(0.002) },
    (_, i) => `${AREAS[i % AREAS.length]}-domain-${i + 1}`,
  );
  const domainEntities = domains.map(domain => ({
    ...base('Domain', domain),
    spec: { owner: pick(departments) },
  }));
  const systems = Array.from(
    { length: count(0.018) },
    (_, i) => `${AREAS[i % AREAS.length]}-system-${i + 1}`,
  );
  const systemEntities = systems.map(system => ({
    ...base('System', system),
    spec: { owner: pick(teams), domain: pick(domains) },
  }));

  const componentCount = count(0.46);
  const apiCount = count(0.14);
  const resourceCount =
    size -
    groupEntities.length -
    users.length -
    domains.length -
    systems.length -
    componentCount -
    apiCount;
  const resources = Array.from(
    { length: resourceCount },
    (_, i) =>
      `${AREAS[i % AREAS.length]}-${pick(['db', 'bucket', 'queue'])}-${i + 1}`,
  );
  const resourceEntities = resources.map(resource => ({
    ...base('Resource', resource),
    spec: {
      type: resourceType(resource),
      owner: pick(teams),
      ...(chance(0.9) ? { system: pick(systems) } : {}),
    },
  }));

  /** @type {[type: string, share: number, template: string][]} */
  const TYPES = [
    ['service', 0.6, 'typescript-service'],
    ['website', 0.2, 'web-frontend'],
    ['library', 0.2, 'typescript-library'],
  ];
  const components = Array.from({ length: componentCount }, (_, i) => {
    const r = random();
    let kind = TYPES[2];
    if (r < TYPES[0][1]) kind = TYPES[0];
    else if (r < 0.8) kind = TYPES[1];
    const [type, , template] = kind;
    return {
      name: `${AREAS[i % AREAS.length]}-${pick(PARTS)}-${i + 1}`,
      type,
      template,
    };
  });
  const services = components.filter(c => c.type === 'service');
  const apis = Array.from(
    { length: apiCount },
    (_, i) => `${AREAS[i % AREAS.length]}-${pick(PARTS)}-api-${i + 1}`,
  );
  // Every API is provided by one service; a service provides none, one or a few.
  const provides = new Map();
  apis.forEach((api, i) => {
    const provider = services[i % services.length].name;
    provides.set(provider, [...(provides.get(provider) ?? []), api]);
  });
  /** @type {string[]} */
  const owners = [];
  const componentEntities = components.map(({ name, type, template }) => {
    // A few owners are teams that no longer exist: the hygiene page's "owner missing".
    const owner = chance(0.01) ? `disbanded-team-${name}` : pick(teams);
    owners.push(owner);
    /** @type {Record<string, string>} */
    const annotations = { 'github.com/project-slug': `acme-retail/${name}` };
    if (chance(0.6)) annotations['backstage.io/techdocs-ref'] = 'dir:.';
    if (type === 'service' && chance(0.7)) {
      annotations['backstage.io/kubernetes-id'] = name;
      annotations['backstage.io/kubernetes-namespace'] = owner;
    }
    if (chance(0.5)) {
      annotations['acme.example/template'] = template;
      annotations['acme.example/template-version'] = `1.${Math.floor(
        random() * 4,
      )}.0`;
    }
    const dependsOn = Array.from({ length: Math.floor(random() * 4) }, () =>
      chance(0.5)
        ? `component:${pick(components).name}`
        : `resource:${pick(resources)}`,
    );
    return {
      ...base('Component', name, {
        description: `The ${name
          .replace(/-\d+$/, '')
          .replace(/-/g, ' ')} ${type}`,
        annotations,
        tags: [AREAS.find(a => name.startsWith(a)), type],
        ...(type === 'service' && chance(0.4)
          ? {
              links: [
                {
                  url: `https://grafana.acme.example/d/${name}`,
                  title: 'Grafana dashboard',
                  icon: 'dashboard',
                },
              ],
            }
          : {}),
      }),
      spec: {
        type,
        lifecycle: lifecycle(),
        owner,
        ...(chance(0.9) ? { system: pick(systems) } : {}),
        ...(dependsOn.length ? { dependsOn: [...new Set(dependsOn)] } : {}),
        ...(provides.has(name) ? { providesApis: provides.get(name) } : {}),
        ...(type !== 'library' && chance(0.5)
          ? {
              consumesApis: [
                ...new Set(
                  Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
                    pick(apis),
                  ),
                ),
              ],
            }
          : {}),
      },
    };
  });
  const apiEntities = apis.map(api => ({
    ...base('API', api, { description: `The ${api} of Acme Retail` }),
    spec: {
      type: 'openapi',
      lifecycle: chance(0.8) ? 'production' : 'experimental',
      owner: pick(teams),
      ...(chance(0.9) ? { system: pick(systems) } : {}),
      definition: [
        'openapi: 3.0.3',
        'info:',
        `  title: ${api}`,
        '  version: 1.0.0',
        'paths:',
        '  /items/{id}:',
        '    get:',
        '      parameters:',
        '        - { name: id, in: path, required: true, schema: { type: string } }',
        '      responses:',
        "        '200':",
        '          description: The item',
        '          content:',
        '            application/json:',
        '              schema: { $ref: "#/components/schemas/Item" }',
        'components:',
        '  schemas:',
        '    Item:',
        '      type: object',
        '      properties: { id: { type: string }, name: { type: string } }',
        '',
      ].join('\n'),
    },
  }));

  const byKind = {
    groups: groupEntities,
    users: userEntities,
    domains: domainEntities,
    systems: systemEntities,
    components: componentEntities,
    apis: apiEntities,
    resources: resourceEntities,
  };
  /** @type {{ spec: Record<string, any> }[]} */
  const all = Object.values(byKind).flat();
  const ownerRefs = new Set(
    all.map(e => e.spec.owner).filter(owner => owner !== undefined),
  );
  const partOf = new Set(all.map(e => e.spec.system ?? e.spec.domain));
  // Relations that only the *other* entity's processing emits: they are in the catalog only
  // once both ends were processed and the target stitched again.
  const stitched = {
    'kind=group,relations.hasMember': teams.filter(t => members.get(t)?.length)
      .length,
    'kind=group,relations.ownerOf': [...ownerRefs].filter(
      ref => teams.includes(ref) || departments.includes(ref),
    ).length,
    'kind=api,relations.apiProvidedBy': apis.length,
    'kind=system,relations.hasPart': systems.filter(s => partOf.has(s)).length,
    'kind=domain,relations.hasPart': domains.filter(d => partOf.has(d)).length,
  };
  return {
    byKind,
    size: all.length,
    stitched,
    filters: {
      owner: [...new Set(owners)].filter(o => teams.includes(o)),
      lifecycle: ['production', 'experimental', 'deprecated'],
      system: systems,
      goldenPath: TYPES.map(t => t[2]),
    },
  };
}

/** Entities as YAML (the subset catalog files use: maps, lists, strings, block text). */
/** @param {Record<string, unknown>} entity */
function toYaml(entity) {
  const scalar = (/** @type {unknown} */ value) =>
    typeof value === 'string' ? JSON.stringify(value) : String(value);
  const key = (/** @type {string} */ k) =>
    /^[A-Za-z0-9_./-]+$/.test(k) ? k : JSON.stringify(k);
  // entry and listItem call each other: declarations, so each is defined before either runs.
  /**
   * @param {string} k
   * @param {unknown} value
   * @param {string} indent
   * @returns {string[]}
   */
  function entry(k, value, indent) {
    if (typeof value === 'string' && value.includes('\n')) {
      return [
        `${indent}${key(k)}: |`,
        ...value
          .trimEnd()
          .split('\n')
          .map(line => `${indent}  ${line}`),
      ];
    }
    if (Array.isArray(value)) {
      if (!value.length) return [`${indent}${key(k)}: []`];
      return [
        `${indent}${key(k)}:`,
        ...value.flatMap(item => listItem(item, `${indent}  `)),
      ];
    }
    if (value && typeof value === 'object') {
      return [
        `${indent}${key(k)}:`,
        ...Object.entries(value).flatMap(([k2, v2]) =>
          entry(k2, v2, `${indent}  `),
        ),
      ];
    }
    return [`${indent}${key(k)}: ${scalar(value)}`];
  }
  /**
   * @param {unknown} item
   * @param {string} indent
   * @returns {string[]}
   */
  function listItem(item, indent) {
    if (item && typeof item === 'object') {
      const lines = Object.entries(item).flatMap(([k, v]) =>
        entry(k, v, `${indent}  `),
      );
      lines[0] = `${indent}- ${lines[0].trimStart()}`;
      return lines;
    }
    return [`${indent}- ${scalar(item)}`];
  }
  return Object.entries(entity)
    .flatMap(([k, v]) => entry(k, v, ''))
    .join('\n');
}

/** Writes the organisation as catalog files of 250 entities and a Location listing them. */
/** @typedef {ReturnType<typeof generateOrganisation>} Organisation */

/**
 * @param {string} dir
 * @param {Organisation} organisation
 */
function writeCatalogFiles(dir, organisation) {
  fs.mkdirSync(dir, { recursive: true });
  const targets = [];
  for (const [kind, entities] of Object.entries(organisation.byKind)) {
    for (let i = 0; i < entities.length; i += 250) {
      const file = `${kind}-${String(i / 250 + 1).padStart(3, '0')}.yaml`;
      fs.writeFileSync(
        path.join(dir, file),
        `${entities
          .slice(i, i + 250)
          .map(toYaml)
          .join('\n---\n')}\n`,
      );
      targets.push(`./${file}`);
    }
  }
  fs.writeFileSync(
    path.join(dir, 'catalog-info.yaml'),
    `${toYaml({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Location',
      metadata: { name: 'generated-organisation' },
      spec: { targets },
    })}\n`,
  );
  return targets.length;
}

/** Serves the catalog files over HTTP, as a Git host would serve a repository's files. */
async function serveFiles(/** @type {string} */ dir) {
  const server = http.createServer((req, res) => {
    const file = path.join(
      dir,
      path.basename(decodeURIComponent(req.url ?? '/')),
    );
    fs.readFile(file, (error, body) => {
      if (error) {
        res.writeHead(404).end();
      } else {
        res.writeHead(200, { 'Content-Type': 'text/yaml' }).end(body);
      }
    });
  });
  await new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => resolve(undefined)),
  );
  return server;
}

// ---------------------------------------------------------------------------------------------
// Measuring one backend

/**
 * @param {string} token
 * @param {string} method
 * @param {string} url
 * @param {unknown} [body]
 * @returns {Promise<any>}
 */
async function call(token, method, url, body) {
  const res = await fetch(`${backendUrl}${url}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok)
    throw new Error(`${method} ${url}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

async function guestToken() {
  const res = await fetch(`${backendUrl}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in failed: HTTP ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

const countOf = async (
  /** @type {string} */ token,
  /** @type {string} */ filter,
) =>
  (
    await call(
      token,
      'GET',
      `/api/catalog/entities/by-query?limit=1&fields=metadata.name&filter=${encodeURIComponent(
        filter,
      )}`,
    )
  ).totalItems;

/**
 * Registers the catalog and waits until every entity is in it with its relations stitched;
 * `cpuSeconds()` tells the CPU time the backend and PostgreSQL have used so far.
 */
/**
 * @param {string} label
 * @param {string} token
 * @param {string} targetUrl
 * @param {Organisation} organisation
 * @param {() => number} cpuSeconds
 */
async function loadCatalog(label, token, targetUrl, organisation, cpuSeconds) {
  const cpuBefore = cpuSeconds();
  const registered = performance.now();
  await call(token, 'POST', '/api/catalog/locations', {
    type: 'url',
    target: targetUrl,
  });
  let allInSeconds;
  let reported = 0;
  // Counting costs the backend a query over the whole catalog: once a second at 10,000
  // entities, less often for larger catalogs (every 5 s at 100,000), the same for both.
  const pollMs = Math.max(1000, organisation.size / 20);
  for (;;) {
    await new Promise(r => setTimeout(r, pollMs));
    const seconds = (performance.now() - registered) / 1000;
    if (seconds > 3600) throw new Error(`${label}: catalog not loaded in 1 h`);
    if (allInSeconds === undefined) {
      const loaded = await countOf(token, GENERATED);
      if (seconds - reported >= 60) {
        reported = seconds;
        log(`${label}: ${loaded} entities in after ${seconds.toFixed(0)} s`);
      }
      if (loaded < organisation.size) continue;
      allInSeconds = seconds;
    }
    let done = true;
    for (const [filter, expected] of Object.entries(organisation.stitched)) {
      if ((await countOf(token, `${GENERATED},${filter}`)) < expected) {
        done = false;
        break;
      }
    }
    if (done) {
      const cpu = cpuSeconds() - cpuBefore;
      log(
        `${label}: ${organisation.size} entities in ${allInSeconds.toFixed(
          1,
        )} s, stitched in ${seconds.toFixed(1)} s, ${cpu.toFixed(0)} CPU s`,
      );
      return { allInSeconds, stitchedSeconds: seconds, cpuSeconds: cpu };
    }
  }
}

/**
 * The services page's requests in the order a team uses it: open the page (facets and the
 * first page), filter by owner, system, lifecycle or golden path, sort by a column, page on.
 * The same seeded sequence for both backends.
 */
/**
 * @param {Organisation} organisation
 * @param {number} count
 */
function pageRequests(organisation, count) {
  const random = prng(42);
  /** @type {<T>(list: T[]) => T} */
  const pick = list => list[Math.floor(random() * list.length)];
  const { filters } = organisation;
  const sorts = ['name', 'owner', 'system', 'lifecycle', 'goldenPath'];
  return Array.from({ length: count }, (_, i) => {
    switch (i % 8) {
      case 0:
        return { facets: true, sort: 'name', order: 'asc' };
      case 1:
        return { owner: `group:default/${pick(filters.owner)}` };
      case 2:
        return { lifecycle: pick(filters.lifecycle) };
      case 3:
        return { system: `system:default/${pick(filters.system)}` };
      case 4:
        return { goldenPath: pick(filters.goldenPath) };
      case 5:
        return { sort: pick(sorts), order: pick(['asc', 'desc']) };
      case 6:
        return {
          owner: `group:default/${pick(filters.owner)}`,
          lifecycle: pick(filters.lifecycle),
        };
      default:
        return { nextPage: true };
    }
  });
}

/**
 * What a request of the page asks, to tell which of them take the time.
 *
 * @param {ReturnType<typeof pageRequests>[number]} request
 */
function requestKind(request) {
  if (request.nextPage) return 'next page';
  if (request.sort) return `sorted by ${request.sort}`;
  return `filtered by ${Object.keys(request).join(' and ')}`;
}

const percentile = (
  /** @type {number[]} */ values,
  /** @type {number} */ p,
) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
};

/**
 * Replays the page's requests through `page` ({ list, facets }) and returns the latencies (ms)
 * of the list requests (first pages and cursors) and of the facets, and how many services the
 * answers held (the same on both backends when they hold the same catalog).
 */
/**
 * @param {ReturnType<typeof servicesPage>} page
 * @param {ReturnType<typeof pageRequests>} requests
 */
async function replay(page, requests) {
  /** @type {number[]} */
  const lists = [];
  /** @type {number[]} */
  const facets = [];
  /** @type {Record<string, number[]>} */
  const byKind = {};
  let services = 0;
  /** @type {string | undefined} */
  let nextCursor;
  for (const [i, request] of requests.entries()) {
    /**
     * @template T
     * @param {number[]} into
     * @param {() => Promise<T>} fn
     */
    const timed = async (into, fn) => {
      const started = performance.now();
      const result = await fn();
      if (i >= warmUpQueries) into.push(performance.now() - started);
      return result;
    };
    if (request.facets) await timed(facets, () => page.facets());
    const { facets: _, nextPage, ...filters } = request;
    const query =
      nextPage && nextCursor
        ? { cursor: nextCursor, limit: pageSize }
        : { sort: 'name', order: 'asc', ...filters, limit: pageSize };
    const started = performance.now();
    const result = await timed(lists, () => page.list(query));
    if (i >= warmUpQueries) {
      const kind = requestKind(request);
      byKind[kind] = [...(byKind[kind] ?? []), performance.now() - started];
    }
    services += result.items.length;
    nextCursor = result.nextCursor;
  }
  return { lists, facets, services, byKind };
}

/**
 * The services page's data as the page reads it: its own code over Backstage's CatalogClient,
 * straight to a backend's catalog, with the guest's token.
 */
function servicesPage(/** @type {string} */ token) {
  const client = new CatalogClient({
    discoveryApi: { getBaseUrl: async () => `${backendUrl}/api/catalog` },
    fetchApi: { fetch },
  });
  const catalog = {
    /** @type {CatalogClient['queryEntities']} */
    queryEntities: request => client.queryEntities(request, { token }),
    /** @type {CatalogClient['getEntitiesByRefs']} */
    getEntitiesByRefs: request => client.getEntitiesByRefs(request, { token }),
    /** @type {CatalogClient['getEntityFacets']} */
    getEntityFacets: request => client.getEntityFacets(request, { token }),
  };
  return {
    list: (/** @type {any} */ request) => listServices(catalog, request),
    facets: () => serviceFacets(catalog),
  };
}

/**
 * One backend on fresh databases: start it, load the catalog as the static token's service,
 * then replay the services page as the guest user (the page's backend serves users only).
 */
/**
 * @param {{ label: 'portal' | 'stock', start: () => ReturnType<typeof startBackend> }} backend
 * @param {string} staticToken
 * @param {{ organisation: Organisation, targetUrl: string, requests: ReturnType<typeof pageRequests>, postgresPid: number }} catalog
 */
async function measure({ label, start }, staticToken, catalog) {
  const { organisation, targetUrl, requests, postgresPid } = catalog;
  await dropBackendDatabases();
  const backend = await start();
  const { pid } = backend.child;
  if (pid === undefined) throw new Error(`the ${label} backend did not start`);
  const cpuSeconds = () => treeCpuSeconds(pid) + treeCpuSeconds(postgresPid);
  try {
    const loading = await loadCatalog(
      label,
      staticToken,
      targetUrl,
      organisation,
      cpuSeconds,
    );
    // What the backend keeps doing with the entities once they are in: the catalog's own
    // refresh loop, and whatever else is scheduled (search indexing, for instance).
    const idleFrom = cpuSeconds();
    await new Promise(r => setTimeout(r, 60_000));
    const backgroundCpuPerMinute = cpuSeconds() - idleFrom;
    // On a shared machine other work slows both figures: the load average says how much.
    const loadWhileProcessing = os.loadavg()[2];
    const token = await guestToken();
    const latencies = await replay(servicesPage(token), requests);
    return {
      loadWhileProcessing,
      loadWhileQuerying: os.loadavg()[0],
      startSeconds: backend.startSeconds,
      ...loading,
      perSecond: organisation.size / loading.stitchedSeconds,
      backgroundCpuPerMinute,
      services: latencies.services,
      listP50: percentile(latencies.lists, 0.5),
      listP95: percentile(latencies.lists, 0.95),
      facetsP50: percentile(latencies.facets, 0.5),
      facetsP95: percentile(latencies.facets, 0.95),
      byKind: Object.entries(latencies.byKind)
        .map(
          ([kind, times]) =>
            `${kind} p50 ${percentile(times, 0.5).toFixed(
              0,
            )} ms p95 ${percentile(times, 0.95).toFixed(0)} ms`,
        )
        .join('; '),
    };
  } catch (error) {
    const failure = /** @type {Error} */ (error);
    failure.message += `\n${label} backend's last output:\n${backend.output()}`;
    throw failure;
  } finally {
    await backend.stop();
  }
}

// ---------------------------------------------------------------------------------------------

const work = makeWorkDir('portal-catalog-bench-');
const stockDir = stockAppDir(work);
const postgres = await startPostgres(path.join(work, 'postgres'));
const organisation = generateOrganisation(total);
const catalogDir = path.join(work, 'catalog');
const files = writeCatalogFiles(catalogDir, organisation);
const fileServer = await serveFiles(catalogDir);
try {
  await ensureStockApp(stockDir);
  const filesPort = /** @type {import('node:net').AddressInfo} */ (
    fileServer.address()
  ).port;
  log(
    `${organisation.size} entities in ${files} files, served on :${filesPort}`,
  );
  // Each backend runs with its production configuration (app-config.yaml, then
  // app-config.production.yaml: a catalog of this size is a production catalog), then
  // this file: the benchmarks' port, a static token for loading and counting, any kind from
  // the generated location and nothing else in the catalog (each app's sample data stays
  // out), and the guest sign-in of development, since the services page serves users only.
  const staticToken = randomBytes(24).toString('hex');
  const benchConfig = path.join(work, 'catalog-bench.yaml');
  fs.writeFileSync(
    benchConfig,
    [
      'backend:',
      `  baseUrl: http://localhost:${port}`,
      `  listen: ':${port}'`, // a string, as in the production configs
      '  auth:',
      '    externalAccess:',
      '      - type: static',
      '        options:',
      `          token: ${staticToken}`,
      '          subject: catalog-bench',
      '  reading:',
      '    allow:',
      `      - host: 127.0.0.1:${filesPort}`,
      'catalog:',
      // The first ingestion only: entities loaded early are not processed again meanwhile.
      '  processingInterval: { minutes: 30 }',
      '  rules:',
      '    - allow: [Component, API, Resource, System, Domain, Group, User, Location]',
      '  locations: []',
      'auth:',
      '  environment: development',
      'techdocs:',
      '  publisher:',
      '    local:',
      `      publishDirectory: ${path.join(work, 'techdocs')}`,
      '',
    ].join('\n'),
  );
  const catalog = {
    organisation,
    targetUrl: `http://127.0.0.1:${filesPort}/catalog-info.yaml`,
    requests: pageRequests(organisation, queries + warmUpQueries),
    // EmbeddedPostgres keeps its server process to itself; its CPU time is part of the figures.
    postgresPid: /** @type {any} */ (postgres).process.pid,
  };
  /** @type {Parameters<typeof measure>[0][]} */
  const backends = [
    {
      label: 'portal',
      start: () =>
        startBackend(
          'portal',
          root,
          portalDatabaseEnv,
          configArgs('../../app-config.production.yaml', benchConfig),
          { watch: false },
        ),
    },
    {
      label: 'stock',
      start: () =>
        startBackend(
          'stock',
          stockDir,
          {},
          configArgs(
            '../../app-config.production.yaml',
            '../../app-config.local.yaml', // its database: our PostgreSQL
            benchConfig,
          ),
          { watch: false },
        ),
    },
  ];

  /** @type {Record<'portal' | 'stock', Awaited<ReturnType<typeof measure>>[]>} */
  const runs = { portal: [], stock: [] };
  for (let round = 1; round <= rounds; round += 1) {
    log(`round ${round} of ${rounds}`);
    for (const backend of backends) {
      const r = await measure(backend, staticToken, catalog);
      runs[backend.label].push(r);
      log(
        `${backend.label}: processed in ${r.stitchedSeconds.toFixed(1)} s ` +
          `(${r.perSecond.toFixed(0)}/s, ${r.cpuSeconds.toFixed(0)} CPU s), ` +
          `${r.backgroundCpuPerMinute.toFixed(
            1,
          )} CPU s a minute once loaded, ` +
          `services p50 ${r.listP50.toFixed(1)} ms p95 ${r.listP95.toFixed(
            1,
          )} ms, ` +
          `facets p95 ${r.facetsP95.toFixed(1)} ms; machine load average ` +
          `${r.loadWhileProcessing.toFixed(1)} (15 min, after processing), ` +
          `${r.loadWhileQuerying.toFixed(1)} (1 min, after the queries)`,
      );
      log(`${backend.label}: services page requests: ${r.byKind}`);
    }
    if (runs.portal.at(-1)?.services !== runs.stock.at(-1)?.services)
      throw new Error('the two backends answered the page with different rows');
  }
  /** @typedef {'stitchedSeconds' | 'perSecond' | 'cpuSeconds' | 'listP50' | 'listP95' | 'facetsP95'} Figure */
  const of = (
    /** @type {'portal' | 'stock'} */ label,
    /** @type {Figure} */ key,
  ) => median(runs[label].map(r => r[key]));
  /**
   * @param {string} name
   * @param {Figure} key
   * @param {number} target
   * @param {number} digits
   * @returns {[string, number, number, number, number, number]}
   */
  const row = (name, key, target, digits, higherIsBetter = false) => {
    const ours = of('portal', key);
    const stock = of('stock', key);
    return [
      name,
      ours,
      stock,
      target,
      digits,
      higherIsBetter ? stock / ours : ours / stock,
    ];
  };
  printComparison(
    `Backstage ${backstageVersion}, Node ${process.version}, ${
      os.cpus().length
    } cores, ${
      organisation.size
    } entities, ${queries} page requests, median of ${rounds} rounds ` +
      '(ratio: this portal’s time over the stock app’s; for throughput, stock over ours)',
    [
      row('catalog processed and stitched (s)', 'stitchedSeconds', TARGET, 1),
      row('processing throughput (entities/s)', 'perSecond', TARGET, 0, true),
      row(
        'CPU time to process, backend + PostgreSQL (s)',
        'cpuSeconds',
        TARGET,
        0,
      ),
      row('services page query p50 (ms)', 'listP50', TARGET, 1),
      row('services page query p95 (ms)', 'listP95', TARGET, 1),
      row('services page facets p95 (ms)', 'facetsP95', TARGET, 1),
    ],
  );
} finally {
  fileServer.close();
  await postgres.stop();
  if (!process.env.BENCH_KEEP)
    fs.rmSync(work, { recursive: true, force: true });
}
