import { composeVorlage, type ComposedVorlage } from '../compose/compose.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { loadContent, type LoadedContent } from '../load/loadContent.js';
import { koerperschaftFile, type ContentFiles } from '../load/readContent.js';
import { checkContent } from './checkContent.js';
import { checkOwn } from './ownFiles.js';
import { findVorlageFolder } from './unknownVorlage.js';

export interface VorlageCheckResult {
  readonly content: LoadedContent;
  /** the Vorlage's folder name (its number with `/` and spaces as `-`) */
  readonly folder: string;
  /** composed for rendering; null while the Vorlage has errors */
  readonly vorlage: ComposedVorlage | null;
  /** only the diagnostics of the Vorlage's own files (vorlage.yaml and its sections) */
  readonly diagnostics: readonly Diagnostic[];
}

const inFolder = (d: Diagnostic, prefix: string): boolean =>
  d.file === prefix || d.file.startsWith(`${prefix}/`);

/**
 * load → check → compose for one Vorlage (`--vorlage`), also one that is on no agenda yet (a
 * draft). Every file is checked, as by checkAndCompose, but only the faults in the Vorlage's own
 * folder count: faults elsewhere do not stop a draft. Pure: the files are already read.
 * An unknown number throws an UnknownVorlageError.
 */
export function checkVorlage(files: ContentFiles, nummer: string): VorlageCheckResult {
  const folder = findVorlageFolder(nummer, [...files.vorlagen.keys()]);
  const ownFiles = checkOwn(files.own);
  const loaded = loadContent(files);
  const content = { ...loaded, texts: new Map([...loaded.texts, ...ownFiles.texts]) };
  const { valid, koerperschaft, diagnostics: all } = checkContent(content, ownFiles.kinds);
  // the Körperschaft's own templates and kinds shape every Vorlage, drafts too
  const own = [...all.filter((d) => inFolder(d, `vorlagen/${folder}`)), ...ownFiles.diagnostics];
  const header = content.vorlagen.get(folder)?.header;
  if (hasErrors(own) || !header || !valid.has(header))
    return { content, folder, vorlage: null, diagnostics: own };
  if (koerperschaft === null) {
    // without the body's settings there is no letterhead or numbering: its faults say why
    const bodyFaults = all.filter((d) => d.file === koerperschaftFile);
    return { content, folder, vorlage: null, diagnostics: [...own, ...bodyFaults] };
  }
  return {
    content,
    folder,
    // a draft stands on no agenda: its own oeffentlich holds
    vorlage: composeVorlage(content, folder, koerperschaft, true),
    diagnostics: own,
  };
}
