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

/** A TOP is public when it and every item above it are (sub-items inherit non-public). */
function topIsPublic(items: readonly Top[], path: readonly (string | number)[]): boolean {
  let list: readonly Top[] | undefined = items;
  for (let i = 1; i < path.length; i += 2) {
    const top: Top | undefined = list?.[Number(path[i])];
    if (top?.oeffentlich === false) return false;
    list = top?.unterpunkte;
  }
  return true;
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
    if (!sources.sectionFileNames.includes(name)) {
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
      out.push(
        diagnose('RM502', header.file, positionAt(header, ['nummer']), {
          value: vorlage.nummer,
          folder: sources.folder,
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
      if (topIsPublic(sitzung.tagesordnung, path) && !(header.value as Vorlage).oeffentlich) {
        out.push(diagnose('RM513', meeting.file, at, { value: top.vorlage }));
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
    if (!onAgenda.has(folder) && agendasComplete) {
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
