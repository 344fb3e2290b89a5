import { posix } from 'node:path';
import { checkImageFile, imageReferences } from '../check/checkImages.js';
import type { Koerperschaft } from '../check/checkKoerperschaft.js';
import type { AnlageArt } from '../load/inspectAnlage.js';
import { folderOf } from '../format/vorlagennummer.js';
import type { ImageFile } from '../model/types.js';
import { meetingId, type LoadedContent } from '../load/loadContent.js';
import { sha256 } from '../write/digest.js';
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

/** An Anlage's file, checked: its bytes, kind and whether its pages can stand in a PDF/A-2b file. */
export interface AnlageDatei {
  /** relative to the content folder, e.g. vorlagen/SV-9-1601/anlagen/lageplan.pdf */
  readonly pfad: string;
  /** as written in vorlage.yaml, relative to the Vorlage's folder */
  readonly name: string;
  readonly art: AnlageArt;
  readonly sha256: string;
  readonly bytes: Uint8Array;
  /** why the file is not PDF/A-2b (the files that contain it claim no PDF/A); null: it is */
  readonly keinPdfa: string | null;
}

export interface ComposedAnlage {
  /** 1, 2, … in the order of `anlagen` */
  readonly nummer: number;
  readonly titel: string;
  /** public: in the public packet and folder; a non-public Vorlage has only non-public Anlagen */
  readonly oeffentlich: boolean;
  /** a non-public Anlage of a public Vorlage: the Vorlage's head does not print its title */
  readonly nurMitglieder: boolean;
  /** null for an Anlage that is only named (e.g. „Lageplan (liegt in Papierform vor)“) */
  readonly datei: AnlageDatei | null;
}

export interface ComposedVorlage {
  readonly nummer: string;
  /** its folder under vorlagen/ and the name of its files: the number, `/` and space as `-` */
  readonly ordner: string;
  /**
   * vorlage.yaml as written, except `oeffentlich`: false in a meeting that discusses the
   * Vorlage in its non-public part (RM514), so that nothing publishes it there.
   */
  readonly kopf: Vorlage;
  /** the body's name */
  readonly koerperschaft: string;
  /** the body's settings from koerperschaft.yaml (letterhead, numbering, Gremien, design) */
  readonly einstellungen: Koerperschaft;
  readonly gruppen: readonly Gruppe[];
  /** the content files this Vorlage was made from, relative to the content folder */
  readonly dateien: readonly string[];
  readonly anlagen: readonly ComposedAnlage[];
  /** the pictures its `bild` blocks show, by `datei` (checked: check/checkImages.ts) */
  readonly bilder?: Readonly<Record<string, ImageFile>>;
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
  /** the body's settings from koerperschaft.yaml */
  readonly koerperschaft: Koerperschaft;
  readonly tagesordnung: readonly ComposedTop[];
  /** every Vorlage on the agenda, in agenda order */
  readonly vorlagen: readonly ComposedVorlage[];
}

/** Every TOP in agenda order, sub-items after their item. */
export const flattenTops = (tops: readonly ComposedTop[]): ComposedTop[] =>
  tops.flatMap((t) => [t, ...flattenTops(t.unterpunkte)]);

/** Resolves one checked Vorlage (by its folder): its header and its sections in order. Pure; null without a header. */
export function composeVorlage(
  content: LoadedContent,
  ordner: string,
  einstellungen: Koerperschaft,
  onPublicTop: boolean,
): ComposedVorlage | null {
  const sources = content.vorlagen.get(ordner);
  if (!sources?.header) return null;
  const header = sources.header.value as Vorlage;
  const { nummer } = header;
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
  const files = content.anlagen.get(ordner) ?? [];
  const anlagen = (kopf.anlagen ?? []).map((entry, i): ComposedAnlage => {
    const named = typeof entry === 'string';
    const oeffentlich = kopf.oeffentlich && (named || entry.oeffentlich !== false);
    const base = { nummer: i + 1, oeffentlich, nurMitglieder: kopf.oeffentlich && !oeffentlich };
    if (named) return { ...base, titel: entry, datei: null };
    const pfad = `vorlagen/${ordner}/${entry.datei}`;
    const file = files.find((f) => f.path === pfad);
    if (!file?.bytes || !file.facts?.art) throw new Error(`Anlage ${pfad} was not checked`);
    const datei: AnlageDatei = {
      pfad,
      name: entry.datei,
      art: file.facts.art,
      sha256: sha256(file.bytes),
      bytes: file.bytes,
      keinPdfa: file.facts.keinPdfa,
    };
    return { ...base, titel: entry.titel, datei };
  });
  const koerperschaft = einstellungen.name;
  const bilder = picturesOf(content, ordner, [
    sources.header.value,
    ...gruppen.flatMap((g) => g.abschnitte.map((a) => a.daten)),
  ]);
  return {
    nummer,
    ordner,
    kopf,
    koerperschaft,
    einstellungen,
    gruppen,
    dateien,
    anlagen,
    ...(bilder ? { bilder } : {}),
  };
}

/** The checked pictures the values' `bild` blocks name; undefined when there are none. */
function picturesOf(
  content: LoadedContent,
  folder: string,
  values: readonly unknown[],
): Record<string, ImageFile> | undefined {
  const refs = values.flatMap((v) => imageReferences(v));
  if (refs.length === 0) return undefined;
  const files = content.bilder?.get(folder) ?? [];
  const out: Record<string, ImageFile> = {};
  for (const { datei } of refs) {
    const raw = files.find((f) => f.path === posix.join('vorlagen', folder, datei));
    const checked = checkImageFile(raw, datei);
    if ('fault' in checked) throw new Error(`image ${datei} of ${folder} was not checked`);
    const { bytes, info } = checked;
    // a plain view (not a Buffer): cache keys hash it (cache/renderCache.ts)
    out[datei] = { ...info, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) };
  }
  return out;
}

/** Resolves a checked meeting: numbers the agenda and attaches its Vorlagen. Pure. */
export function composeMeeting(
  content: LoadedContent,
  file: string,
  sitzung: Sitzung,
  koerperschaft: Koerperschaft,
): ComposedMeeting {
  // a Vorlage stands on one TOP of a meeting (RM511), so its TOP decides whether it is public
  const vorlage = (nummer: string | undefined, oeffentlich: boolean): ComposedVorlage | null =>
    nummer === undefined
      ? null
      : composeVorlage(content, folderOf(nummer), koerperschaft, oeffentlich);
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
  return { id, sitzung, koerperschaft, tagesordnung, vorlagen };
}
