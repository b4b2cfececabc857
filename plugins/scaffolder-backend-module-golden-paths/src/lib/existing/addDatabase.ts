import { Document, isMap, isSeq, YAMLMap } from 'yaml';
import { databaseResourceName } from '../names';
import {
  alreadyHas,
  CATALOG_INFO,
  DEPLOYMENT,
  describeChange,
  insertLike,
  mapAt,
  notInShape,
  readCatalogInfo,
  readYaml,
  recordTemplateValue,
  requireFile,
  requireSupportedTemplate,
  seqAt,
  ServiceChange,
  ServiceFiles,
  yamlDocumentsText,
  yamlText,
} from './serviceFiles';

const PACKAGE_JSON = 'package.json';
const CONFIG_TS = 'src/config.ts';
const INDEX_TS = 'src/index.ts';
const DATABASE_TS = 'src/database/database.ts';

/** The versions the typescript-service template uses for a service with a database. */
export const PG_VERSIONS = { pg: '^8.13.0', '@types/pg': '^8.11.10' };

function databaseModule(name: string): string {
  return `import pg from 'pg';

/**
 * The service's PostgreSQL database. The connection string comes from DATABASE_URL, which the
 * Kubernetes Deployment reads from the \`${databaseResourceName(
   name,
 )}\` secret.
 */
export function createDatabase(databaseUrl: string | undefined) {
  const pool = databaseUrl
    ? new pg.Pool({ connectionString: databaseUrl, max: 10, idleTimeoutMillis: 30_000 })
    : undefined;
  return {
    /** Readiness check: a trivial query. */
    async ping(): Promise<void> {
      if (!pool) throw new Error('DATABASE_URL is not set');
      await pool.query('select 1');
    },
    async close(): Promise<void> {
      await pool?.end();
    },
  };
}
`;
}

/** Inserts `line` after the one line matching `anchor`, with that line's indentation. */
function insertAfter(
  file: string,
  text: string,
  anchor: RegExp,
  line: string,
  what: string,
): string {
  const lines = text.split('\n');
  const matches = lines.flatMap((l, i) => (anchor.test(l) ? [i] : []));
  if (matches.length !== 1) {
    throw notInShape(
      file,
      `expected exactly one line like ${anchor.source} (${what}), found ${matches.length}`,
    );
  }
  const at = matches[0];
  const indent = /^\s*/.exec(lines[at])![0];
  lines.splice(at + 1, 0, `${indent}${line}`);
  return lines.join('\n');
}

function sortedWith(
  record: Record<string, string> | undefined,
  additions: Record<string, string>,
): Record<string, string> {
  const merged = { ...(record ?? {}), ...additions };
  return Object.fromEntries(
    Object.keys(merged)
      .sort()
      .map(key => [key, merged[key]]),
  );
}

function editPackageJson(text: string): string {
  let pkg: any;
  try {
    pkg = JSON.parse(text);
  } catch (error) {
    throw notInShape(PACKAGE_JSON, (error as Error).message);
  }
  if (!pkg || typeof pkg !== 'object' || Array.isArray(pkg)) {
    throw notInShape(PACKAGE_JSON, 'it is not a JSON object');
  }
  pkg.dependencies = sortedWith(pkg.dependencies, { pg: PG_VERSIONS.pg });
  pkg.devDependencies = sortedWith(pkg.devDependencies, {
    '@types/pg': PG_VERSIONS['@types/pg'],
  });
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

function editConfig(text: string): string {
  const typed = insertAfter(
    CONFIG_TS,
    text,
    /^\s*logLevel: .*;\s*$/,
    '/** PostgreSQL connection string, e.g. postgres://user:password@host:5432/db */\n  databaseUrl: string | undefined;',
    'the logLevel field of the Config type',
  );
  return insertAfter(
    CONFIG_TS,
    typed,
    /^\s*logLevel: level,\s*$/,
    'databaseUrl: env.DATABASE_URL,',
    'logLevel in the object readConfig returns',
  );
}

function editIndex(text: string): string {
  if (/\bready:/.test(text)) {
    throw notInShape(
      INDEX_TS,
      'createApp already has a readiness check (ready:); add the database to it by hand',
    );
  }
  let out = insertAfter(
    INDEX_TS,
    text,
    /^import \{ readConfig \} from '\.\/config\.js';$/,
    "import { createDatabase } from './database/database.js';",
    'the import of readConfig',
  );
  out = insertAfter(
    INDEX_TS,
    out,
    /^const logger = createLogger\(/,
    'const database = createDatabase(config.databaseUrl);',
    'the logger created from the config',
  );
  out = insertAfter(
    INDEX_TS,
    out,
    /^\s*metrics: createMetrics\(\),$/,
    'ready: () => database.ping(),',
    'the metrics passed to createApp',
  );
  return insertAfter(
    INDEX_TS,
    out,
    /^\s*server\.close\(async \(\) => \{$/,
    '  await database.close();',
    'the graceful shutdown',
  );
}

/** Adds DATABASE_URL from the Secret `<name>-db` to the service's container. */
function editDeployment(text: string, name: string): string {
  const doc = readYaml({ read: () => text }, DEPLOYMENT);
  if (doc.get('kind') !== 'Deployment') {
    throw notInShape(DEPLOYMENT, 'it is not a Deployment');
  }
  const containers = seqAt(doc, DEPLOYMENT, [
    'spec',
    'template',
    'spec',
    'containers',
  ]);
  const container =
    containers.items.find(item => isMap(item) && item.get('name') === name) ??
    (containers.items.length === 1 ? containers.items[0] : undefined);
  if (!isMap(container)) {
    throw notInShape(
      DEPLOYMENT,
      `spec.template.spec.containers has no container named ${name}`,
    );
  }
  let env = (container as YAMLMap).get('env', true);
  if (env === undefined) {
    (container as YAMLMap).set('env', doc.createNode([]));
    env = (container as YAMLMap).get('env', true);
  }
  if (!isSeq(env)) {
    throw notInShape(DEPLOYMENT, `the env of container ${name} is not a list`);
  }
  env.add(
    doc.createNode({
      name: 'DATABASE_URL',
      valueFrom: {
        secretKeyRef: {
          name: databaseResourceName(name),
          key: 'url',
          optional: true,
        },
      },
    }),
  );
  return yamlText(doc);
}

function editCatalogInfo(text: string, name: string): string {
  const { docs, component } = readCatalogInfo({ read: () => text }, name);
  const owner = component.getIn(['spec', 'owner']);
  const system = component.getIn(['spec', 'system']);
  if (typeof owner !== 'string') {
    throw notInShape(CATALOG_INFO, `the Component ${name} has no spec.owner`);
  }
  mapAt(component, CATALOG_INFO, ['spec']);
  recordTemplateValue(component, 'database', () => true);
  insertLike(
    component,
    seqAt(component, CATALOG_INFO, ['spec', 'dependsOn'], true),
    `resource:${databaseResourceName(name)}`,
  );
  const doc = new Document({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: databaseResourceName(name),
      description: `PostgreSQL database of ${name}`,
    },
    spec: {
      type: 'database',
      owner,
      ...(typeof system === 'string' ? { system } : {}),
    },
  });
  return yamlDocumentsText([...docs, doc]);
}

/** Why the service already has a database, or undefined. */
function existingDatabase(
  files: ServiceFiles,
  name: string,
): string | undefined {
  const catalogInfo = files.read(CATALOG_INFO) ?? '';
  if (catalogInfo.includes(`resource:${databaseResourceName(name)}`)) {
    return `${CATALOG_INFO} depends on resource:${databaseResourceName(name)}`;
  }
  if (files.read(DATABASE_TS) !== undefined) return `${DATABASE_TS} exists`;
  const pkg = files.read(PACKAGE_JSON) ?? '';
  if (/"pg"\s*:/.test(pkg)) return `${PACKAGE_JSON} depends on pg`;
  if ((files.read(DEPLOYMENT) ?? '').includes('DATABASE_URL')) {
    return `${DEPLOYMENT} sets DATABASE_URL`;
  }
  return undefined;
}

/**
 * Gives a typescript-service a PostgreSQL database, as the template does for a new one: the pg
 * client, the readiness check on the database, DATABASE_URL from the Secret `<name>-db` in the
 * Deployment, and the catalog Resource `<name>-db` the component depends on.
 */
export function addDatabase(files: ServiceFiles, name: string): ServiceChange {
  requireSupportedTemplate(files, name, 'add-database');
  const existing = existingDatabase(files, name);
  if (existing) throw alreadyHas(name, 'a database', existing);
  const changed = new Map<string, string>([
    [PACKAGE_JSON, editPackageJson(requireFile(files, PACKAGE_JSON))],
    [CONFIG_TS, editConfig(requireFile(files, CONFIG_TS))],
    [INDEX_TS, editIndex(requireFile(files, INDEX_TS))],
    [DATABASE_TS, databaseModule(name)],
    [DEPLOYMENT, editDeployment(requireFile(files, DEPLOYMENT), name)],
    [CATALOG_INFO, editCatalogInfo(requireFile(files, CATALOG_INFO), name)],
  ]);
  const resource = databaseResourceName(name);
  return {
    files: changed,
    title: `Add a PostgreSQL database to ${name}`,
    description: describeChange({
      why: `${name} gets a PostgreSQL database through the portal's golden path, wired as the typescript-service template wires a new service's: the database and its login role are created per environment, and the credentials are in the Secret \`${resource}\` that the Deployment reads.`,
      changes: [
        [PACKAGE_JSON, 'the `pg` client and its types'],
        [DATABASE_TS, 'a connection pool and its readiness check (`select 1`)'],
        [CONFIG_TS, '`databaseUrl` read from `DATABASE_URL`'],
        [
          INDEX_TS,
          '`/readyz` waits for the database; the pool closes on shutdown',
        ],
        [
          DEPLOYMENT,
          `\`DATABASE_URL\` from the Secret \`${resource}\` (key \`url\`)`,
        ],
        [
          CATALOG_INFO,
          `the Resource \`${resource}\` and the component's \`dependsOn\` on it`,
        ],
      ],
      after: [
        'Run `npm install` to update the lock file if the repository has one.',
        '`/readyz` answers 503 until the database answers, so a pod without it leaves the Service.',
      ],
    }),
  };
}
