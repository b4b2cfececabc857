#!/usr/bin/env node
// Compiles each workspace package's config.d.ts into the config.schema.json next to it, the
// way `backstage-cli package pack` does for published Backstage packages, so that starting the
// portal reads JSON schemas instead of building a TypeScript program every time.
// See docs/decisions/config-schemas.md.
//
//   node scripts/config-schemas.mjs           write the schemas (and point package.json at them)
//   node scripts/config-schemas.mjs --check   exit 1, naming the packages, when one is stale
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const SOURCE = 'config.d.ts';
const GENERATED = 'config.schema.json';

const root = fs.realpathSync(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'),
);
const check = process.argv.includes('--check');

/**
 * @typedef {{ name: string, version: string, configSchema?: string, files?: string[] }} PackageJson
 * @typedef {{ dir: string, pkg: PackageJson }} WorkspacePackage
 */

// The config loader that Backstage's packer uses: @backstage/cli → cli-module-build → config-loader.
const requireFrom = (
  /** @type {string} */ request,
  /** @type {string} */ from,
) => createRequire(from).resolve(`${request}/package.json`);
const cliPkg = requireFrom('@backstage/cli', path.join(root, 'package.json'));
const buildPkg = requireFrom('@backstage/cli-module-build', cliPkg);
const { loadConfigSchema } = createRequire(buildPkg)(
  '@backstage/config-loader',
);
const prettier = createRequire(path.join(root, 'package.json'))('prettier');

/** @returns {WorkspacePackage[]} */
function workspacePackages() {
  const { workspaces } = readJson(path.join(root, 'package.json'));
  /** @type {string[]} */
  const patterns = Array.isArray(workspaces) ? workspaces : workspaces.packages;
  return patterns
    .flatMap(pattern => {
      if (!pattern.endsWith('/*')) return [path.join(root, pattern)];
      const parent = path.join(root, pattern.slice(0, -2));
      return fs.readdirSync(parent).map(name => path.join(parent, name));
    })
    .filter(dir => fs.existsSync(path.join(dir, 'package.json')))
    .map(dir => ({ dir, pkg: readJson(path.join(dir, 'package.json')) }));
}

/**
 * @param {string} file
 * @returns {any}
 */
function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Same call as the packer's compilePackageConfigSchemas. The loader reads the schema path
 * from package.json, which points at the generated JSON, so it is handed stand-in
 * package.json files that point at each config.d.ts instead. The working directory is the
 * repository root, so the generated definition names do not depend on where this runs from.
 */
/**
 * @param {WorkspacePackage[]} packages
 * @returns {Promise<unknown[]>}
 */
async function compile(packages) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'config-schemas-'));
  const previousDir = process.cwd();
  try {
    const packagePaths = packages.map(({ dir, pkg }, index) => {
      const file = path.join(tmp, String(index), 'package.json');
      fs.mkdirSync(path.dirname(file));
      fs.writeFileSync(
        file,
        JSON.stringify({
          name: pkg.name,
          version: pkg.version,
          configSchema: path.join(dir, SOURCE),
        }),
      );
      return file;
    });
    process.chdir(root);
    const schema = await loadConfigSchema({
      dependencies: [],
      packagePaths,
      excludePackageDependencies: true,
    });
    const compiled = new Map();
    for (const entry of schema.serialize().schemas) {
      compiled.set(path.resolve(root, entry.path), entry.value);
    }
    return packages.map(({ dir, pkg }) => {
      const value = compiled.get(path.join(dir, SOURCE));
      if (!value) throw new Error(`${pkg.name}: ${SOURCE} did not compile`);
      return value;
    });
  } finally {
    process.chdir(previousDir);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * @param {unknown} value
 * @param {string} file
 */
function format(value, file) {
  const options = prettier.resolveConfig.sync(file) ?? {};
  return prettier.format(JSON.stringify(value, null, 2), {
    ...options,
    filepath: file,
  });
}

/**
 * What is wrong with the package.json of a package that has a config.d.ts.
 *
 * @param {PackageJson} pkg
 */
function wiringProblems(pkg) {
  const problems = [];
  if (pkg.configSchema !== GENERATED) {
    problems.push(`"configSchema" is not "${GENERATED}"`);
  }
  for (const file of [SOURCE, GENERATED]) {
    if (!pkg.files?.includes(file)) problems.push(`"files" lacks ${file}`);
  }
  return problems;
}

/** @param {PackageJson} pkg */
function wire(pkg) {
  const files = (pkg.files ?? []).filter(f => f !== SOURCE && f !== GENERATED);
  return {
    ...pkg,
    files: [...files, SOURCE, GENERATED],
    configSchema: GENERATED,
  };
}

/**
 * @param {string} file
 * @param {unknown} value
 */
function sameJson(file, value) {
  if (!fs.existsSync(file)) return false;
  try {
    return JSON.stringify(readJson(file)) === JSON.stringify(value);
  } catch {
    return false;
  }
}

async function main() {
  const all = workspacePackages();
  const packages = all.filter(({ dir }) =>
    fs.existsSync(path.join(dir, SOURCE)),
  );
  const orphans = all.filter(
    ({ dir }) =>
      fs.existsSync(path.join(dir, GENERATED)) &&
      !fs.existsSync(path.join(dir, SOURCE)),
  );
  const values = await compile(packages);

  const problems = orphans.map(
    ({ pkg }) =>
      `${pkg.name}: ${GENERATED} has no ${SOURCE} to be compiled from`,
  );
  /** @type {string[]} */
  const written = [];
  packages.forEach(({ dir, pkg }, index) => {
    const target = path.join(dir, GENERATED);
    const upToDate = sameJson(target, values[index]);
    const wiring = wiringProblems(pkg);
    if (check) {
      if (!upToDate) {
        problems.push(`${pkg.name}: ${GENERATED} is stale or missing`);
      }
      for (const problem of wiring) {
        problems.push(`${pkg.name}: package.json ${problem}`);
      }
      return;
    }
    if (!upToDate) {
      fs.writeFileSync(target, format(values[index], target));
      written.push(path.relative(root, target));
    }
    if (wiring.length > 0) {
      const pkgFile = path.join(dir, 'package.json');
      fs.writeFileSync(pkgFile, `${JSON.stringify(wire(pkg), null, 2)}\n`);
      written.push(path.relative(root, pkgFile));
    }
  });

  if (problems.length > 0) {
    console.error(
      `${problems.join(
        '\n',
      )}\nRun ./portal config:schemas and commit the result.`,
    );
    process.exitCode = 1;
    return;
  }
  const names = packages.map(({ pkg }) => pkg.name).join(', ');
  if (check) {
    console.log(`Config schemas up to date: ${names}`);
  } else {
    console.log(
      written.length > 0
        ? `Wrote ${written.join(', ')}`
        : `Config schemas already up to date: ${names}`,
    );
  }
}

await main();
