import { AdoptionMethod } from './adoption';
import { TemplateVersion } from './versions';

/** The branch every upgrade of a service is prepared on; re-runs move it. */
export function upgradeBranch(template: string): string {
  return `golden-path-upgrade/${template}`;
}

export type UpgradeSummary = {
  template: string;
  from: string;
  to: string;
  /** Versions crossed, oldest first (see versionsCrossed). */
  crossed: TemplateVersion[];
  /** Files carrying conflict markers, relative to the repository root. */
  conflicts: string[];
  /**
   * The repository had no `.golden-path.json`: its version was inferred by the portal or
   * stated by its team, and this upgrade adds the record.
   */
  adoption?: AdoptionMethod;
};

export function upgradeTitle(summary: UpgradeSummary): string {
  if (summary.from === summary.to) {
    return `Golden path ${summary.template}: record version ${summary.to}`;
  }
  return `Golden path ${summary.template}: upgrade ${summary.from} → ${summary.to}`;
}

/** Markdown lines are built from trusted changelog text; only backticks in paths are escaped. */
function codeSpan(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/**
 * The description of an upgrade (pull request body and commit message body): the changelog of
 * every version crossed, what the merge kept, and which files need a person.
 */
export function upgradeDescription(summary: UpgradeSummary): string {
  const lines: string[] = [
    `This upgrades the repository from version ${summary.from} to ${summary.to} of the ` +
      `golden path ${codeSpan(
        summary.template,
      )}. It was prepared as a three-way merge: ` +
      'your changes since the repository was made are kept, the template changes below are applied.',
    '',
  ];
  if (summary.adoption) {
    const how =
      summary.adoption === 'inferred'
        ? `The portal found it closest to version ${summary.from} of the golden path, rendered with the values of its catalog entity and files`
        : `Its team stated that it was made from version ${summary.from}`;
    lines.push(
      `This repository had no ${codeSpan('.golden-path.json')}. ${how}; ` +
        'this change adds the record, so later versions reach it as upgrades too.',
      '',
    );
  }
  if (summary.conflicts.length > 0) {
    lines.push(
      `## Needs a person (${summary.conflicts.length} ${
        summary.conflicts.length === 1 ? 'file' : 'files'
      })`,
      '',
      'Your edits and the template change overlap here; the files carry standard conflict ' +
        'markers (`<<<<<<<`, `=======`, `>>>>>>>`). Choose, remove the markers, and push to this branch.',
      '',
      ...summary.conflicts.map(file => `- ${codeSpan(file)}`),
      '',
    );
  } else {
    lines.push('No file needs a person: every change merged cleanly.', '');
  }
  lines.push('## Changelog', '');
  for (const version of summary.crossed) {
    lines.push(
      `### ${version.version} (${version.date})`,
      '',
      `**What changed:** ${version.changes.trim()}`,
      '',
      `**Why:** ${version.why.trim()}`,
      '',
    );
    if (version.deprecated) {
      lines.push(
        `Deprecated, sunset ${
          version.deprecated.sunset
        }: ${version.deprecated.reason.trim()}`,
        '',
      );
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
