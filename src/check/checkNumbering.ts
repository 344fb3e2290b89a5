import { diagnose } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import {
  exampleNumber,
  parseNumber,
  type NumberParts,
  type NumberScheme,
} from '../format/vorlagennummer.js';
import { formatDate } from '../format/german.js';
import { positionAt, type Path, type Source } from '../load/positions.js';
import type { Sitzung, Vorlage } from '../types/content.js';
import { flattenAgenda } from './checkReferences.js';
import { nearest } from './describe.js';

/** Years of a Vorlage's number and date that may differ (a Vorlage of late December). */
const yearSlack = 1;

/** A number's Wahlperiode as a meeting gives it: a number, or null for years („2020–2025“). */
const periodOf = (sitzung: Sitzung): number | null =>
  typeof sitzung.wahlperiode === 'number' ? sitzung.wahlperiode : null;

/**
 * Numbers follow the body's scheme: `nummer` and `bezug` in vorlage.yaml and every `vorlage` of
 * an agenda (RM803); {jahr} fits the Vorlage's date (RM805); {wahlperiode} the meeting's (RM804).
 */
export function checkNumbering(
  scheme: NumberScheme,
  meetings: readonly Source[],
  headers: readonly Source[],
  known: readonly string[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = (
    source: Source,
    path: Path,
    nummer: string,
    hint: Partial<NumberParts>,
  ): NumberParts | null => {
    const parts = parseNumber(scheme, nummer);
    if (parts === null) {
      const guess = nearest(nummer, known);
      out.push(
        diagnose('RM803', source.file, positionAt(source, path), {
          value: nummer,
          pattern: scheme.pattern,
          example: guess ?? exampleNumber(scheme, hint),
        }),
      );
    }
    return parts;
  };
  for (const header of headers) {
    const vorlage = header.value as Vorlage;
    const jahr = Number(vorlage.datum.slice(0, 4));
    const parts = check(header, ['nummer'], vorlage.nummer, { jahr });
    if (vorlage.bezug !== undefined) check(header, ['bezug'], vorlage.bezug, { jahr });
    if (parts?.jahr !== undefined && Math.abs(parts.jahr - jahr) > yearSlack) {
      out.push(
        diagnose('RM805', header.file, positionAt(header, ['nummer']), {
          value: vorlage.nummer,
          year: parts.jahr,
          datum: formatDate(vorlage.datum),
          example: exampleNumber(scheme, { ...parts, jahr }),
        }),
      );
    }
  }
  for (const meeting of meetings) {
    const sitzung = meeting.value as Sitzung;
    const wahlperiode = periodOf(sitzung);
    for (const { top, path } of flattenAgenda(sitzung.tagesordnung)) {
      if (top.vorlage === undefined) continue;
      const at = [...path, 'vorlage'];
      const parts = check(meeting, at, top.vorlage, wahlperiode === null ? {} : { wahlperiode });
      if (
        parts?.wahlperiode !== undefined &&
        wahlperiode !== null &&
        parts.wahlperiode !== wahlperiode
      ) {
        out.push(
          diagnose('RM804', meeting.file, positionAt(meeting, at), {
            value: top.vorlage,
            fromNumber: parts.wahlperiode,
            wahlperiode,
            example: exampleNumber(scheme, { ...parts, wahlperiode }),
          }),
        );
      }
    }
  }
  return out;
}
