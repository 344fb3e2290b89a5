import type { ComposedMeeting, ComposedVorlage } from '../compose/compose.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { readOwnFiles } from '../load/readOwnFiles.js';
import { checkOwnFiles } from '../check/checkOwnFiles.js';
import { loadTemplates, templateDir, type Templates } from './loadTemplates.js';
import { templateFaults, TemplateFaultsError } from './templateFaults.js';

/**
 * The templates a content folder is built with (I/O edge): the built-in ones, replaced and
 * added to by its templates/ and abschnittsarten/. Throws a TemplateFaultsError when they do not
 * compile (check reports that first; this guards a folder changed in between).
 */
export async function contentTemplates(contentDir: string): Promise<Templates> {
  const own = await readOwnFiles(contentDir);
  const checked = checkOwnFiles(own);
  if (hasErrors(checked.diagnostics))
    throw new TemplateFaultsError(checked.diagnostics, () => checked.texts);
  return loadTemplates(templateDir, own);
}

/**
 * Before anything is rendered or written: the templates must work on this content. Built-in
 * templates alone are the project's (its tests keep them in the subset); own ones are run on
 * every Vorlage and packet page, and their faults thrown as a TemplateFaultsError.
 */
export function assertTemplatesWork(
  templates: Templates,
  meetings: readonly ComposedMeeting[],
  drafts: readonly ComposedVorlage[] = [],
): void {
  if (!templates.hasOwn) return;
  const faults = templateFaults(templates, meetings, drafts);
  if (hasErrors(faults))
    throw new TemplateFaultsError(
      faults,
      () => new Map(templates.sources.map((s) => [s.file, s.text])),
    );
}
