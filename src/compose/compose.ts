import { meetingId, type LoadedContent } from '../load/loadContent.js';
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
  | { readonly art: 'uma'; readonly datei: string; readonly daten: Uma }
  | { readonly art: string; readonly datei: string; readonly daten: EigenerAbschnitt };

/** A section of an own kind (content/abschnittsarten/<art>.schema.json): checked, not typed. */
export interface EigenerAbschnitt {
  readonly art: string;
  readonly titel: string;
  readonly [feld: string]: unknown;
}

export interface Gruppe {
  /** heading of the group, null for sections listed without a group */
  readonly titel: string | null;
  readonly abschnitte: readonly Abschnitt[];
}

export interface ComposedVorlage {
  readonly nummer: string;
  /**
   * vorlage.yaml as written, except `oeffentlich`: false in a meeting that discusses the
   * Vorlage in its non-public part (RM514), so that nothing publishes it there.
   */
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

/** Every TOP in agenda order, sub-items after their item. */
export const flattenTops = (tops: readonly ComposedTop[]): ComposedTop[] =>
  tops.flatMap((t) => [t, ...flattenTops(t.unterpunkte)]);

/** Resolves one checked Vorlage: its header and its sections in order. Pure; null without a header. */
export function composeVorlage(
  content: LoadedContent,
  nummer: string,
  koerperschaft: string,
  onPublicTop: boolean,
): ComposedVorlage | null {
  const sources = content.vorlagen.get(nummer);
  if (!sources?.header) return null;
  const header = sources.header.value as Vorlage;
  const kopf = onPublicTop ? header : { ...header, oeffentlich: false };
  const dateien = [sources.header.file];
  const section = (name: string): Abschnitt => {
    const source = sources.sections.get(name);
    if (!source) throw new Error(`section ${name} of ${nummer} was not checked`);
    dateien.push(source.file);
    const daten = source.value as { art: string };
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
  // a Vorlage stands on one TOP of a meeting (RM511), so its TOP decides whether it is public
  const vorlage = (nummer: string | undefined, oeffentlich: boolean): ComposedVorlage | null =>
    nummer === undefined
      ? null
      : composeVorlage(content, nummer, sitzung.koerperschaft, oeffentlich);
  const number = (items: readonly Top[], prefix: string, parentPublic: boolean): ComposedTop[] =>
    items.map((top, i) => {
      const nummer = `${prefix}${i + 1}`;
      const oeffentlich = parentPublic && top.oeffentlich !== false;
      return {
        nummer,
        titel: top.titel,
        oeffentlich,
        vorlage: vorlage(top.vorlage, oeffentlich),
        unterpunkte: number(top.unterpunkte ?? [], `${nummer}.`, oeffentlich),
      };
    });
  const tagesordnung = number(sitzung.tagesordnung, '', true);
  const vorlagen = flattenTops(tagesordnung)
    .map((top) => top.vorlage)
    .filter((v): v is ComposedVorlage => v !== null);
  const id = meetingId(file);
  return { id, sitzung, tagesordnung, vorlagen };
}
