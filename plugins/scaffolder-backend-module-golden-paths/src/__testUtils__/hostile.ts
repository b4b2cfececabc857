/**
 * Values an attacker would put in a golden path's parameters, as posted to
 * `POST /api/scaffolder/v2/tasks` without the form: a line break with `---` (a second YAML
 * document), quotes, template and GitHub expression syntax, NUL, invisible and right-to-left
 * characters, markup, and a comment closer.
 */
export const HOSTILE_SUFFIXES: Array<[string, string]> = [
  [
    'a second YAML document',
    '\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: x',
  ],
  ['a YAML key', '\nowner: group:default/identity-team'],
  ['a carriage return', '\rkind: Group'],
  ['double quotes', '" injected: "yes'],
  ['single quotes', "' injected: 'yes"],
  ['a template expression', '${{ secrets.backstageToken }}'],
  ['nunjucks braces', '{{ 7*7 }}{% raw %}'],
  ['a NUL', '\u0000'],
  ['a right-to-left override', '\u202eexe.txt'],
  ['a zero-width space', '\u200b'],
  ['a line separator', '\u2028kind: Group'],
  ['a comment closer', '*/ process.exit(1) /*'],
  ['markup', '<script>alert(1)</script>'],
  ['a YAML flow mapping', ', {kind: Group}'],
];
