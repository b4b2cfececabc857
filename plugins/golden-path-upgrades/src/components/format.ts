import type {
  GoldenPathDeprecation,
  GoldenPathUpgrade,
} from '@internal/plugin-golden-path-upgrades-common';

/** `checkout` of `component:default/checkout`; other namespaces and kinds stay visible. */
export function shortRef(ref: string): string {
  return ref.replace(/^component:(default\/)?/, '');
}

function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

/** The sunset of a deprecated version and how far away it is; nothing for a supported one. */
export function deprecationText(
  deprecation: GoldenPathDeprecation | undefined,
): string | undefined {
  if (!deprecation || deprecation.state === 'supported') return undefined;
  if (deprecation.state === 'deprecated') {
    return `Deprecated: sunset ${deprecation.sunset}, ${days(
      deprecation.daysLeft ?? 0,
    )} left`;
  }
  return `Sunset ${deprecation.sunset} passed ${days(
    deprecation.daysPast ?? 0,
  )} ago`;
}

/** A pull request by its number, a branch (local repositories) by its name. */
export function upgradeLabel(upgrade: GoldenPathUpgrade): string {
  return upgrade.pullRequestNumber
    ? `Pull request #${upgrade.pullRequestNumber}`
    : `Branch ${upgrade.branch}`;
}

/** `1 version`, `3 versions`. */
export function versionCount(n: number): string {
  return n === 1 ? '1 version' : `${n} versions`;
}
