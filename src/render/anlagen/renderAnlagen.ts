/**
 * The Anlagen of one Vorlage, rendered once with it: each prepared as a part (prepareAnlage.ts),
 * each as a file of its own (<Nummer>-anlage-n.pdf: its pages stamped, „Seite x von y“ of the
 * file), and the Vorlage's own PDF with the Anlagen it may carry after its pages (the packet's
 * assembly: one footer count over all pages, bookmarks „Anlage n: <Titel>“). A file claims
 * PDF/A-2b only when every Anlage in it is PDF/A-2b.
 */
import type { PDFDocument } from 'pdf-lib';
import type { Document } from '../../model/types.js';
import { assemblePacket, type PacketPart } from '../../packet/assemblePacket.js';
import type { OutlineEntry } from '../pdf/pdfBlocks.js';
import { anlageLabels } from './anlageLabels.js';
import { prepareAnlage } from './prepareAnlage.js';
import type { AnlageInput } from './anlageInputs.js';

export interface RenderedAnlage {
  readonly nummer: number;
  /** the prepared pages, for the packets */
  readonly part: Uint8Array;
  readonly pages: number;
  /** <Nummer>-anlage-n.pdf */
  readonly file: Uint8Array;
  readonly pdfa: boolean;
}

/** The part of an Anlage in an assembly; `level` of its bookmark; `loaded`: pdf's document. */
export const anlagePart = (
  vorlage: string,
  anlage: { readonly nummer: number; readonly titel: string },
  pdf: Uint8Array,
  level: number,
  loaded?: PDFDocument,
): PacketPart => {
  const labels = anlageLabels(vorlage, anlage.nummer, anlage.titel);
  return {
    pdf,
    ...(loaded === undefined ? {} : { loaded }),
    outline: [],
    anlage: { dest: labels.dest, bookmark: labels.bookmark, stamp: labels.stamp, level },
  };
};

/**
 * The Anlagen rendered, and the prepared documents in memory (`loaded`, in the same order), which
 * withAnlagen copies from in this thread instead of parsing the parts again.
 */
export async function renderAnlagen(
  doc: Document,
  anlagen: readonly AnlageInput[],
): Promise<{ rendered: RenderedAnlage[]; loaded: PDFDocument[] }> {
  const done = await Promise.all(
    anlagen.map(async (a) => {
      const prepared = await prepareAnlage(a.art, a.bytes);
      const labels = anlageLabels(a.vorlage, a.nummer, a.titel);
      const file = await assemblePacket({
        meta: { ...doc.meta, title: labels.stamp, subject: labels.stamp },
        parts: [anlagePart(a.vorlage, a, prepared.pdf, 1, prepared.doc)],
        pdfa: a.pdfa,
      });
      const rendered = { nummer: a.nummer, part: prepared.pdf, pages: prepared.pages, file };
      return { rendered: { ...rendered, pdfa: a.pdfa }, loaded: prepared.doc };
    }),
  );
  return { rendered: done.map((d) => d.rendered), loaded: done.map((d) => d.loaded) };
}

/** The Vorlage's own PDF with the Anlagen it carries after its pages. */
export function withAnlagen(
  doc: Document,
  own: { readonly pdf: Uint8Array; readonly outline: readonly OutlineEntry[] },
  anlagen: readonly AnlageInput[],
  rendered: readonly RenderedAnlage[],
  loaded: readonly PDFDocument[] = [],
): Promise<Uint8Array> {
  const carried = anlagen.flatMap((a, i) => {
    const r = rendered[i];
    return a.imEigenenPdf && r !== undefined ? [{ a, r, doc: loaded[i] }] : [];
  });
  return assemblePacket({
    meta: doc.meta,
    parts: [
      { pdf: own.pdf, outline: own.outline },
      ...carried.map(({ a, r, doc: d }) => anlagePart(a.vorlage, a, r.part, 1, d)),
    ],
    pdfa: carried.every(({ a }) => a.pdfa),
  });
}
