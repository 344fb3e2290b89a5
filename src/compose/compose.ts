import { posix } from 'node:path';
import { flattenAgenda } from '../check/checkReferences.js';
import type { SectionKind } from '../check/validateSchema.js';
import type { LoadedContent } from '../load/loadContent.js';
import type {
  Integrationspauschale,
  Schwerpunktziele,
  Sitzung,
  Top,
  Sprachmittlerpool,
  TextAbschnitt,
  Uma,
  Vorlage,
} from '../types/content.js';

export type Abschnitt =
  | { readonly art: 'text'; readonly datei: string; readonly daten: TextAbschnitt }
  | { readonly art: 'schwerpunktziele'; readonly datei: string; readonly daten: Schwerpunktziele }
  | {
      readonly art: 'integrationspauschale';
      readonly datei: string;
      readonly daten: Integrationspauschale;
    }
  | { readonly art: 'sprachmittlerpool'; readonly datei: string; readonly daten: Sprachmittlerpool }
  | { readonly art: 'uma'; readonly datei: string; readonly daten: Uma };

export interface Gruppe {
  /** heading of the group, null for sections listed without a group */
  readonly titel: string | null;
  readonly abschnitte: readonly Abschnitt[];
}

export interface ComposedVorlage {
  readonly nummer: string;
  readonly kopf: Vorlage;
  readonly koerperschaft: string;
  readonly gruppen: readonly Gruppe[];
  /** the content files this Vorlage was made from, relative to the content folder */
  readonly dateien: readonly string[];
}

export interface ComposedTop {
  /** "1", "2", "3.1" */
  readonly nummer: string;
  readonly titel: string;
  readonly oeffentlich: boolean;
  readonly vorlage: ComposedVorlage | null;
  readonly unterpunkte: readonly ComposedTop[];
}

export interface ComposedMeeting {
  /** file name without .yaml, e.g. 2020-02-04-integrationsausschuss */
  readonly id: string;
  readonly sitzung: Sitzung;
  readonly tagesordnung: readonly ComposedTop[];
  /** every Vorlage on the agenda, in agenda order */
  readonly vorlagen: readonly ComposedVorlage[];
}

/** Resolves one checked Vorlage: its header and its sections in order. Pure; null without a header. */
export function composeVorlage(
  content: LoadedContent,
  nummer: string,
  koerperschaft: string,
): ComposedVorlage | null {
  const sources = content.vorlagen.get(nummer);
  if (!sources?.header) return null;
  const kopf = sources.header.value as Vorlage;
  const dateien = [sources.header.file];
  const section = (name: string): Abschnitt => {
    const source = sources.sections.get(name);
    if (!source) throw new Error(`section ${name} of ${nummer} was not checked`);
    dateien.push(source.file);
    const daten = source.value as { art: SectionKind };
    return { art: daten.art, datei: name, daten } as Abschnitt;
  };
  const gruppen: Gruppe[] = [];
  for (const entry of kopf.abschnitte) {
    if (typeof entry === 'string') {
      const last = gruppen[gruppen.length - 1];
      if (last?.titel === null)
        gruppen[gruppen.length - 1] = {
          titel: null,
          abschnitte: [...last.abschnitte, section(entry)],
        };
      else gruppen.push({ titel: null, abschnitte: [section(entry)] });
    } else {
      gruppen.push({ titel: entry.gruppe, abschnitte: entry.dateien.map(section) });
    }
  }
  return { nummer, kopf, koerperschaft, gruppen, dateien };
}

/** Resolves a checked meeting: numbers the agenda and attaches its Vorlagen. Pure. */
export function composeMeeting(
  content: LoadedContent,
  file: string,
  sitzung: Sitzung,
): ComposedMeeting {
  const cache = new Map<string, ComposedVorlage | null>();
  const vorlage = (nummer: string | undefined): ComposedVorlage | null => {
    if (nummer === undefined) return null;
    if (!cache.has(nummer))
      cache.set(nummer, composeVorlage(content, nummer, sitzung.koerperschaft));
    return cache.get(nummer) ?? null;
  };
  const number = (items: readonly Top[], prefix: string, parentPublic: boolean): ComposedTop[] =>
    items.map((top, i) => {
      const nummer = `${prefix}${i + 1}`;
      const oeffentlich = parentPublic && top.oeffentlich !== false;
      return {
        nummer,
        titel: top.titel,
        oeffentlich,
        vorlage: vorlage(top.vorlage),
        unterpunkte: number(top.unterpunkte ?? [], `${nummer}.`, oeffentlich),
      };
    });
  const tagesordnung = number(sitzung.tagesordnung, '', true);
  const vorlagen = flattenAgenda(sitzung.tagesordnung)
    .map(({ top }) => vorlage(top.vorlage))
    .filter((v): v is ComposedVorlage => v !== null);
  const id = posix.basename(file).replace(/\.ya?ml$/i, '');
  return { id, sitzung, tagesordnung, vorlagen };
}
