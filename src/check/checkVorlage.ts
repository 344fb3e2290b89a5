import { composeVorlage, type ComposedVorlage } from '../compose/compose.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { loadContent, type LoadedContent } from '../load/loadContent.js';
import type { Source } from '../load/positions.js';
import type { ContentFiles } from '../load/readContent.js';
import type { Sitzung, Vorlage } from '../types/content.js';
import { checkContent } from './checkContent.js';
import { checkOwn } from './ownFiles.js';
import { flattenAgenda } from './checkReferences.js';
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
 * The body a Vorlage is written for, from the meetings (the Vorlage itself does not name it):
 * a meeting that has it on its agenda, else one of a body in its Beratungsfolge, else any.
 */
function koerperschaftOf(
  meetings: readonly Source[],
  valid: ReadonlySet<Source>,
  folder: string,
  kopf: Vorlage,
): string | undefined {
  const sitzungen = meetings.filter((m) => valid.has(m)).map((m) => m.value as Sitzung);
  const chosen =
    sitzungen.find((s) =>
      flattenAgenda(s.tagesordnung).some(({ top }) => top.vorlage === folder),
    ) ??
    sitzungen.find((s) => kopf.beratungsfolge.some((b) => b.gremium === s.gremium)) ??
    sitzungen[0];
  return chosen?.koerperschaft;
}

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
  const { valid, diagnostics: all } = checkContent(content, ownFiles.kinds);
  // the Körperschaft's own templates and kinds shape every Vorlage, drafts too
  const own = [...all.filter((d) => inFolder(d, `vorlagen/${folder}`)), ...ownFiles.diagnostics];
  const header = content.vorlagen.get(folder)?.header;
  if (hasErrors(own) || !header || !valid.has(header))
    return { content, folder, vorlage: null, diagnostics: own };
  const koerperschaft = koerperschaftOf(content.meetings, valid, folder, header.value as Vorlage);
  if (koerperschaft === undefined) {
    // no readable meeting names the body: their faults (or RM509, none at all) say why
    const meetingFaults = all.filter((d) => inFolder(d, 'sitzungen'));
    return { content, folder, vorlage: null, diagnostics: [...own, ...meetingFaults] };
  }
  return {
    content,
    folder,
    // a draft stands on no agenda: its own oeffentlich holds
    vorlage: composeVorlage(content, folder, koerperschaft, true),
    diagnostics: own,
  };
}
