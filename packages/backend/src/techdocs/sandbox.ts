import { spawn, spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';

/**
 * How the generator is cut off from the network: `unshare --net` (as root) or
 * `unshare --map-root-user --net` (an unprivileged user namespace) gives mkdocs a network
 * namespace with only a loopback interface. Where neither is permitted (for example a container
 * without CAP_SYS_ADMIN under Docker's default seccomp profile) the build still runs, with the
 * clean environment only, and the backend logs a warning once.
 */
export type NetworkIsolation =
  | { prefix: string[] }
  | { prefix: []; reason: string };

const UNSHARE_VARIANTS = [
  ['unshare', '--net', '--'],
  ['unshare', '--map-root-user', '--net', '--'],
];

export function detectNetworkIsolation(): NetworkIsolation {
  const reasons: string[] = [];
  for (const prefix of UNSHARE_VARIANTS) {
    const probe = spawnSync(prefix[0], [...prefix.slice(1), 'true'], {
      env: minimalEnvironment('/tmp'),
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 5000,
    });
    if (probe.status === 0) return { prefix };
    reasons.push(
      `${prefix.slice(0, -1).join(' ')}: ${
        probe.error?.message ?? probe.stderr?.toString().trim() ?? probe.status
      }`,
    );
  }
  return { prefix: [], reason: reasons.join('; ') };
}

/**
 * The whole environment of a generator run. Nothing is inherited from the backend, whose
 * environment holds the database password, GitHub tokens and client secrets; proxy variables
 * are left out too. HOME and TMPDIR point into the run's own directory.
 */
export function minimalEnvironment(workDir: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: workDir,
    TMPDIR: workDir,
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    // No user site-packages and no byte-code written next to the sources.
    PYTHONNOUSERSITE: '1',
    PYTHONDONTWRITEBYTECODE: '1',
  };
}

export type SandboxedRun = {
  command: string;
  args: string[];
  /** The run's own temporary directory: its cwd, HOME and TMPDIR. */
  workDir: string;
  isolation: NetworkIsolation;
  logStream?: Writable;
  timeoutMs: number;
};

/**
 * Runs a command with an argument list (no shell), the minimal environment, `cwd` in its own
 * directory and, where available, no network. Rejects on a non-zero exit or after the timeout,
 * when the process is killed.
 */
export function runSandboxed(run: SandboxedRun): Promise<void> {
  const [command, ...args] = [
    ...run.isolation.prefix,
    run.command,
    ...run.args,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: run.workDir,
      env: minimalEnvironment(run.workDir),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `${run.command} took longer than ${
            run.timeoutMs / 1000
          } s and was stopped`,
        ),
      );
    }, run.timeoutMs);
    child.stdout.on('data', chunk => run.logStream?.write(chunk));
    child.stderr.on('data', chunk => run.logStream?.write(chunk));
    child.on('error', error => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', code => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${run.command} failed, exit code ${code}`));
    });
  });
}
