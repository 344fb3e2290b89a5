/**
 * The `anlagen` of a Vorlage against the files in its folder (facts from inspectAnlage.ts):
 * a missing file, one that is not what its name says, a broken or encrypted PDF, one over the
 * size limit, a link, a JPEG the outputs cannot show right (CMYK, jpegFrame.ts) are errors at
 * the entry's `datei`; active content (removed when the Anlage
 * is taken over) and a file that cannot stand in a PDF/A-2b file are warnings.
 */
import { posix } from 'node:path';
import { diagnose } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { VorlageSources } from '../load/loadContent.js';
import { positionAt, type Source } from '../load/positions.js';
import { byteSize } from '../load/parseSource.js';
import type { AnlageArt } from '../load/inspectAnlage.js';
import { maxAnlageSize, type AnlageFile } from '../load/readAnlagen.js';
import type { Vorlage } from '../types/content.js';
import { nearest } from './describe.js';

const kindNames: Record<AnlageArt, string> = { pdf: 'PDF', png: 'PNG', jpeg: 'JPEG' };

/** The kind a file name promises. */
export const artOfName = (name: string): AnlageArt =>
  /\.pdf$/i.test(name) ? 'pdf' : /\.png$/i.test(name) ? 'png' : 'jpeg';

const extensionOf: Record<AnlageArt, string> = { pdf: '.pdf', png: '.png', jpeg: '.jpg' };

function checkOne(
  source: Source,
  folder: string,
  datei: string,
  index: number,
  files: ReadonlyMap<string, AnlageFile>,
): Diagnostic[] {
  const at = positionAt(source, ['anlagen', index, 'datei']);
  const file = source.file;
  const found = files.get(datei);
  const params = { value: datei, folder };
  if (found === undefined) {
    const guess = nearest(datei, [...files.keys()]);
    const suggestion = guess ? ` (meinten Sie „${guess}“?)` : '';
    return [diagnose('RM701', file, at, { ...params, suggestion })];
  }
  if (found.notAFile !== undefined) {
    const what =
      found.notAFile === 'symlink' ? 'eine Verknüpfung (symbolischer Link)' : 'kein Dateiinhalt';
    return [diagnose('RM708', file, at, { ...params, what })];
  }
  if (found.bytes === null || found.facts === null) {
    return [
      diagnose('RM705', file, at, {
        ...params,
        size: byteSize(found.size),
        limit: byteSize(maxAnlageSize),
      }),
    ];
  }
  const { facts } = found;
  const expected = artOfName(datei);
  if (facts.art !== expected) {
    const actual =
      facts.art === null
        ? 'keine PDF-, PNG- oder JPEG-Datei'
        : `eine ${kindNames[facts.art]}-Datei`;
    const tipp =
      facts.art === null
        ? 'Anlagen können PDF-, PNG- oder JPEG-Dateien sein. Speichern Sie die Datei in einem dieser Formate (z. B. über „Drucken“ → „Als PDF speichern“).'
        : `Benennen Sie die Datei passend um, z. B. „${posix.basename(datei).replace(/\.[^.]+$/, extensionOf[facts.art])}“, und ändern Sie „datei“ entsprechend.`;
    return [
      diagnose('RM702', file, at, { ...params, expected: kindNames[expected], actual, tipp }),
    ];
  }
  if (facts.fehler === 'verschluesselt') return [diagnose('RM704', file, at, params)];
  if (facts.fehler === 'jpeg')
    return [diagnose('RM709', file, at, { ...params, was: facts.detail ?? '' })];
  if (facts.fehler === 'kaputt') return [diagnose('RM703', file, at, params, facts.detail)];
  const out: Diagnostic[] = [];
  if (facts.aktiv.length > 0) {
    const list = facts.aktiv;
    const joined =
      list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} und ${list.at(-1) ?? ''}`;
    out.push(diagnose('RM706', file, at, { ...params, found: joined ?? '' }));
  }
  if (facts.keinPdfa !== null)
    out.push(diagnose('RM707', file, at, { ...params, reason: facts.keinPdfa }));
  return out;
}

/** Diagnostics for the Anlagen of one Vorlage whose header passed its schema. */
export function checkAnlagen(sources: VorlageSources, files: readonly AnlageFile[]): Diagnostic[] {
  const header = sources.header;
  if (header === null) return [];
  const anlagen = (header.value as Vorlage).anlagen ?? [];
  const prefix = `vorlagen/${sources.folder}/`;
  const byName = new Map(files.map((f) => [f.path.slice(prefix.length), f]));
  return anlagen.flatMap((entry, i) =>
    typeof entry === 'string' ? [] : checkOne(header, sources.folder, entry.datei, i, byName),
  );
}
