/**
 * One Vorlage, rendered once: its own PDF and DOCX, and the pages the packets reuse. Runs in a
 * worker thread (renderWorker.ts) or in the calling thread; data in, bytes out.
 */
import { PDFDocument } from 'pdf-lib';
import type { Document } from '../model/types.js';
import { headingIdsOf, linkTargets, unlinkBlocks } from '../model/unlink.js';
import { dropDanglingLinks } from '../packet/pdfNames.js';
import { renderDocx } from './docx/renderDocx.js';
import type { OutlineEntry } from './pdf/pdfBlocks.js';
import { renderPdfPart } from './pdf/renderPdf.js';

export interface RenderedVorlage {
  /** the Vorlage's own PDF (PDF/A-2b); links only to targets inside it */
  readonly pdf: Uint8Array;
  /** the same pages with their links to other Vorlagen, for the packets (null: same as pdf) */
  readonly part: Uint8Array | null;
  readonly pages: number;
  readonly outline: readonly OutlineEntry[];
  readonly docx: Uint8Array;
}

/** pdf-lib's save without its event-loop pauses and object streams (faster, same content) */
export const SAVE_OPTIONS = {
  useObjectStreams: false,
  addDefaultPage: false,
  objectsPerTick: Number.POSITIVE_INFINITY,
  updateFieldAppearances: false,
} as const;

/** The PDF side of a Vorlage. `doc` may link other Vorlagen of the meeting (`#vorlage-<Nummer>`); they stay in `part`. */
export async function renderVorlagePdf(doc: Document): Promise<Omit<RenderedVorlage, 'docx'>> {
  const own = headingIdsOf(doc.blocks);
  const foreign = [...linkTargets(doc.blocks)].filter((t) => !own.has(t));
  const rendered = await renderPdfPart(doc, { pdfa: '2b' });
  let pdf: Uint8Array = rendered.bytes;
  let part: Uint8Array | null = null;
  if (foreign.length > 0) {
    part = rendered.bytes;
    const copy = await PDFDocument.load(rendered.bytes, { updateMetadata: false });
    for (const page of copy.getPages()) dropDanglingLinks(page, (name) => own.has(name));
    pdf = await copy.save(SAVE_OPTIONS);
  }
  return { pdf, part, pages: rendered.pages, outline: rendered.outline };
}

/** The DOCX of a Vorlage: its links to other Vorlagen become plain text. */
export function renderVorlageDocx(doc: Document): Promise<Uint8Array> {
  const own = headingIdsOf(doc.blocks);
  return renderDocx({ ...doc, blocks: unlinkBlocks(doc.blocks, (t) => own.has(t)) });
}

/** Both, in this thread. */
export async function renderVorlage(doc: Document): Promise<RenderedVorlage> {
  const pdf = await renderVorlagePdf(doc);
  return { ...pdf, docx: await renderVorlageDocx(doc) };
}
