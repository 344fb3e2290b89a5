import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { OwnFiles } from '../load/readOwnFiles.js';
import { ownKindTemplates } from '../template/ownKindTemplates.js';
import { mergeSources, packageSources } from '../template/templateSources.js';
import { checkTemplates, unusedTemplates } from './checkTemplates.js';
import { checkOwnKinds, type OwnKind } from './ownKinds.js';

export interface OwnCheck {
  readonly kinds: ReadonlyMap<string, OwnKind>;
  readonly diagnostics: readonly Diagnostic[];
  /** the own files' texts, for code frames */
  readonly texts: ReadonlyMap<string, string>;
}

/** The content folder's own section kinds and templates, checked and compiled (pure). */
export function checkOwnFiles(own: OwnFiles | undefined): OwnCheck {
  const kinds = checkOwnKinds(own?.abschnittsarten ?? []);
  const templates = own?.templates ?? [];
  const builtin = packageSources();
  const sources = mergeSources(builtin, templates, ownKindTemplates(own?.abschnittsarten ?? []));
  const texts = new Map(kinds.texts);
  for (const s of sources) if (s.own) texts.set(s.file, s.text);
  return {
    kinds: kinds.kinds,
    diagnostics: [
      ...kinds.diagnostics,
      ...checkTemplates(sources),
      ...unusedTemplates(
        templates.map((t) => t.path),
        builtin,
      ),
    ],
    texts,
  };
}
