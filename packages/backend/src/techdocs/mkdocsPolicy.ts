import { InputError } from '@backstage/errors';
import {
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
} from 'yaml';

/**
 * What a `mkdocs.yml` may contain before the portal runs mkdocs on it. Anyone who can register
 * a location can bring a `mkdocs.yml`, and mkdocs imports Python modules named in it (themes,
 * hooks, plugins, Markdown extensions) and reads files it names (`INHERIT`, `docs_dir`,
 * snippets): so everything outside these lists is refused, never silently dropped.
 */
export const allowedMkdocsKeys: ReadonlySet<string> = new Set([
  'site_name',
  'site_description',
  'site_author',
  'site_url',
  'copyright',
  'repo_url',
  'repo_name',
  'edit_uri',
  'nav',
  'docs_dir',
  'exclude_docs',
  'not_in_nav',
  'use_directory_urls',
  'strict',
  'validation',
  'theme',
  'markdown_extensions',
  'plugins',
]);

/** Themes shipped with mkdocs and Debian's mkdocs-material; no Python theme packages. */
export const allowedThemes: ReadonlySet<string> = new Set([
  'material',
  'mkdocs',
]);

/** Theme settings that only change how pages look (no `custom_dir`, no templates). */
export const allowedThemeKeys: ReadonlySet<string> = new Set([
  'name',
  'font',
  'language',
  'palette',
  'features',
  'icon',
  'logo',
  'favicon',
]);

/**
 * Markdown extensions from Python-Markdown and pymdown-extensions that only transform text.
 * Not here on purpose: `pymdownx.snippets` (includes files from disk), `pymdownx.emoji` and
 * anything configured with callables (they need `!!python/name` tags).
 */
export const allowedMarkdownExtensions: ReadonlySet<string> = new Set([
  'abbr',
  'admonition',
  'attr_list',
  'def_list',
  'fenced_code',
  'footnotes',
  'md_in_html',
  'meta',
  'sane_lists',
  'smarty',
  'tables',
  'toc',
  'codehilite',
  'pymdownx.betterem',
  'pymdownx.caret',
  'pymdownx.critic',
  'pymdownx.details',
  'pymdownx.highlight',
  'pymdownx.inlinehilite',
  'pymdownx.keys',
  'pymdownx.magiclink',
  'pymdownx.mark',
  'pymdownx.saneheaders',
  'pymdownx.smartsymbols',
  'pymdownx.superfences',
  'pymdownx.tabbed',
  'pymdownx.tasklist',
  'pymdownx.tilde',
]);

/** mkdocs plugins and the settings each may take. */
export const allowedPlugins: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  [['search', new Set(['lang', 'separator', 'min_search_length', 'indexing'])]],
);

/** Larger files are not documentation settings. */
const MAX_CONFIG_BYTES = 64 * 1024;

/** A validated configuration: plain data only, safe to hand to mkdocs as JSON. */
export type MkdocsConfig = Record<string, unknown> & { docs_dir?: string };

type KeyPath = Array<string | number>;

function describe(path: KeyPath): string {
  return path
    .map((part, index) =>
      typeof part === 'number'
        ? `[${part}]`
        : `${index === 0 ? '' : '.'}${part}`,
    )
    .join('');
}

function refuse(fileName: string, path: KeyPath, reason: string): never {
  const what = path.length > 0 ? `"${describe(path)}"` : 'the file';
  throw new InputError(
    `${fileName} refused: ${what} ${reason}. TechDocs builds only allow-listed ` +
      'mkdocs settings, themes (material, mkdocs), plugins (search) and Markdown extensions; ' +
      'see the portal docs, "TechDocs" in Configuration.',
  );
}

/** The key path of a node inside the document, for messages. */
function pathOf(ancestors: readonly unknown[]): KeyPath {
  const path: KeyPath = [];
  ancestors.forEach((node, index) => {
    if (isPair(node)) {
      path.push(isScalar(node.key) ? String(node.key.value) : '?');
    } else if (isSeq(node)) {
      const child = ancestors[index + 1];
      if (child !== undefined) path.push(node.items.indexOf(child as never));
    }
  });
  return path;
}

/**
 * Parses a `mkdocs.yml` without constructing anything: every YAML tag (`!!python/name`,
 * `!!python/object`, `!ENV`, `!relative`, even `!!str`) is refused, as are duplicate keys, so
 * the data checked here is exactly the data mkdocs gets.
 */
export function parseMkdocsYaml(source: string, fileName: string): unknown {
  if (Buffer.byteLength(source, 'utf8') > MAX_CONFIG_BYTES) {
    refuse(fileName, [], `is larger than ${MAX_CONFIG_BYTES} bytes`);
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(source, {
    uniqueKeys: true,
    prettyErrors: false,
    lineCounter,
  });
  visit(document, {
    Node(_key, node, ancestors) {
      if (node.tag) {
        refuse(
          fileName,
          pathOf([...ancestors, node]),
          `uses the YAML tag ${node.tag.replace(
            'tag:yaml.org,2002:',
            '!!',
          )}, and tags are not allowed`,
        );
      }
    },
  });
  const [problem] = document.errors;
  if (problem) {
    // The position only: the parser's excerpt would echo the file into the docs page.
    const { line, col } = lineCounter.linePos(problem.pos[0]);
    throw new InputError(
      `${fileName} is not valid YAML (${problem.code} at line ${line}, column ${col})`,
    );
  }
  return document.toJS({ maxAliasCount: 50 });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A list entry of `plugins` or `markdown_extensions`: a name, or `{ name: options }`. */
function entryOf(
  fileName: string,
  entry: unknown,
  path: KeyPath,
): { name: string; options: unknown } {
  if (typeof entry === 'string') return { name: entry, options: undefined };
  if (isPlainObject(entry) && Object.keys(entry).length === 1) {
    const [name] = Object.keys(entry);
    return { name, options: entry[name] };
  }
  return refuse(
    fileName,
    path,
    'must be a name or a single "name: options" entry',
  );
}

function checkOptions(
  fileName: string,
  options: unknown,
  path: KeyPath,
  allowedKeys?: ReadonlySet<string>,
) {
  if (options === undefined || options === null) return;
  if (!isPlainObject(options)) {
    refuse(fileName, path, 'must be a mapping of options');
  }
  if (allowedKeys) {
    for (const key of Object.keys(options)) {
      if (!allowedKeys.has(key)) {
        refuse(fileName, [...path, key], 'is not an allowed option');
      }
    }
  }
}

function checkTheme(fileName: string, theme: unknown) {
  const settings = typeof theme === 'string' ? { name: theme } : theme;
  if (!isPlainObject(settings)) {
    refuse(fileName, ['theme'], 'must be a theme name or a mapping');
  }
  for (const key of Object.keys(settings)) {
    if (!allowedThemeKeys.has(key)) {
      refuse(fileName, ['theme', key], 'is not an allowed theme setting');
    }
  }
  if (typeof settings.name !== 'string' || !allowedThemes.has(settings.name)) {
    refuse(
      fileName,
      ['theme', 'name'],
      `is ${JSON.stringify(settings.name ?? null)}; allowed themes are ${[
        ...allowedThemes,
      ].join(', ')}`,
    );
  }
  // Web fonts are fetched from Google by the reader's browser and hang in closed networks.
  if ('font' in settings && settings.font !== false) {
    refuse(fileName, ['theme', 'font'], 'must be false (no web fonts)');
  }
  for (const key of ['logo', 'favicon'] as const) {
    const value = settings[key];
    if (
      value !== undefined &&
      (typeof value !== 'string' ||
        /(^\/|\.\.|^[a-z][a-z0-9+.-]*:)/i.test(value))
    ) {
      refuse(fileName, ['theme', key], 'must be a path inside docs_dir');
    }
  }
}

/** Links that end up in every page: web addresses only, no `javascript:` or `data:`. */
function checkLinks(fileName: string, parsed: Record<string, unknown>) {
  for (const key of ['site_url', 'repo_url'] as const) {
    const value = parsed[key];
    if (value !== undefined && !/^https?:\/\/[^\s]+$/i.test(String(value))) {
      refuse(fileName, [key], 'must be an http(s) URL');
    }
  }
  const editUri = parsed.edit_uri;
  if (
    editUri !== undefined &&
    (typeof editUri !== 'string' ||
      (/^[a-z][a-z0-9+.-]*:/i.test(editUri) && !/^https?:\/\//i.test(editUri)))
  ) {
    refuse(fileName, ['edit_uri'], 'must be a path or an http(s) URL');
  }
}

function checkMarkdownExtensions(fileName: string, extensions: unknown) {
  if (!Array.isArray(extensions)) {
    refuse(fileName, ['markdown_extensions'], 'must be a list');
  }
  extensions.forEach((entry, index) => {
    const path: KeyPath = ['markdown_extensions', index];
    const { name, options } = entryOf(fileName, entry, path);
    if (!allowedMarkdownExtensions.has(name)) {
      refuse(fileName, [...path, name], 'is not an allowed Markdown extension');
    }
    checkOptions(fileName, options, [...path, name]);
  });
}

function checkPlugins(fileName: string, plugins: unknown) {
  const entries = isPlainObject(plugins)
    ? Object.entries(plugins).map(([name, options]) => ({ [name]: options }))
    : plugins;
  if (!Array.isArray(entries)) {
    refuse(fileName, ['plugins'], 'must be a list');
  }
  entries.forEach((entry, index) => {
    const path: KeyPath = ['plugins', index];
    const { name, options } = entryOf(fileName, entry, path);
    const allowedOptions = allowedPlugins.get(name);
    if (!allowedOptions) {
      refuse(fileName, [...path, name], 'is not an allowed mkdocs plugin');
    }
    checkOptions(fileName, options, [...path, name], allowedOptions);
  });
}

function checkDocsDir(fileName: string, docsDir: unknown) {
  if (
    typeof docsDir !== 'string' ||
    docsDir.length === 0 ||
    docsDir.startsWith('/') ||
    docsDir.split(/[\\/]/).includes('..')
  ) {
    refuse(
      fileName,
      ['docs_dir'],
      'must be a relative folder inside the repository (no "..", not absolute)',
    );
  }
}

/**
 * Checks a parsed `mkdocs.yml` against the allow-lists and returns it unchanged; the first
 * setting outside them is refused with its key path in the message, which the TechDocs reader
 * shows on the docs page.
 */
export function checkMkdocsConfig(
  parsed: unknown,
  fileName: string = 'mkdocs.yml',
): MkdocsConfig {
  if (!isPlainObject(parsed)) {
    refuse(fileName, [], 'must be a mapping of mkdocs settings');
  }
  for (const key of Object.keys(parsed)) {
    if (!allowedMkdocsKeys.has(key)) {
      refuse(fileName, [key], 'is not an allowed mkdocs setting');
    }
  }
  if (typeof parsed.site_name !== 'string' || !parsed.site_name.trim()) {
    refuse(fileName, ['site_name'], 'must be a non-empty text');
  }
  if ('docs_dir' in parsed) checkDocsDir(fileName, parsed.docs_dir);
  checkLinks(fileName, parsed);
  if ('theme' in parsed) checkTheme(fileName, parsed.theme);
  if ('markdown_extensions' in parsed) {
    checkMarkdownExtensions(fileName, parsed.markdown_extensions);
  }
  if ('plugins' in parsed) checkPlugins(fileName, parsed.plugins);
  return parsed as MkdocsConfig;
}

/** Parses and checks the text of a `mkdocs.yml`. */
export function validateMkdocsYaml(
  source: string,
  fileName: string = 'mkdocs.yml',
): MkdocsConfig {
  return checkMkdocsConfig(parseMkdocsYaml(source, fileName), fileName);
}
