import type { ComposedVorlage } from '../compose/compose.js';
import type { OwnFiles } from '../load/readOwnFiles.js';
import { compileTemplates, type Templates } from './compileTemplates.js';
import { ownKindTemplates } from './ownKindTemplates.js';
import { builtinSources, mergeSources, templateDir } from './templateSources.js';

export type { Templates } from './compileTemplates.js';
export { templateDir } from './templateSources.js';

/**
 * Reads templates/ (I/O edge): vorlage.hbs is the frame, abschnitte/<art>.hbs one per section
 * kind (used as partial "abschnitt-<art>"), partials/<name>.hbs shared partials,
 * sitzungsmappe/*.hbs the packet's own pages (also usable as partials). `own`: the content
 * folder's templates/ (each replaces the built-in of the same path) and abschnittsarten/*.hbs.
 */
export function loadTemplates(dir: URL = templateDir, own?: OwnFiles): Promise<Templates> {
  return Promise.resolve(
    compileTemplates(
      mergeSources(
        builtinSources(dir),
        own?.templates ?? [],
        ownKindTemplates(own?.abschnittsarten ?? []),
      ),
    ),
  );
}

export interface TemplateContext {
  /** Vorlage numbers that may be linked (those in the same packet) */
  readonly linkziele: readonly string[];
}

/** Renders one Vorlage to the HTML subset. Pure, given the compiled templates. */
export function renderVorlageHtml(
  templates: Templates,
  vorlage: ComposedVorlage,
  context: TemplateContext,
): string {
  return templates.vorlage({ ...vorlage, linkziele: context.linkziele });
}
