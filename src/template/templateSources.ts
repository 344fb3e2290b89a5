import { readdirSync, readFileSync } from 'node:fs';
import type { RawFile } from '../load/readContent.js';

/** One template as the compiler sees it. */
export interface TemplateSource {
  /** the path inside the template set: vorlage.hbs, abschnitte/text.hbs, partials/x.hbs */
  readonly path: string;
  /** where diagnostics point: relative to the content folder for own templates */
  readonly file: string;
  readonly text: string;
  /** written by the Körperschaft (content/templates/, content/abschnittsarten/) */
  readonly own: boolean;
}

export const templateDir = new URL('../../templates/', import.meta.url);

/** The folders of a template set; abschnitte/<art>.hbs is the partial "abschnitt-<art>". */
export const templateFolders = ['abschnitte', 'partials', 'sitzungsmappe'] as const;

/** The built-in templates of a folder (I/O edge, synchronous: also used by the pure check). */
export function builtinSources(dir: URL = templateDir): TemplateSource[] {
  const read = (path: string): TemplateSource => ({
    path,
    file: `templates/${path}`,
    text: readFileSync(new URL(path, dir), 'utf8'),
    own: false,
  });
  const nested = templateFolders.flatMap((folder) =>
    readdirSync(new URL(`${folder}/`, dir))
      .filter((n) => n.endsWith('.hbs'))
      .sort()
      .map((n) => read(`${folder}/${n}`)),
  );
  return [read('vorlage.hbs'), ...nested];
}

let memo: TemplateSource[] | undefined;
/** templates/ of the package, read once. */
export const packageSources = (): readonly TemplateSource[] => (memo ??= builtinSources());

const decode = (raw: RawFile): string => new TextDecoder().decode(raw.bytes ?? new Uint8Array());

/**
 * The template set of a content folder: the built-in ones, each replaced by the file of the same
 * path in content/templates/; own partials (content/templates/partials/*.hbs) added; the
 * templates of own section kinds as abschnitte/<art>.hbs.
 */
export function mergeSources(
  builtin: readonly TemplateSource[],
  ownTemplates: readonly RawFile[],
  kindTemplates: ReadonlyMap<string, RawFile>,
): TemplateSource[] {
  const byPath = new Map(builtin.map((s) => [s.path, s]));
  for (const raw of ownTemplates) {
    const path = raw.path.replace(/^templates\//, '');
    if (byPath.has(path) || /^partials\/[^/]+\.hbs$/.test(path))
      byPath.set(path, { path, file: raw.path, text: decode(raw), own: true });
  }
  for (const [art, raw] of kindTemplates) {
    const path = `abschnitte/${art}.hbs`;
    byPath.set(path, { path, file: raw.path, text: decode(raw), own: true });
  }
  return [...byPath.values()];
}

/** The Handlebars partial name of a template path (none for the Vorlage frame). */
export function partialName(path: string): string | null {
  const m = /^(abschnitte|partials|sitzungsmappe)\/(.+)\.hbs$/.exec(path);
  if (!m?.[2]) return null;
  return m[1] === 'abschnitte' ? `abschnitt-${m[2]}` : m[2];
}
