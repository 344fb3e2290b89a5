import { posix } from 'node:path';
import { diagnose } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Parses } from './parseMemo.js';
import { parseSource } from './parseSource.js';
import type { Source } from './positions.js';
import type { AnlageFile } from './readAnlagen.js';
import type { Verdicts } from './verdicts.js';
import { koerperschaftFile, type ContentFiles, type RawFile } from './readContent.js';

export interface VorlageSources {
  /** the folder name, which must equal the Vorlage's number */
  readonly folder: string;
  /** vorlage.yaml, or null when it is missing or unreadable */
  readonly header: Source | null;
  readonly headerPresent: boolean;
  /** section files by file name (only those that parsed) */
  readonly sections: ReadonlyMap<string, Source>;
  /** every YAML file name in the folder except vorlage.yaml, parsed or not */
  readonly sectionFileNames: readonly string[];
  /** YAML names in the folder that are no file (a folder, a link: RM114), not "missing" */
  readonly notFiles: readonly string[];
}

/** A meeting's id, its output folder: the file name without .yaml or .yml. */
export const meetingId = (file: string): string => posix.basename(file).replace(/\.ya?ml$/i, '');

/** A meeting written twice (X.yaml and X.yml, or names that differ in case only): RM113. */
function meetingsTwice(files: readonly RawFile[]): Diagnostic[] {
  const first = new Map<string, string>();
  return files.flatMap((raw) => {
    const id = meetingId(raw.path);
    const other = first.get(id.toLowerCase());
    if (other === undefined) {
      first.set(id.toLowerCase(), raw.path);
      return [];
    }
    return [diagnose('RM113', raw.path, { line: 1, column: 1 }, { id, other })];
  });
}

export interface LoadedContent {
  /** koerperschaft.yaml, null when it is missing (RM801) or does not parse */
  readonly koerperschaft: Source | null;
  /** the files koerperschaft.yaml names (logo, fonts) that exist, by path */
  readonly dateien: ReadonlyMap<string, RawFile>;
  readonly meetings: readonly Source[];
  readonly vorlagen: ReadonlyMap<string, VorlageSources>;
  readonly diagnostics: readonly Diagnostic[];
  /** the text of every file that could be decoded, parsed or not (for code frames) */
  readonly texts: ReadonlyMap<string, string>;
  /** Vorlage folder name → its Anlage files, as readContent found them */
  readonly anlagen: ReadonlyMap<string, readonly AnlageFile[]>;
  /** Vorlage folder name → its image files, unchecked (`bild` blocks: check/checkImages.ts) */
  readonly bilder?: ReadonlyMap<string, readonly RawFile[]>;
  /** the checks each file passed at an earlier build (from the parses on disk) */
  readonly verdicts?: Verdicts;
}

/**
 * Parses every file; a broken file is reported and skipped, the others are still loaded.
 * `memo`: the parses of the last build (in this process, or on disk) for the files that did not
 * change.
 */
export function loadContent(files: ContentFiles, memo?: Parses): LoadedContent {
  const diagnostics: Diagnostic[] = [];
  const texts = new Map<string, string>();
  const parse = (raw: RawFile): Source | null => {
    try {
      const { source, text, diagnostics: found } = memo?.parse(raw) ?? parseSource(raw);
      diagnostics.push(...found);
      if (text !== null) texts.set(raw.path, text);
      return source;
    } catch (error) {
      diagnostics.push(diagnose('RM110', raw.path, { line: 1, column: 1 }, {}, String(error)));
      return null;
    }
  };
  diagnostics.push(...meetingsTwice(files.meetings));
  const koerperschaft = files.koerperschaft ? parse(files.koerperschaft) : null;
  if (!files.koerperschaft)
    diagnostics.push(diagnose('RM801', koerperschaftFile, { line: 1, column: 1 }));
  const meetings = files.meetings.map(parse).filter((s): s is Source => s !== null);
  if (files.meetings.length === 0)
    diagnostics.push(diagnose('RM509', 'sitzungen', { line: 1, column: 1 }));
  const vorlagen = new Map<string, VorlageSources>();
  for (const [folder, raws] of files.vorlagen) {
    const linked = raws.find((r) => r.path === `vorlagen/${folder}` && r.notAFile);
    if (linked) {
      // reported as a link (RM114); known by name, so the agenda does not call it missing
      parse(linked);
      vorlagen.set(folder, {
        folder,
        header: null,
        headerPresent: true,
        sections: new Map(),
        sectionFileNames: [],
        notFiles: [],
      });
      continue;
    }
    const headerRaw = raws.find((r) => r.path.endsWith('/vorlage.yaml'));
    const sections = new Map<string, Source>();
    const sectionFileNames: string[] = [];
    const notFiles: string[] = [];
    for (const raw of raws) {
      if (raw === headerRaw) continue;
      const name = posix.basename(raw.path);
      (raw.notAFile ? notFiles : sectionFileNames).push(name);
      const source = parse(raw);
      if (source) sections.set(name, source);
    }
    vorlagen.set(folder, {
      folder,
      header: headerRaw ? parse(headerRaw) : null,
      headerPresent: headerRaw !== undefined,
      sections,
      sectionFileNames,
      notFiles,
    });
  }
  memo?.sweep();
  return {
    koerperschaft,
    dateien: files.dateien,
    meetings,
    vorlagen,
    diagnostics,
    texts,
    anlagen: files.anlagen ?? new Map(),
    ...(files.bilder ? { bilder: files.bilder } : {}),
    ...(memo?.verdicts ? { verdicts: memo.verdicts } : {}),
  };
}
