/**
 * The Anlagen of a Vorlage as the renderer and the cache key take them. Kept apart from
 * renderAnlagen.ts so that the build's main thread can use them without loading the render
 * stack (pdf-lib, pdfmake, docx): measured, that import alone cost 1 s at every start.
 */
import type { ComposedVorlage } from '../../compose/compose.js';
import type { AnlageArt } from '../../load/inspectAnlage.js';

/** An Anlage with a file, as the renderer gets it. */
export interface AnlageInput {
  readonly vorlage: string;
  readonly nummer: number;
  readonly titel: string;
  readonly art: AnlageArt;
  readonly bytes: Uint8Array;
  /** the file is PDF/A-2b (inspectAnlage.ts) */
  readonly pdfa: boolean;
  /** it follows the Vorlage in the Vorlage's own PDF (false: a non-public Anlage of a public Vorlage) */
  readonly imEigenenPdf: boolean;
}

/** The Anlagen of a composed Vorlage that have a file, as the renderer takes them. */
export const anlageInputs = (vorlage: ComposedVorlage): AnlageInput[] =>
  vorlage.anlagen.flatMap((a) =>
    a.datei === null
      ? []
      : [
          {
            vorlage: vorlage.nummer,
            nummer: a.nummer,
            titel: a.titel,
            art: a.datei.art,
            bytes: a.datei.bytes,
            pdfa: a.datei.keinPdfa === null,
            imEigenenPdf: !a.nurMitglieder,
          },
        ],
  );

/** A Vorlage as the cache key takes it: the Anlagen by their sha256, not their bytes. */
export const withoutBytes = (vorlage: ComposedVorlage): unknown => ({
  ...vorlage,
  anlagen: vorlage.anlagen.map((a) =>
    a.datei === null ? a : { ...a, datei: { ...a.datei, bytes: undefined } },
  ),
});
