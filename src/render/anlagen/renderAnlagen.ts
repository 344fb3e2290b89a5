/**
 * The Anlagen of one Vorlage, rendered once with it: each prepared as a part (prepareAnlage.ts),
 * each as a file of its own (<Nummer>-anlage-n.pdf: its pages stamped, „Seite x von y“ of the
 * file), and the Vorlage's own PDF with the Anlagen it may carry after its pages (the packet's
 * assembly: one footer count over all pages, bookmarks „Anlage n: <Titel>“). A file claims
 * PDF/A-2b only when every Anlage in it is PDF/A-2b.
 */
import type { Document } from '../../model/types.js';
import { assemblePacket, type PacketPart } from '../../packet/assemblePacket.js';
import type { OutlineEntry } from '../pdf/pdfBlocks.js';
import { anlageLabels } from './anlageLabels.js';
import { prepareAnlage } from './prepareAnlage.js';
import type { AnlageInput } from './anlageInputs.js';

export { anlageInputs, withoutBytes, type AnlageInput } from './anlageInputs.js';

export interface RenderedAnlage {
  readonly nummer: number;
  /** the prepared pages, for the packets */
  readonly part: Uint8Array;
  readonly pages: number;
  /** <Nummer>-anlage-n.pdf */
  readonly file: Uint8Array;
  readonly pdfa: boolean;
}

/** The part of an Anlage in an assembly; `level` of its bookmark. */
export const anlagePart = (
  vorlage: string,
  anlage: { readonly nummer: number; readonly titel: string },
  pdf: Uint8Array,
  level: number,
): PacketPart => {
  const labels = anlageLabels(vorlage, anlage.nummer, anlage.titel);
  return {
    pdf,
    outline: [],
    anlage: { dest: labels.dest, bookmark: labels.bookmark, stamp: labels.stamp, level },
  };
};

export async function renderAnlagen(
  doc: Document,
  anlagen: readonly AnlageInput[],
): Promise<RenderedAnlage[]> {
  return Promise.all(
    anlagen.map(async (a) => {
      const prepared = await prepareAnlage(a.art, a.bytes);
      const labels = anlageLabels(a.vorlage, a.nummer, a.titel);
      const file = await assemblePacket({
        meta: { ...doc.meta, title: labels.stamp, subject: labels.stamp },
        parts: [anlagePart(a.vorlage, a, prepared.pdf, 1)],
        pdfa: a.pdfa,
      });
      return { nummer: a.nummer, part: prepared.pdf, pages: prepared.pages, file, pdfa: a.pdfa };
    }),
  );
}

/** The Vorlage's own PDF with the Anlagen it carries after its pages. */
export function withAnlagen(
  doc: Document,
  own: { readonly pdf: Uint8Array; readonly outline: readonly OutlineEntry[] },
  anlagen: readonly AnlageInput[],
  rendered: readonly RenderedAnlage[],
): Promise<Uint8Array> {
  const carried = anlagen.flatMap((a, i) => {
    const r = rendered[i];
    return a.imEigenenPdf && r !== undefined ? [{ a, r }] : [];
  });
  return assemblePacket({
    meta: doc.meta,
    parts: [
      { pdf: own.pdf, outline: own.outline },
      ...carried.map(({ a, r }) => anlagePart(a.vorlage, a, r.part, 1)),
    ],
    pdfa: carried.every(({ a }) => a.pdfa),
  });
}
