/** The first 7 characters of a commit, as GitHub shows it. */
export const shortSha = (sha: string) => sha.slice(0, 7);

/** A version as a person reads it: the tag or branch when known, with the commit. */
export function versionLabel(d: { sha: string; ref?: string }): string {
  return d.ref ? `${d.ref} (${shortSha(d.sha)})` : shortSha(d.sha);
}

/** `2026-12-03 10:04 UTC`. */
export function when(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
