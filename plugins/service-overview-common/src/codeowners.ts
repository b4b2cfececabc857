/** A likely owner of a repository, as a catalog entity ref. */
export type LikelyOwner = {
  entityRef: string;
  source: 'codeowners' | 'admin-team';
};

/** Patterns that cover the whole repository, so their owners own it. */
const WHOLE_REPOSITORY = new Set(['*', '/', '/*', '/**', '**', '**/*']);

/** `@org/team` → `group:default/team`, `@login` → `user:default/login`, e-mail → undefined. */
export function ownerToEntityRef(owner: string): string | undefined {
  const team = /^@[\w.-]+\/([\w.-]+)$/.exec(owner);
  if (team) return `group:default/${team[1].toLocaleLowerCase('en-US')}`;
  const user = /^@([\w.-]+)$/.exec(owner);
  if (user) return `user:default/${user[1].toLocaleLowerCase('en-US')}`;
  return undefined;
}

/**
 * The owner of a whole repository according to its CODEOWNERS file. GitHub applies the
 * last matching rule, so the last rule whose pattern covers every file wins; a file
 * without such a rule names no owner of the whole repository.
 */
export function ownerFromCodeowners(text: string): string | undefined {
  let owner: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const [pattern, ...owners] = line.split(/\s+/);
    if (!WHOLE_REPOSITORY.has(pattern)) continue;
    owner = owners.map(ownerToEntityRef).find(Boolean);
  }
  return owner;
}

/**
 * The likely owner: CODEOWNERS first (the team said so), else the team with admin rights on
 * the repository (the first in alphabetical order when several have them).
 */
export function likelyOwner(
  codeowners: string | undefined,
  adminTeams: string[],
): LikelyOwner | undefined {
  const fromCodeowners = codeowners
    ? ownerFromCodeowners(codeowners)
    : undefined;
  if (fromCodeowners)
    return { entityRef: fromCodeowners, source: 'codeowners' };
  const [team] = [...adminTeams].sort();
  if (team) {
    return {
      entityRef: `group:default/${team.toLocaleLowerCase('en-US')}`,
      source: 'admin-team',
    };
  }
  return undefined;
}
