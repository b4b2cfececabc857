#!/usr/bin/env node
// Reports the @backstage/* packages whose locked version is behind the newest version the npm
// registry has on the same line (same minor for 0.x, same major from 1.0). Backstage ships its
// fixes, security fixes included, as such versions. See docs/upgrading-backstage.md.
//
//   node scripts/backstage-patches.mjs             table of the packages behind; exit 0
//   node scripts/backstage-patches.mjs --all       every package, current ones too
//   node scripts/backstage-patches.mjs --strict    exit 1 when one is behind or unknown
//   --registry <url>   instead of the npm configuration's registry
//   --lockfile <path>  instead of yarn.lock at the repository root
//
// CI runs it as a report: the registry can publish a newer version any day, and a clean clone
// of an unchanged commit must not turn red for it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  formatTable,
  lockedBackstageVersions,
  patchReport,
} from './lib/backstage-versions.mjs';
import { fetchPackuments, registryUrl } from './lib/npm-registry.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const strict = args.includes('--strict');
const all = args.includes('--all');
const option = (/** @type {string} */ name) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const lockfile = option('--lockfile') ?? path.join(root, 'yarn.lock');
const registry = registryUrl(args);

/**
 * Published, non-deprecated versions by package name (abbreviated metadata).
 *
 * @param {string[]} names
 */
async function publishedVersions(names) {
  const { documents, failures } = await fetchPackuments(registry, names, {
    abbreviated: true,
  });
  const published = new Map();
  for (const [name, document] of documents) {
    published.set(
      name,
      Object.entries(document.versions ?? {})
        .filter(([, manifest]) => !manifest.deprecated)
        .map(([version]) => version),
    );
  }
  return { published, failures };
}

const locked = lockedBackstageVersions(fs.readFileSync(lockfile, 'utf8'));
const { published, failures } = await publishedVersions([...locked.keys()]);
const rows = patchReport(locked, published);
const behind = rows.filter(row => row.status === 'behind');
const unknown = rows.filter(row => row.status === 'unknown');
const shown = all ? rows : [...behind, ...unknown];

console.log(
  `@backstage/* packages in ${
    path.relative(process.cwd(), lockfile) || lockfile
  } ` +
    `against ${registry}: ${rows.length} locked versions, ${behind.length} behind, ` +
    `${unknown.length} unknown`,
);
if (shown.length) {
  console.log(
    formatTable(
      ['package', 'locked', 'newest on its line', 'status'],
      shown.map(row => [row.name, row.locked, row.newest ?? '?', row.status]),
    ),
  );
}
for (const failure of failures) console.log(`registry: ${failure}`);
if (behind.length) {
  console.log(
    'A version behind may belong to a newer Backstage release; docs/upgrading-backstage.md ' +
      'says how to move the whole release.',
  );
}
process.exitCode = strict && (behind.length || unknown.length) ? 1 : 0;
