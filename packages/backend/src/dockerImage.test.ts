import fs from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../..');

type Instruction = { keyword: string; args: string };
type Stage = { name?: string; base: string; instructions: Instruction[] };

/** Splits a Dockerfile into stages of instructions (continuations joined, comments dropped). */
function parseDockerfile(text: string): Stage[] {
  const logicalLines: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    if (/^\s*#/.test(line)) continue;
    if (line.trimEnd().endsWith('\\')) {
      current += `${line.trimEnd().slice(0, -1)} `;
      continue;
    }
    current += line;
    if (current.trim()) logicalLines.push(current.trim());
    current = '';
  }
  const stages: Stage[] = [];
  for (const line of logicalLines) {
    const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line)!;
    if (keyword.toUpperCase() === 'FROM') {
      const [, base, name] = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(args)!;
      stages.push({ base, name, instructions: [] });
    } else {
      stages[stages.length - 1].instructions.push({
        keyword: keyword.toUpperCase(),
        args,
      });
    }
  }
  return stages;
}

/** Debian packages an `apt-get install` of the stage asks for. */
function installedPackages(stage: Stage): string[] {
  return stage.instructions
    .filter(i => i.keyword === 'RUN')
    .flatMap(i =>
      [...i.args.matchAll(/apt-get install((?:\s+[^&|;]+)+)/g)].flatMap(m =>
        m[1].split(/\s+/).filter(word => word && !word.startsWith('-')),
      ),
    );
}

const COMPILERS_AND_BUILD_TOOLS = [
  'build-essential',
  'g++',
  'gcc',
  'make',
  'clang',
  'python3-dev',
  'libc6-dev',
  'node-gyp',
];

describe('the production image (Dockerfile)', () => {
  const stages = parseDockerfile(
    fs.readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8'),
  );
  const runtime = stages[stages.length - 1];
  const last = (keyword: string) =>
    [...runtime.instructions].reverse().find(i => i.keyword === keyword);

  it('builds in several stages', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    // Native modules still compile, in a stage that is not shipped.
    expect(
      stages
        .slice(0, -1)
        .some(stage => installedPackages(stage).includes('build-essential')),
    ).toBe(true);
  });

  it('ships no compiler or build tool in the runtime stage', () => {
    const installed = installedPackages(runtime);
    expect(installed).toEqual(
      expect.arrayContaining(['mkdocs', 'git', 'tini']),
    );
    expect(
      installed.filter(name => COMPILERS_AND_BUILD_TOOLS.includes(name)),
    ).toEqual([]);
    // Nor does it run an install that would need them.
    const runs = runtime.instructions.filter(i => i.keyword === 'RUN');
    for (const run of runs) {
      expect(run.args).not.toMatch(
        /yarn (install|workspaces focus)|npm (ci|install)/,
      );
    }
  });

  it('runs tini as PID 1, so git and mkdocs children are reaped', () => {
    expect(JSON.parse(last('ENTRYPOINT')!.args)).toEqual(['tini', '--']);
    expect(JSON.parse(last('CMD')!.args)[0]).toBe('node');
  });

  it('checks liveness, so a database outage does not get every replica replaced', () => {
    const check = last('HEALTHCHECK')!.args;
    expect(check).toContain('/.backstage/health/v1/liveness');
    expect(check).not.toContain('readiness');
  });

  it('runs as a non-root user', () => {
    const user = last('USER')?.args;
    expect(user).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user);
    const userIndex = runtime.instructions.indexOf(last('USER')!);
    expect(userIndex).toBeLessThan(runtime.instructions.indexOf(last('CMD')!));
  });

  it('copies only from stages it defines', () => {
    const names = stages.map(stage => stage.name).filter(Boolean);
    const sources = stages
      .flatMap(stage => stage.instructions)
      .filter(i => i.keyword === 'COPY')
      .flatMap(copy => /--from=(\S+)/.exec(copy.args)?.[1] ?? []);
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.filter(source => !names.includes(source))).toEqual([]);
  });
});
