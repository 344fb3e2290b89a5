import { compareStrings, sha256Once } from '../write/digest.js';
import type { ComposedMeeting } from '../compose/compose.js';

/** One output file as the manifest lists it. */
export interface ManifestFile {
  readonly pfad: string;
  readonly sha256: string;
  readonly groesse: number;
  /** sitzungsmappe, vorlage-pdf, vorlage-docx */
  readonly art: string;
  readonly vorlage?: {
    readonly nummer: string;
    readonly version: number;
    readonly betreff: string;
  };
  /** an Anlage file: which Anlage, and the original it was made from */
  readonly anlage?: AnlageInfo;
  /** a PDF: 'PDF/A-2b', or null when an Anlage in it is not (ohnePdfaWegen names it) */
  readonly pdfa?: 'PDF/A-2b' | null;
  readonly ohnePdfaWegen?: readonly string[];
}

export interface AnlageInfo {
  readonly nummer: number;
  readonly titel: string;
  /** the original, relative to the Vorlage's folder */
  readonly quelle: string;
  readonly quelleSha256: string;
}

export interface Manifest {
  readonly format: 'ratsmappe-ausgabe/1';
  readonly werkzeug: { readonly name: 'ratsmappe'; readonly version: string };
  readonly bereich: 'öffentlich' | 'nichtöffentlich';
  readonly sitzung: {
    readonly id: string;
    readonly koerperschaft: string;
    readonly gremium: string;
    readonly wahlperiode: number | string;
    readonly datum: string;
    readonly beginn: string;
    readonly ort: string;
  };
  readonly dateien: readonly ManifestFile[];
}

export interface ManifestEntry {
  readonly pfad: string;
  readonly bytes: Uint8Array;
  readonly art: string;
  readonly vorlage?: ManifestFile['vorlage'];
  readonly anlage?: AnlageInfo;
  /** a PDF: what keeps it from PDF/A-2b (empty or absent: it is PDF/A-2b) */
  readonly ohnePdfaWegen?: readonly string[];
}

/**
 * The manifest of one output folder. It holds only what the folder holds: the public manifest
 * names public files and public Vorlagen only. No clock time: the same content gives the same bytes.
 */
export function createManifest(
  meeting: ComposedMeeting,
  bereich: Manifest['bereich'],
  toolVersion: string,
  entries: readonly ManifestEntry[],
): Manifest {
  const { sitzung } = meeting;
  return {
    format: 'ratsmappe-ausgabe/1',
    werkzeug: { name: 'ratsmappe', version: toolVersion },
    bereich,
    sitzung: {
      id: meeting.id,
      koerperschaft: sitzung.koerperschaft,
      gremium: sitzung.gremium,
      wahlperiode: sitzung.wahlperiode,
      datum: sitzung.datum,
      beginn: sitzung.beginn,
      ort: sitzung.ort,
    },
    dateien: [...entries]
      .sort((a, b) => compareStrings(a.pfad, b.pfad))
      .map((e) => ({
        pfad: e.pfad,
        sha256: sha256Once(e.bytes),
        groesse: e.bytes.length,
        art: e.art,
        ...(e.vorlage ? { vorlage: e.vorlage } : {}),
        ...(e.anlage ? { anlage: e.anlage } : {}),
        ...(e.pfad.endsWith('.pdf') ? pdfaOf(e.ohnePdfaWegen ?? []) : {}),
      })),
  };
}

const pdfaOf = (wegen: readonly string[]): Pick<ManifestFile, 'pdfa' | 'ohnePdfaWegen'> =>
  wegen.length === 0 ? { pdfa: 'PDF/A-2b' } : { pdfa: null, ohnePdfaWegen: wegen };
