import {
  AdoptionMethod,
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
import { commitInfo, readObjects } from './objects';
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

/** The default branch's tip, its tree and what it says it was made from. */
export async function readBase(
  repositoryDir: string,
  defaultBranch: string,
): Promise<{
  commit: string;
  tree: string;
  record?: GoldenPathRecord;
}> {
  const ref = `refs/heads/${defaultBranch}`;
  const [tip, record] = await readObjects(repositoryDir, [
    ref,
    `${ref}:${RECORD_FILE}`,
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
}): Promise<UpgradeOutcome> {
  const { source, repositoryDir } = options;
  const renders = options.renders ?? new RenderCache(source, 8);
  const defaultBranch = options.defaultBranch ?? 'main';
  const started = performance.now();
  const base = await readBase(repositoryDir, defaultBranch);
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
  const summary = {
    template: record.template,
    from: record.version,
    to,
    crossed: versionsCrossed(versions, record.version, to),
    conflicts: merge.conflicts,
    adoption: adopted ? options.adoption?.method : undefined,
  };
  const title = upgradeTitle(summary);
  const description = upgradeDescription(summary);
  const branch = upgradeBranch(record.template);
  const written = await writeUpgradeBranch({
    repositoryDir,
    branch,
    merge,
    message: `${title}\n\n${description}`,
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
