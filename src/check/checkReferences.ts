import { visit } from 'yaml';
import { diagnose } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDate } from '../format/german.js';
import type { LoadedContent, VorlageSources } from '../load/loadContent.js';
import { positionAt, positionOfRange, type Source } from '../load/positions.js';
import type { Sitzung, Top, Vorlage } from '../types/content.js';
import { nearest } from './describe.js';

/** Vorlage numbers as the body writes them in running text (SV-9-1600). */
export const vorlageNumberPattern = /\bSV-\d{1,2}-\d{1,5}\b/g;
const isVorlageNumber = (text: string): boolean => /^SV-\d{1,2}-\d{1,5}$/.test(text);

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
    const at = positionAt(header, path);
    if (seen.has(name)) out.push(diagnose('RM507', header.file, at, { value: name }));
    seen.add(name);
    // a name that is a folder or a link is reported as such (RM114), not as missing
    if (!sources.sectionFileNames.includes(name) && !sources.notFiles.includes(name)) {
      const guess = nearest(name, sources.sectionFileNames);
      out.push(
        diagnose('RM504', header.file, at, {
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
function unknownNumbersInText(source: Source, known: readonly string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  // the Vorlage's own number is checked against its folder (RM502), not as a mention
  const ownNumber = source.file.endsWith('/vorlage.yaml')
    ? source.doc.get('nummer', true)
    : undefined;
  visit(source.doc, {
    Scalar(key, node) {
      if (key === 'key' || node === ownNumber || typeof node.value !== 'string' || !node.range)
        return;
      const range = node.range;
      for (const match of node.value.matchAll(vorlageNumberPattern)) {
        if (known.includes(match[0])) continue;
        const guess = nearest(match[0], known);
        out.push(
          diagnose('RM506', source.file, positionOfRange(source.lineCounter, range[0], range[1]), {
            value: match[0],
            suggestion: guess ? ` Meinten Sie ${guess}?` : '',
          }),
        );
      }
    },
  });
  return out;
}

/** Cross-file checks: agenda → Vorlage, number ↔ folder, Beratungsfolge, section files, numbers in text. */
export function checkReferences(content: LoadedContent, valid: ReadonlySet<Source>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const headers = new Map<string, Source>();
  for (const sources of content.vorlagen.values()) {
    const header = sources.header;
    if (!header || !valid.has(header)) continue;
    const vorlage = header.value as Vorlage;
    headers.set(sources.folder, header);
    if (vorlage.nummer !== sources.folder) {
      // the folder's name is proposed as the number only where it is a valid one
      const tipp = isVorlageNumber(sources.folder)
        ? `Die Nummer muss dem Ordnernamen entsprechen: „nummer: ${sources.folder}“, oder benennen Sie den Ordner in „${vorlage.nummer}“ um.`
        : `Der Ordnername ist keine gültige Vorlagennummer (z. B. SV-9-1601): Benennen Sie den Ordner in „${vorlage.nummer}“ um.`;
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
  const known = [...content.vorlagen.keys()];
  const onAgenda = new Set<string>();
  for (const meeting of content.meetings.filter((m) => valid.has(m))) {
    const sitzung = meeting.value as Sitzung;
    const here = new Set<string>();
    for (const { top, path } of flattenAgenda(sitzung.tagesordnung)) {
      if (top.vorlage === undefined) continue;
      const at = positionAt(meeting, [...path, 'vorlage']);
      if (here.has(top.vorlage))
        out.push(diagnose('RM511', meeting.file, at, { value: top.vorlage }));
      here.add(top.vorlage);
      onAgenda.add(top.vorlage);
      if (!content.vorlagen.has(top.vorlage)) {
        const guess = nearest(top.vorlage, known);
        out.push(
          diagnose('RM501', meeting.file, at, {
            value: top.vorlage,
            suggestion: guess ? ` (meinten Sie ${guess}?)` : '',
          }),
        );
        continue;
      }
      const header = headers.get(top.vorlage);
      if (!header) continue;
      const closed = nonPublicAt(sitzung.tagesordnung, path);
      const isPublic = (header.value as Vorlage).oeffentlich;
      if (!closed && !isPublic)
        out.push(diagnose('RM513', meeting.file, at, { value: top.vorlage }));
      if (closed && isPublic) {
        // treated as non-public in this meeting (see composeMeeting): say so
        out.push(
          diagnose('RM514', meeting.file, at, {
            value: top.vorlage,
            parent: closed === top ? '' : ` „${closed.titel}“, unter dem sie steht,`,
            file: header.file,
          }),
        );
      }
      const folge = (header.value as Vorlage).beratungsfolge;
      if (!folge.some((b) => b.gremium === sitzung.gremium && b.datum === sitzung.datum)) {
        out.push(
          diagnose('RM503', meeting.file, at, {
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
    content.meetings.length > 0 && content.meetings.every((m) => valid.has(m));
  for (const [folder, header] of headers) {
    // with a number that is not its folder's (RM502) it is unclear which Vorlage is meant
    const ownNumber = (header.value as Vorlage).nummer === folder;
    if (!onAgenda.has(folder) && agendasComplete && ownNumber) {
      out.push(diagnose('RM510', header.file, positionAt(header, ['nummer']), { value: folder }));
    }
  }
  for (const sources of content.vorlagen.values()) {
    for (const source of [sources.header, ...sources.sections.values()]) {
      if (source && valid.has(source)) out.push(...unknownNumbersInText(source, known));
    }
  }
  return out;
}
