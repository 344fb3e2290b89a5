import { isSectionKind } from '../check/validateSchema.js';
import type { RawFile } from '../load/readContent.js';

/** abschnittsarten/<art>.schema.json or abschnittsarten/<art>.hbs → [art, ending] */
export function kindFileOf(path: string): { art: string; ending: 'schema' | 'hbs' } | null {
  const m = /^abschnittsarten\/([^/]+?)(\.schema\.json|\.hbs)$/.exec(path);
  if (!m?.[1]) return null;
  return { art: m[1], ending: m[2] === '.hbs' ? 'hbs' : 'schema' };
}

/**
 * The template of each own section kind, by its art (abschnittsarten/<art>.hbs); never one named
 * like a built-in kind (RM912) or with a name that is no art (RM916).
 */
export function ownKindTemplates(files: readonly RawFile[]): Map<string, RawFile> {
  const out = new Map<string, RawFile>();
  for (const raw of files) {
    const kind = kindFileOf(raw.path);
    if (kind?.ending === 'hbs' && /^[a-z][a-z0-9_]*$/.test(kind.art) && !isSectionKind(kind.art))
      out.set(kind.art, raw);
  }
  return out;
}
