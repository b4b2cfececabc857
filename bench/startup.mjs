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
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  backstageVersion,
  log,
  makeWorkDir,
  median,
  configArgs,
  portalDatabaseEnv,
  prepareStockApp,
  printComparison,
  root,
  sh,
  startBackend,
  startPostgres,
  stockAppDir,
  treeRssKb,
  writePortConfig,
} from './lib/backends.mjs';

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

/** @param {string} appDir */
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

/**
 * @param {string} label
 * @param {string} dir
 * @param {Record<string, string>} env
 * @param {string[]} [extraArgs]
 */
async function measureBackend(label, dir, env, extraArgs = []) {
  const backend = await startBackend(label, dir, env, extraArgs);
  try {
    await new Promise(r => setTimeout(r, 10_000));
    const { pid } = backend.child;
    if (pid === undefined)
      throw new Error(`the ${label} backend did not start`);
    const rssMb = treeRssKb(pid) / 1024;
    return { startSeconds: backend.startSeconds, rssMb };
  } finally {
    await backend.stop();
  }
}

const work = makeWorkDir('portal-bench-');
const stockDir = stockAppDir(work);
if (process.argv.includes('--prepare-stock')) {
  // Only create, install and build the stock app (into BENCH_STOCK_DIR), e.g. ahead of time.
  await prepareStockApp(stockDir);
  sh('yarn workspace app build', stockDir);
  process.exit(0);
}
const postgres = await startPostgres(path.join(work, 'postgres'));
try {
  if (!fs.existsSync(path.join(stockDir, 'packages/app/dist/index.html'))) {
    await prepareStockApp(stockDir);
    log('building the stock frontend for production');
    sh('yarn workspace app build', stockDir);
  }
  log('building our frontend for production');
  sh('yarn workspace app build');

  const portalArgs = configArgs(writePortConfig(work));

  // Alternate the two apps so that background load on the machine affects both alike; each
  // figure is the median of its rounds.
  /** @type {Record<'portal' | 'stock', { startSeconds: number, rssMb: number }[]>} */
  const runs = { portal: [], stock: [] };
  for (let round = 1; round <= rounds; round += 1) {
    log(`round ${round} of ${rounds}`);
    runs.portal.push(
      await measureBackend('portal', root, portalDatabaseEnv, portalArgs),
    );
    runs.stock.push(await measureBackend('stock', stockDir, {}));
  }
  const summarise = (
    /** @type {{ startSeconds: number, rssMb: number }[]} */ list,
  ) => ({
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

  printComparison(
    `Backstage ${backstageVersion}, Node ${process.version}, ${
      os.cpus().length
    } cores, median of ${rounds} rounds`,
    [
      [
        'backend start → ready (s)',
        ours.startSeconds,
        stock.startSeconds,
        1.25,
        1,
      ],
      ['backend RSS after start (MB)', ours.rssMb, stock.rssMb, 1.25, 0],
      ['initial JavaScript (bytes)', ours.initialJs, stock.initialJs, 1.1, 0],
    ],
  );
} finally {
  await postgres.stop();
  if (!process.env.BENCH_KEEP)
    fs.rmSync(work, { recursive: true, force: true });
}
