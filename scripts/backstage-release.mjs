#!/usr/bin/env node
// Finds, from the npm registry alone, the Backstage releases newer than the one in yarn.lock
// and whether the registry holds each of them completely for the @backstage/* packages the
// portal uses. Backstage's release manifests (versions.backstage.io) are not needed: every
// package version names the @backstage/cli it was built with, and that names its release.
// See docs/upgrading-backstage.md.
//
//   node scripts/backstage-release.mjs               each release: complete, or what is missing
//   node scripts/backstage-release.mjs --versions    also the versions of the newest complete one
//   node scripts/backstage-release.mjs --apply       move to the newest complete release (or hold
//     ours): every workspace's @backstage/* ranges become ^<release version>, and the root
//     package.json `resolutions` pin each @backstage/* package to it, so no range can pull a
//     version of a newer, partly published release into yarn.lock. Then run `yarn install`.
//   --registry <url>   instead of the npm configuration's registry
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  compareVersions,
  formatTable,
  lockedBackstageVersions,
  parseVersion,
  planRelease,
  releaseOf,
  releaseSet,
} from './lib/backstage-versions.mjs';
import { fetchPackuments, registryUrl } from './lib/npm-registry.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const showVersions = args.includes('--versions');
const apply = args.includes('--apply');
const registry = registryUrl(args);

const locked = lockedBackstageVersions(
  fs.readFileSync(path.join(root, 'yarn.lock'), 'utf8'),
);
const backstageJson = JSON.parse(
  fs.readFileSync(path.join(root, 'backstage.json'), 'utf8'),
);
const { documents, failures } = await fetchPackuments(registry, [
  ...locked.keys(),
]);
if (failures.length) {
  // A release cannot be judged on part of its packages.
  for (const failure of failures) console.error(`registry: ${failure}`);
  process.exit(1);
}
const ours = locked.get('@backstage/cli')?.at(-1);
if (!ours) {
  console.error('yarn.lock holds no @backstage/cli');
  process.exit(1);
}

const releases = new Set();
for (const [name, document] of documents) {
  for (const [version, manifest] of Object.entries(document.versions)) {
    const release = releaseOf(name, manifest);
    if (parseVersion(version)?.prerelease.length !== 0 || !release) continue;
    if (compareVersions(release, ours) >= 0) releases.add(release);
  }
}
const newestFirst = [...releases].sort(compareVersions).reverse();

console.log(
  `Locked: the release built with @backstage/cli ${ours} ` +
    `(backstage.json: ${backstageJson.version}); registry ${registry}`,
);
const sets = new Map();
for (const release of newestFirst) {
  const set = releaseSet(documents, release);
  sets.set(release, set);
  const { versions, missing, conflicts } = set;
  const builtHere = [...versions].filter(
    ([name, version]) =>
      releaseOf(name, documents.get(name).versions[version]) === release,
  ).length;
  console.log(
    `\nRelease built with @backstage/cli ${release}${
      release === ours ? ' (ours)' : ''
    }: ` +
      `${builtHere} of our ${versions.size} packages published in it, ${
        missing.length || conflicts.length
          ? 'INCOMPLETE in this registry'
          : 'complete'
      }`,
  );
  const byDependency = new Map();
  for (const { from, dependency, range } of missing) {
    const key = `${dependency}@${range}`;
    byDependency.set(key, [...(byDependency.get(key) ?? []), from]);
  }
  for (const [wanted, from] of byDependency) {
    console.log(
      `  missing ${wanted}, named by ${from.length} of its packages (${
        from[0]
      }${from.length > 1 ? ', ...' : ''})`,
    );
  }
  for (const { from, dependency, range, chosen } of conflicts) {
    console.log(
      `  mixed lines: ${from} wants ${dependency}@${range}, the release has ${
        chosen ?? 'none'
      }`,
    );
  }
}

const newestComplete = newestFirst.find(release => {
  const { missing, conflicts } = sets.get(release);
  return !missing.length && !conflicts.length;
});
const target = newestComplete ?? ours;
const changes = [...sets.get(target).versions].filter(
  ([name, version]) => !locked.get(name)?.includes(version),
);
console.log(
  newestComplete
    ? `\nNewest complete release: built with @backstage/cli ${target}.`
    : `\nNo newer release is complete here: stay on ours (cli ${ours}). A package ` +
        `"missing" from our own release is one the lock keeps at an earlier version.`,
);
console.log(
  `${changes.length} package versions of that release differ from yarn.lock${
    changes.length && !showVersions ? ' (--versions lists them).' : '.'
  }`,
);
if (showVersions && changes.length) {
  console.log(
    formatTable(
      ['package', 'locked', 'release'],
      changes.map(([name, version]) => [
        name,
        (locked.get(name) ?? []).join(', '),
        version,
      ]),
    ),
  );
}

if (apply) {
  const plan = planRelease(documents, target, locked);
  const rootFile = path.join(root, 'package.json');
  const rootPackage = readJson(rootFile);
  const resolutions = Object.fromEntries(
    Object.entries(rootPackage.resolutions ?? {}).filter(
      ([name]) => !name.startsWith('@backstage/'),
    ),
  );
  for (const [name, version] of plan) resolutions[name] = version;
  rootPackage.resolutions = resolutions;
  writeJson(rootFile, rootPackage);

  let ranges = 0;
  for (const file of [rootFile, ...workspacePackageFiles(rootPackage)]) {
    const pkg = readJson(file);
    for (const field of [
      'dependencies',
      'devDependencies',
      'peerDependencies',
    ]) {
      for (const name of Object.keys(pkg[field] ?? {})) {
        const version = plan.get(name);
        if (!version || pkg[field][name] === `^${version}`) continue;
        pkg[field][name] = `^${version}`;
        ranges++;
      }
    }
    writeJson(file, pkg);
  }
  console.log(
    `\nApplied: ${plan.size} @backstage/* packages pinned in package.json resolutions, ` +
      `${ranges} workspace ranges changed. Next: yarn install, set backstage.json to the ` +
      `release, and run the checks of docs/upgrading-backstage.md.`,
  );
}

/** @param {string} file */
function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * @param {string} file
 * @param {unknown} value
 */
function writeJson(file, value) {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** @param {{ workspaces: string[] | { packages: string[] } }} rootPackage */
function workspacePackageFiles(rootPackage) {
  const patterns = Array.isArray(rootPackage.workspaces)
    ? rootPackage.workspaces
    : rootPackage.workspaces.packages;
  return patterns
    .flatMap(pattern => {
      if (!pattern.endsWith('/*')) return [path.join(root, pattern)];
      const parent = path.join(root, pattern.slice(0, -2));
      return fs.readdirSync(parent).map(name => path.join(parent, name));
    })
    .map(dir => path.join(dir, 'package.json'))
    .filter(file => fs.existsSync(file));
}
