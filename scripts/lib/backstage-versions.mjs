// Version arithmetic for the portal's Backstage release checks (scripts/backstage-patches.mjs).
// Pure functions, no I/O, so they can be unit-tested (packages/backend/src/backstageVersions.test.ts).

const VERSION =
  /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * @param {string} version
 * @returns {{ major: number, minor: number, patch: number, prerelease: string[] } | undefined}
 */
export function parseVersion(version) {
  const match = VERSION.exec(version);
  if (!match) return undefined;
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
    prerelease: match[4] ? match[4].split('.') : [],
  };
}

/**
 * Semver precedence: numbers compare as numbers (0.10.0 > 0.9.9), and a prerelease sorts
 * before its release (1.0.0-next.1 < 1.0.0).
 *
 * @param {string} a
 * @param {string} b
 * @returns {number} negative when a < b, positive when a > b, 0 when equal
 */
export function compareVersions(a, b) {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x || !y) throw new Error(`Not a semantic version: ${x ? b : a}`);
  for (const part of /** @type {const} */ (['major', 'minor', 'patch'])) {
    if (x[part] !== y[part]) return x[part] - y[part];
  }
  if (!x.prerelease.length || !y.prerelease.length) {
    return y.prerelease.length - x.prerelease.length;
  }
  for (let i = 0; i < Math.max(x.prerelease.length, y.prerelease.length); i++) {
    const p = x.prerelease[i];
    const q = y.prerelease[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    if (p === q) continue;
    const numeric = /^\d+$/;
    if (numeric.test(p) && numeric.test(q)) return Number(p) - Number(q);
    if (numeric.test(p)) return -1;
    if (numeric.test(q)) return 1;
    return p < q ? -1 : 1;
  }
  return 0;
}

/**
 * Whether `candidate` is on the same line as `locked`: the same minor for 0.x packages, the
 * same major from 1.0 on, which is what a `^` range on the locked version admits. Prereleases
 * (Backstage's `-next.N`) are never on a line.
 *
 * @param {string} locked
 * @param {string} candidate
 */
export function sameLine(locked, candidate) {
  const l = parseVersion(locked);
  const c = parseVersion(candidate);
  if (!l || !c || c.prerelease.length) return false;
  if (l.major !== c.major) return false;
  return l.major > 0 || l.minor === c.minor;
}

/**
 * The newest published version on the locked version's line, or the locked version itself
 * when nothing newer is published.
 *
 * @param {string} locked
 * @param {Iterable<string>} published
 */
export function newestInLine(locked, published) {
  let newest = locked;
  for (const version of published) {
    if (sameLine(locked, version) && compareVersions(version, newest) > 0) {
      newest = version;
    }
  }
  return newest;
}

/**
 * The `@backstage/*` versions a Yarn (berry) lockfile resolves, by package name.
 *
 * @param {string} lockfile the text of yarn.lock
 * @returns {Map<string, string[]>} name → resolved versions, ascending
 */
export function lockedBackstageVersions(lockfile) {
  const resolution = /^ {2}resolution: "(@backstage\/[^@"]+)@npm:([^"]+)"$/gm;
  const versions = new Map();
  for (const [, name, version] of lockfile.matchAll(resolution)) {
    if (!parseVersion(version)) continue;
    const known = versions.get(name) ?? [];
    if (!known.includes(version)) known.push(version);
    versions.set(name, known);
  }
  for (const list of versions.values()) list.sort(compareVersions);
  return new Map([...versions].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * One row per locked version: the newest version on its line and whether the lock is behind.
 * A package missing from `published` (the registry did not answer) is `unknown`.
 *
 * @param {Map<string, string[]>} locked
 * @param {Map<string, string[]>} published
 * @returns {{ name: string, locked: string, newest: string | undefined, status: 'current' | 'behind' | 'unknown' }[]}
 */
export function patchReport(locked, published) {
  /** @type {{ name: string, locked: string, newest: string | undefined, status: 'current' | 'behind' | 'unknown' }[]} */
  const rows = [];
  for (const [name, versions] of locked) {
    const available = published.get(name);
    for (const version of versions) {
      if (!available) {
        rows.push({
          name,
          locked: version,
          newest: undefined,
          status: 'unknown',
        });
        continue;
      }
      const newest = newestInLine(version, available);
      rows.push({
        name,
        locked: version,
        newest,
        status: newest === version ? 'current' : 'behind',
      });
    }
  }
  return rows;
}

/**
 * A plain-text table with a header, columns padded to their widest cell.
 *
 * @param {string[]} header
 * @param {string[][]} rows
 */
export function formatTable(header, rows) {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map(row => row[column].length)),
  );
  const line = (/** @type {string[]} */ cells) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  return [
    line(header),
    line(widths.map(width => '-'.repeat(width))),
    ...rows.map(line),
  ].join('\n');
}

/**
 * Whether `version` is in `range`, for the range forms Backstage packages publish: `^x.y.z`,
 * `~x.y.z`, an exact version and `*`. Anything else answers undefined (not judged).
 *
 * @param {string} version
 * @param {string} range
 * @returns {boolean | undefined}
 */
export function satisfies(version, range) {
  const v = parseVersion(version);
  if (!v || v.prerelease.length) return false;
  const spec = range.trim().replace(/^npm:/, '');
  if (spec === '*' || spec === '') return true;
  const operator = /^[\^~]/.test(spec) ? spec[0] : '';
  const base = parseVersion(spec.slice(operator.length));
  if (!base) return undefined;
  if (compareVersions(version, spec.slice(operator.length)) < 0) return false;
  if (operator === '') return compareVersions(version, spec) === 0;
  if (operator === '~') return v.major === base.major && v.minor === base.minor;
  if (base.major > 0) return v.major === base.major;
  if (base.minor > 0) return v.major === 0 && v.minor === base.minor;
  return v.major === 0 && v.minor === 0 && v.patch === base.patch;
}

/**
 * The release a published Backstage package version belongs to, named by the `@backstage/cli`
 * version it was built with: the monorepo publishes every package of a release with its
 * workspace ranges replaced by that release's versions, so `devDependencies['@backstage/cli']`
 * of `plugin-catalog-backend@4.0.0` is `^0.36.6`, the cli of Backstage 1.55.0.
 *
 * @param {string} name
 * @param {{ version: string, devDependencies?: Record<string, string> }} manifest
 * @returns {string | undefined} the cli version, e.g. `0.36.6`
 */
export function releaseOf(name, manifest) {
  if (name === '@backstage/cli') return manifest.version;
  const range = manifest.devDependencies?.['@backstage/cli'];
  const version = range?.replace(/^[\^~]/, '');
  return version && parseVersion(version) ? version : undefined;
}

/**
 * The versions one release holds for the given packages, and whether the registry holds all
 * of it. For each package the release's version is its newest stable version built with that
 * release's cli or an earlier one (a package unchanged by a release keeps its version).
 *
 * - `missing`: a package built in the release names a version of one of these packages that
 *   the registry does not have (the release is only partly published there).
 * - `conflicts`: a chosen version's dependency or peer dependency range on another of these
 *   packages does not admit the version chosen for it (the set would mix release lines).
 *
 * @param {Map<string, { versions: Record<string, any> }>} packuments full registry documents
 * @param {string} release a cli version, as answered by releaseOf
 */
export function releaseSet(packuments, release) {
  /** @type {Map<string, string>} */
  const versions = new Map();
  for (const [name, packument] of packuments) {
    let chosen;
    for (const [version, manifest] of Object.entries(packument.versions)) {
      const built = releaseOf(name, manifest);
      if (parseVersion(version)?.prerelease.length !== 0 || !built) continue;
      if (compareVersions(built, release) > 0) continue;
      if (!chosen || compareVersions(version, chosen) > 0) chosen = version;
    }
    if (chosen) versions.set(name, chosen);
  }
  const missing = [];
  const conflicts = [];
  for (const [name, version] of versions) {
    const manifest = packuments.get(name)?.versions[version];
    const builtHere = releaseOf(name, manifest) === release;
    const ranges = {
      ...(builtHere ? manifest.devDependencies : {}),
      ...manifest.peerDependencies,
      ...manifest.dependencies,
    };
    for (const [dependency, range] of Object.entries(ranges)) {
      const target = packuments.get(dependency);
      if (!target) continue;
      if (
        builtHere &&
        !Object.keys(target.versions).some(v => satisfies(v, range))
      ) {
        missing.push({ from: `${name}@${version}`, dependency, range });
        continue;
      }
      const fromDevOnly =
        !manifest.dependencies?.[dependency] &&
        !manifest.peerDependencies?.[dependency];
      if (fromDevOnly) continue;
      if (satisfies(versions.get(dependency) ?? '', range) === false) {
        conflicts.push({
          from: `${name}@${version}`,
          dependency,
          range,
          chosen: versions.get(dependency),
        });
      }
    }
  }
  return { versions, missing, conflicts };
}

/**
 * The versions to hold the portal on `release`: the release's own versions (releaseSet), except
 * that a newer locked version on the same line is kept when everything it depends on is held
 * too, so applying a release never takes back a fix the lock already has.
 *
 * @param {Map<string, { versions: Record<string, any> }>} packuments
 * @param {string} release
 * @param {Map<string, string[]>} locked as read by lockedBackstageVersions
 * @returns {Map<string, string>}
 */
export function planRelease(packuments, release, locked) {
  const { versions } = releaseSet(packuments, release);
  const plan = new Map(versions);
  for (const [name, lockedVersions] of locked) {
    const newest = lockedVersions.at(-1);
    const chosen = plan.get(name);
    if (
      chosen &&
      newest &&
      packuments.get(name)?.versions[newest] &&
      sameLine(chosen, newest) &&
      compareVersions(newest, chosen) > 0
    ) {
      plan.set(name, newest);
    }
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, version] of plan) {
      const releaseVersion = versions.get(name);
      if (version === releaseVersion || !releaseVersion) continue;
      const manifest = packuments.get(name)?.versions[version];
      const held = Object.entries({
        ...manifest.peerDependencies,
        ...manifest.dependencies,
      }).every(
        ([dependency, range]) =>
          !plan.has(dependency) ||
          satisfies(plan.get(dependency) ?? '', range) !== false,
      );
      if (!held) {
        plan.set(name, releaseVersion);
        changed = true;
      }
    }
  }
  return plan;
}
