import { diagnose } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { positionAt, type Path, type Source } from '../load/positions.js';
import type { Sitzung, Vorlage } from '../types/content.js';
import type { Koerperschaft } from './checkKoerperschaft.js';
import { nearest } from './describe.js';

/**
 * Where a section names a Gremium, by its kind: the body that decided the Integrationspauschale's
 * Aufteilung (the only Gremium the built-in kinds name; schemas/*.schema.json).
 */
const SECTION_GREMIEN: Readonly<Record<string, readonly Path[]>> = {
  integrationspauschale: [['aufteilung', 'beschluss', 'gremium']],
};

/** The value at `path` of a section, where it is a string. */
function stringAt(value: unknown, path: Path): string | undefined {
  let node: unknown = value;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return typeof node === 'string' ? node : undefined;
}

/**
 * Every meeting belongs to the body (its `koerperschaft` is koerperschaft.yaml's `name`), and a
 * meeting's `gremium`, every Gremium of a Beratungsfolge and every Gremium a section names
 * (`aufteilung.beschluss.gremium`) is one of `gremien`.
 */
export function checkGremien(
  koerperschaft: Koerperschaft,
  meetings: readonly Source[],
  headers: readonly Source[],
  sections: readonly Source[] = [],
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
  for (const section of sections) {
    const art = stringAt(section.value, ['art']) ?? '';
    for (const path of SECTION_GREMIEN[art] ?? []) {
      const value = stringAt(section.value, path);
      if (value !== undefined) gremium(section, path, value);
    }
  }
  return out;
}
