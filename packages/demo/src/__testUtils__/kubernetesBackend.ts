import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * Starts Backstage's Kubernetes backend (as the portal's backend loads it) with `config` and a
 * catalog of `entities`, in a child process; answers its base URL.
 */
export async function startKubernetesBackend(
  config: object,
  entities: object[],
) {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(__dirname, 'kubernetesBackend.cjs'),
      JSON.stringify({ config, entities }),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', d => {
      out += d;
      const port = /PORT=(\d+)/.exec(out)?.[1];
      if (port) ok(`http://127.0.0.1:${port}`);
    });
    child.stderr!.on('data', d => {
      err += d;
    });
    child.on('exit', code =>
      fail(new Error(`the Kubernetes backend exited (${code}): ${err}`)),
    );
  });
  return {
    url,
    stop: () =>
      new Promise<void>(resolve => {
        if (child.exitCode !== null) resolve();
        else {
          child.once('exit', () => resolve());
          child.kill();
        }
      }),
  };
}
