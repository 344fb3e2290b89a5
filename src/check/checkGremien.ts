import { diagnose } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { positionAt, type Path, type Source } from '../load/positions.js';
import type { Sitzung, Vorlage } from '../types/content.js';
import type { Koerperschaft } from './checkKoerperschaft.js';
import { nearest } from './describe.js';

/**
 * Every meeting belongs to the body (its `koerperschaft` is koerperschaft.yaml's `name`), and a
 * meeting's `gremium` and every Gremium of a Beratungsfolge is one of `gremien`.
 */
export function checkGremien(
  koerperschaft: Koerperschaft,
  meetings: readonly Source[],
  headers: readonly Source[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const names = koerperschaft.gremien.map((g) => g.name);
  const gremium = (source: Source, path: Path, value: string): void => {
    if (names.includes(value)) return;
    const guess = nearest(value, names);
    out.push(
      diagnose('RM806', source.file, positionAt(source, path), {
        value,
        suggestion: guess ? ` Meinten Sie „${guess}“?` : '',
        allowed: names.map((n) => `„${n}“`).join(', '),
      }),
    );
  };
  for (const meeting of meetings) {
    const sitzung = meeting.value as Sitzung;
    if (sitzung.koerperschaft !== koerperschaft.name)
      out.push(
        diagnose('RM807', meeting.file, positionAt(meeting, ['koerperschaft']), {
          value: sitzung.koerperschaft,
          name: koerperschaft.name,
        }),
      );
    gremium(meeting, ['gremium'], sitzung.gremium);
  }
  for (const header of headers) {
    (header.value as Vorlage).beratungsfolge.forEach((b, i) => {
      gremium(header, ['beratungsfolge', i, 'gremium'], b.gremium);
    });
  }
  return out;
}
