import {
  AdoptionMethod,
  CATALOG_FILE,
  compareVersions,
  GoldenPathRecord,
  latestVersion,
  parseRecord,
  RECORD_FILE,
  upgradeBranch,
  upgradeDescription,
  upgradeTitle,
  versionsCrossed,
} from '@internal/plugin-golden-path-upgrades-common';
import { InputError } from '@backstage/errors';
import { CommitInfo, commitInfo, deleteRefs, readObjects } from './objects';
import { RenderCache } from './renderCache';
import { TemplateSource } from './templateSource';
import { mergeTemplateChange, writeUpgradeBranch } from './threeWayMerge';

export type UpgradeOutcome =
  | { state: 'not-a-golden-path' }
  | { state: 'up-to-date'; record: GoldenPathRecord }
  | {
      state:
        | 'nothing-to-change'
        | 'unchanged'
        | 'prepared'
        | 'team-commits-kept';
      record: GoldenPathRecord;
      /** True when the record came from an adoption: the upgrade writes `.golden-path.json`. */
      adopted: boolean;
      to: string;
      branch: string;
      /** The upgrade branch's tip (absent when there is nothing to change). */
      commit?: string;
      conflicts: string[];
      title: string;
      description: string;
      /** Milliseconds spent rendering both versions, and in git (objects, merge, branch). */
      timings: { renderMs: number; gitMs: number };
    };

/** The default branch's tip, its tree, what it says it was made from and its catalog file. */
export type Base = {
  commit: string;
  tree: string;
  record?: GoldenPathRecord;
  /** The default branch's catalog-info.yaml, when it has one. */
  catalog?: Buffer;
  /**
   * The upgrade branch asked for, read in the same git process: null when it does not exist,
   * undefined when it was not asked for.
   */
  branchTip?: CommitInfo | null;
};

/**
 * Reads the default branch's tip, record and catalog file (and, when named, the upgrade
 * branch's tip) with one git process.
 */
export async function readBase(
  repositoryDir: string,
  defaultBranch: string,
  branch?: string,
): Promise<Base> {
  const ref = `refs/heads/${defaultBranch}`;
  const [tip, record, catalog, branchTip] = await readObjects(repositoryDir, [
    ref,
    `${ref}:${RECORD_FILE}`,
    `${ref}:${CATALOG_FILE}`,
    ...(branch ? [`refs/heads/${branch}`] : []),
  ]);
  const info = commitInfo(tip);
  if (!info)
    throw new InputError(`The repository has no branch ${defaultBranch}`);
  return {
    commit: info.sha,
    tree: info.tree,
    record:
      record?.type === 'blob'
        ? parseRecord(record.content.toString('utf8'))
        : undefined,
    catalog: catalog?.type === 'blob' ? catalog.content : undefined,
    branchTip: branch ? commitInfo(branchTip) ?? null : undefined,
  };
}

/** What the default branch says it was made from, or undefined when it has no record. */
export async function readRecord(
  repositoryDir: string,
  defaultBranch: string,
): Promise<GoldenPathRecord | undefined> {
  return (await readBase(repositoryDir, defaultBranch)).record;
}

/**
 * Prepares the upgrade of one repository to `to` (default: the latest version): renders the
 * recorded version and the target version with the recorded values, merges the difference into
 * the default branch three-way, and puts the result on the upgrade branch
 * (`golden-path-upgrade/<template>`), one commit whose message is the upgrade's description.
 *
 * A repository without `.golden-path.json` is upgraded from `adoption` (what its team stated or
 * the portal inferred) and the upgrade writes the record; adopted at the latest version, the
 * branch carries only the record.
 */
export async function prepareUpgrade(options: {
  source: TemplateSource;
  repositoryDir: string;
  defaultBranch?: string;
  to?: string;
  adoption?: { record: GoldenPathRecord; method: AdoptionMethod };
  renders?: RenderCache;
  /**
   * The template the caller expects the repository to be made from (its catalog entity's),
   * so that its upgrade branch is read with the default branch, in one git process.
   */
  template?: string;
}): Promise<UpgradeOutcome> {
  const { source, repositoryDir } = options;
  const renders = options.renders ?? new RenderCache(source, 8);
  const defaultBranch = options.defaultBranch ?? 'main';
  const started = performance.now();
  const expected = options.template ?? options.adoption?.record.template;
  const base = await readBase(
    repositoryDir,
    defaultBranch,
    expected ? upgradeBranch(expected) : undefined,
  );
  const adopted = !base.record && options.adoption !== undefined;
  const record = base.record ?? options.adoption?.record;
  if (!record) return { state: 'not-a-golden-path' };
  const versions = await source.versions(record.template);
  const to = options.to ?? latestVersion(versions).version;
  if (!versions.some(v => v.version === to)) {
    throw new InputError(`to: ${record.template} has no version ${to}`);
  }
  const order = compareVersions(to, record.version);
  if (order < 0 || (order === 0 && !adopted)) {
    return { state: 'up-to-date', record };
  }
  let gitMs = performance.now() - started;

  const renderStarted = performance.now();
  const [oldFiles, newFiles] = await Promise.all([
    renders.render(record.template, record.version, record.values),
    renders.render(record.template, to, record.values),
  ]);
  const renderMs = performance.now() - renderStarted;

  const gitStarted = performance.now();
  const merge = await mergeTemplateChange({
    repositoryDir,
    defaultBranch,
    base,
    oldFiles,
    newFiles,
    templateLabel: `${record.template}-${to}`,
    addRecord: adopted,
  });
  let title: string;
  let description: string;
  try {
    const summary = {
      template: record.template,
      from: record.version,
      to,
      crossed: versionsCrossed(versions, record.version, to),
      conflicts: merge.conflicts,
      adoption: adopted ? options.adoption?.method : undefined,
    };
    title = upgradeTitle(summary);
    description = upgradeDescription(summary);
  } catch (error) {
    await deleteRefs(repositoryDir, merge.scratchRefs);
    throw error;
  }
  const branch = upgradeBranch(record.template);
  const written = await writeUpgradeBranch({
    repositoryDir,
    branch,
    merge,
    message: `${title}\n\n${description}`,
    tip: expected === record.template ? base.branchTip : undefined,
  });
  gitMs += performance.now() - gitStarted;
  return {
    state: written.state,
    record,
    adopted,
    to,
    branch,
    commit: written.state === 'nothing-to-change' ? undefined : written.commit,
    conflicts: merge.conflicts,
    title,
    description,
    timings: { renderMs, gitMs },
  };
}
