import { visit } from 'yaml';
import { diagnose } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDate } from '../format/german.js';
import {
  folderOf,
  numberOfFolder,
  numbersInText,
  parseNumber,
  type NumberScheme,
} from '../format/vorlagennummer.js';
import type { LoadedContent, VorlageSources } from '../load/loadContent.js';
import { positionAt, positionOfRange, type Source } from '../load/positions.js';
import type { Sitzung, Top, Vorlage } from '../types/content.js';
import { nearest } from './describe.js';
import { someText } from './someText.js';

/** Every agenda item with its path in the meeting file, sub-items included. */
export function flattenAgenda(
  items: readonly Top[],
  path: (string | number)[] = ['tagesordnung'],
): { top: Top; path: (string | number)[] }[] {
  return items.flatMap((top, i) => [
    { top, path: [...path, i] },
    ...flattenAgenda(top.unterpunkte ?? [], [...path, i, 'unterpunkte']),
  ]);
}

/**
 * The outermost item at or above a TOP that is non-public, or null when the TOP is public
 * (sub-items inherit non-public).
 */
function nonPublicAt(items: readonly Top[], path: readonly (string | number)[]): Top | null {
  let list: readonly Top[] | undefined = items;
  for (let i = 1; i < path.length; i += 2) {
    const top: Top | undefined = list?.[Number(path[i])];
    if (top?.oeffentlich === false) return top;
    list = top?.unterpunkte;
  }
  return null;
}

/** The section file names a Vorlage lists, with their paths in vorlage.yaml. */
export function listedSections(vorlage: Vorlage): { name: string; path: (string | number)[] }[] {
  return vorlage.abschnitte.flatMap((entry, i) =>
    typeof entry === 'string'
      ? [{ name: entry, path: ['abschnitte', i] }]
      : entry.dateien.map((name, k) => ({ name, path: ['abschnitte', i, 'dateien', k] })),
  );
}

function checkSections(header: Source, sources: VorlageSources): Diagnostic[] {
  const out: Diagnostic[] = [];
  const listed = listedSections(header.value as Vorlage);
  const seen = new Set<string>();
  for (const { name, path } of listed) {
    // the position only for a diagnostic: it needs the file's syntax tree (diskParses.ts)
    const at = () => positionAt(header, path);
    if (seen.has(name)) out.push(diagnose('RM507', header.file, at(), { value: name }));
    seen.add(name);
    // a name that is a folder or a link is reported as such (RM114), not as missing
    if (!sources.sectionFileNames.includes(name) && !sources.notFiles.includes(name)) {
      const guess = nearest(name, sources.sectionFileNames);
      out.push(
        diagnose('RM504', header.file, at(), {
          value: name,
          suggestion: guess ? ` (meinten Sie „${guess}“?)` : '',
        }),
      );
    }
  }
  for (const name of sources.sectionFileNames) {
    if (!seen.has(name))
      out.push(
        diagnose(
          'RM505',
          `vorlagen/${sources.folder}/${name}`,
          { line: 1, column: 1 },
          { value: name },
        ),
      );
  }
  return out;
}

/** Vorlage numbers written in any text of a file that no Vorlage bears. */
function unknownNumbersInText(
  source: Source,
  known: readonly string[],
  scheme: NumberScheme,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const isHeader = source.file.endsWith('/vorlage.yaml');
  // the syntax tree (for the positions) only where a text names a number no Vorlage bears
  const unknown = (text: string): boolean =>
    numbersInText(scheme, text).some(({ nummer }) => !known.includes(nummer));
  if (!someText(source.value, unknown, isHeader ? { skipTop: 'nummer' } : {})) return out;
  // the Vorlage's own number is checked against its folder (RM502), not as a mention
  const ownNumber = isHeader ? source.doc.get('nummer', true) : undefined;
  visit(source.doc, {
    Scalar(key, node) {
      if (key === 'key' || node === ownNumber || typeof node.value !== 'string' || !node.range)
        return;
      const range = node.range;
      for (const { nummer } of numbersInText(scheme, node.value)) {
        if (known.includes(nummer)) continue;
        const guess = nearest(nummer, known);
        out.push(
          diagnose('RM506', source.file, positionOfRange(source.lineCounter, range[0], range[1]), {
            value: nummer,
            suggestion: guess ? ` Meinten Sie ${guess}?` : '',
          }),
        );
      }
    },
  });
  return out;
}

/**
 * The number of each Vorlage folder: its vorlage.yaml's when that fits the folder, else the one
 * the folder's name stands for under the scheme (V-2024-0815 → V/2024/0815), else the name.
 */
export function numbersOfFolders(
  content: LoadedContent,
  valid: ReadonlySet<Source>,
  scheme: NumberScheme | null,
): Map<string, string> {
  const numbers = new Map<string, string>();
  for (const { folder, header } of content.vorlagen.values()) {
    const own = header && valid.has(header) ? (header.value as Vorlage).nummer : undefined;
    const fromFolder = scheme === null ? null : numberOfFolder(scheme, folder);
    numbers.set(
      folder,
      own !== undefined && folderOf(own) === folder ? own : (fromFolder ?? folder),
    );
  }
  return numbers;
}

/** Cross-file checks: agenda → Vorlage, number ↔ folder, Beratungsfolge, section files, numbers in text. */
export function checkReferences(
  content: LoadedContent,
  valid: ReadonlySet<Source>,
  scheme: NumberScheme | null,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const headers = new Map<string, Source>();
  for (const sources of content.vorlagen.values()) {
    const header = sources.header;
    if (!header || !valid.has(header)) continue;
    const vorlage = header.value as Vorlage;
    headers.set(sources.folder, header);
    if (folderOf(vorlage.nummer) !== sources.folder) {
      // the folder's name is proposed as the number only where it stands for a valid one
      const fromFolder = scheme === null ? null : numberOfFolder(scheme, sources.folder);
      // and renaming the folder after the number only where the number is a valid one (else RM803)
      const numberValid = scheme === null || parseNumber(scheme, vorlage.nummer) !== null;
      const tipp =
        fromFolder !== null
          ? numberValid
            ? `Die Nummer muss zum Ordnernamen passen: „nummer: ${fromFolder}“, oder benennen Sie den Ordner in „${folderOf(vorlage.nummer)}“ um.`
            : `Die Nummer muss zum Ordnernamen passen: „nummer: ${fromFolder}“.`
          : `Der Ordnername steht für keine gültige Vorlagennummer: Benennen Sie den Ordner in „${folderOf(vorlage.nummer)}“ um.`;
      out.push(
        diagnose('RM502', header.file, positionAt(header, ['nummer']), {
          value: vorlage.nummer,
          folder: sources.folder,
          tipp,
        }),
      );
    }
    out.push(...checkSections(header, sources));
  }
  const numbers = numbersOfFolders(content, valid, scheme);
  const known = [...numbers.values()];
  const onAgenda = new Set<string>();
  // a number outside the scheme (RM803) may mean any Vorlage: then "on no agenda" is uncertain
  let agendaNumbersValid = true;
  for (const meeting of content.meetings.filter((m) => valid.has(m))) {
    const sitzung = meeting.value as Sitzung;
    const here = new Set<string>();
    for (const { top, path } of flattenAgenda(sitzung.tagesordnung)) {
      if (top.vorlage === undefined) continue;
      // only a diagnostic needs the position (the meeting file's syntax tree, see diskParses.ts)
      const at = () => positionAt(meeting, [...path, 'vorlage']);
      const folder = folderOf(top.vorlage);
      if (here.has(folder)) out.push(diagnose('RM511', meeting.file, at(), { value: top.vorlage }));
      here.add(folder);
      onAgenda.add(folder);
      // a number outside the scheme is reported as such (RM803), not also as unknown
      if (scheme !== null && parseNumber(scheme, top.vorlage) === null) {
        agendaNumbersValid = false;
        continue;
      }
      if (!content.vorlagen.has(folder)) {
        const guess = nearest(top.vorlage, known);
        out.push(
          diagnose('RM501', meeting.file, at(), {
            value: top.vorlage,
            folder,
            suggestion: guess ? ` (meinten Sie ${guess}?)` : '',
          }),
        );
        continue;
      }
      const header = headers.get(folder);
      if (!header) continue;
      const closed = nonPublicAt(sitzung.tagesordnung, path);
      const isPublic = (header.value as Vorlage).oeffentlich;
      if (!closed && !isPublic)
        out.push(diagnose('RM513', meeting.file, at(), { value: top.vorlage }));
      if (closed && isPublic) {
        // treated as non-public in this meeting (see composeMeeting): say so
        out.push(
          diagnose('RM514', meeting.file, at(), {
            value: top.vorlage,
            parent: closed === top ? '' : ` „${closed.titel}“, unter dem sie steht,`,
            file: header.file,
          }),
        );
      }
      const folge = (header.value as Vorlage).beratungsfolge;
      if (!folge.some((b) => b.gremium === sitzung.gremium && b.datum === sitzung.datum)) {
        out.push(
          diagnose('RM503', meeting.file, at(), {
            value: top.vorlage,
            gremium: sitzung.gremium,
            datum: formatDate(sitzung.datum),
            iso: sitzung.datum,
            file: header.file,
          }),
        );
      }
    }
  }
  // Only when every agenda could be read is "on no agenda" certain.
  const agendasComplete =
    agendaNumbersValid &&
    content.meetings.length > 0 &&
    content.meetings.every((m) => valid.has(m));
  for (const [folder, header] of headers) {
    // with a number that is not its folder's (RM502) it is unclear which Vorlage is meant
    const ownNumber = folderOf((header.value as Vorlage).nummer) === folder;
    if (!onAgenda.has(folder) && agendasComplete && ownNumber) {
      out.push(
        diagnose('RM510', header.file, positionAt(header, ['nummer']), {
          value: numbers.get(folder) ?? folder,
        }),
      );
    }
  }
  for (const sources of scheme === null ? [] : content.vorlagen.values()) {
    for (const source of [sources.header, ...sources.sections.values()]) {
      if (source && valid.has(source) && scheme)
        out.push(...unknownNumbersInText(source, known, scheme));
    }
  }
  return out;
}
