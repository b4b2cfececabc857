import { ChildProcessByStdio, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { Readable, Writable } from 'node:stream';

/** A port on which, for a moment, nothing listens. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

type Answer = { command: string; ok: boolean; ms?: number; error?: string };

/**
 * The drill's own PostgreSQL: a fresh cluster in a temporary folder, on a free port, that the
 * drill stops and starts. Never the machine's shared server.
 */
export class DrillPostgres {
  static async create(): Promise<DrillPostgres> {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fault-drill-'));
    // Under root the server runs as the `postgres` user, who must reach the data folder.
    fs.chmodSync(workDir, 0o755);
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [
        path.join(__dirname, 'postgresServer.mjs'),
        path.join(workDir, 'data'),
        String(port),
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const postgres = new DrillPostgres(child, workDir, port);
    await postgres.start();
    return postgres;
  }

  private readonly answers: Answer[] = [];
  private waiting?: (answer: Answer) => void;

  private constructor(
    private readonly child: ChildProcessByStdio<Writable, Readable, null>,
    private readonly workDir: string,
    readonly port: number,
  ) {
    readline.createInterface({ input: child.stdout }).on('line', line => {
      const answer = JSON.parse(line) as Answer;
      if (this.waiting) this.waiting(answer);
      else this.answers.push(answer);
    });
    child.once('exit', code => {
      this.waiting?.({
        command: 'exit',
        ok: false,
        error: `the server's process ended (exit code ${code})`,
      });
    });
  }

  get connection() {
    return {
      host: '127.0.0.1',
      port: this.port,
      user: 'postgres',
      password: 'postgres',
    };
  }

  /** Starts the server (initialising the cluster the first time); resolves once it accepts connections. */
  start(): Promise<number> {
    return this.send('start');
  }

  /** Stops the server the way an orchestrator does (fast shutdown: sessions are cut). */
  stop(): Promise<number> {
    return this.send('stop');
  }

  /** Stops the server for good and removes its data. */
  async destroy(): Promise<void> {
    const exited = new Promise(resolve => this.child.once('exit', resolve));
    this.child.stdin.end();
    await exited;
    fs.rmSync(this.workDir, { recursive: true, force: true });
  }

  private async send(command: 'start' | 'stop'): Promise<number> {
    const answer = new Promise<Answer>(resolve => {
      const queued = this.answers.shift();
      if (queued) resolve(queued);
      else this.waiting = resolve;
    });
    this.child.stdin.write(`${command}\n`);
    const { ok, ms, error } = await answer;
    this.waiting = undefined;
    if (!ok) throw new Error(`PostgreSQL ${command}: ${error}`);
    return ms ?? 0;
  }
}
