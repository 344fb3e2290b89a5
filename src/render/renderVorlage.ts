/**
 * One Vorlage, rendered once: its own PDF and DOCX, and the pages the packets reuse. Runs in a
 * worker thread (renderWorker.ts) or in the calling thread; data in, bytes out.
 */
import { importOwn } from './importOwn.js';
import type { Document } from '../model/types.js';
import { headingIdsOf, linkTargets, unlinkBlocks } from '../model/unlink.js';
import type { RenderedAnlage } from './anlagen/renderAnlagen.js';
import type { AnlageInput } from './anlagen/anlageInputs.js';
import type { ChartCacheRef } from './chart/chartStore.js';
import type { OutlineEntry } from './pdf/pdfBlocks.js';
import type { PdfOptions } from './pdf/renderPdf.js';

export interface RenderedVorlage {
  /** the Vorlage's own PDF (PDF/A-2b); links only to targets inside it */
  readonly pdf: Uint8Array;
  /** the same pages with their links to other Vorlagen, for the packets (null: same as pdf) */
  readonly part: Uint8Array | null;
  readonly pages: number;
  readonly outline: readonly OutlineEntry[];
  readonly docx: Uint8Array;
  /** the Anlagen with a file, in order (their pages are not in `pages`) */
  readonly anlagen: readonly RenderedAnlage[];
  /** the own PDF claims PDF/A-2b (false: an Anlage in it is not PDF/A-2b) */
  readonly pdfa: boolean;
}

/** pdf-lib's save without its event-loop pauses and object streams (faster, same content) */
export const SAVE_OPTIONS = {
  useObjectStreams: false,
  addDefaultPage: false,
  objectsPerTick: Number.POSITIVE_INFINITY,
  updateFieldAppearances: false,
} as const;

/**
 * The PDF side of a Vorlage. `doc` may link other Vorlagen of the meeting (`#vorlage-<Nummer>`);
 * they stay in `part`. `options`: PDF/A-2b (default) or, for the archive, PDF/A-3b with the
 * sources embedded; the Anlagen follow either way, and the claim holds only when they are PDF/A.
 * `charts`: where the charts' pictures are cached. The PDF stack (pdfmake, pdf-lib) is loaded
 * with the first call: a thread that renders only DOCX never loads it.
 */
export async function renderVorlagePdf(
  doc: Document,
  anlagen: readonly AnlageInput[] = [],
  options: PdfOptions = { pdfa: '2b' },
  charts?: ChartCacheRef,
): Promise<Omit<RenderedVorlage, 'docx'>> {
  const [
    { PDFDocument },
    { dropDanglingLinks },
    { renderAnlagen, withAnlagen },
    { renderPdfPart },
  ] = await Promise.all([
    import('pdf-lib'),
    importOwn<typeof import('../packet/pdfNames.js')>(import.meta.url, '../packet/pdfNames.js'),
    importOwn<typeof import('./anlagen/renderAnlagen.js')>(
      import.meta.url,
      './anlagen/renderAnlagen.js',
    ),
    importOwn<typeof import('./pdf/renderPdf.js')>(import.meta.url, './pdf/renderPdf.js'),
  ]);
  const own = headingIdsOf(doc.blocks);
  const foreign = [...linkTargets(doc.blocks)].filter((t) => !own.has(t));
  const rendered = await renderPdfPart(doc, { ...options, charts });
  let pdf: Uint8Array = rendered.bytes;
  let part: Uint8Array | null = null;
  if (foreign.length > 0) {
    part = rendered.bytes;
    const copy = await PDFDocument.load(rendered.bytes, { updateMetadata: false });
    for (const page of copy.getPages()) dropDanglingLinks(page, (name) => own.has(name));
    pdf = await copy.save(SAVE_OPTIONS);
  }
  const { rendered: done, loaded } = await renderAnlagen(doc, anlagen);
  const carried = anlagen.filter((a) => a.imEigenenPdf);
  if (carried.length > 0) {
    // the packets take the Vorlage's pages alone (part), its own PDF has the Anlagen after them
    part ??= pdf;
    pdf = await withAnlagen(doc, { pdf, outline: rendered.outline }, anlagen, done, loaded);
  }
  const pdfa = carried.every((a) => a.pdfa);
  return { pdf, part, pages: rendered.pages, outline: rendered.outline, anlagen: done, pdfa };
}

/**
 * The DOCX of a Vorlage: its links to other Vorlagen become plain text. The DOCX stack is loaded
 * with the first call.
 */
export async function renderVorlageDocx(
  doc: Document,
  charts?: ChartCacheRef,
): Promise<Uint8Array> {
  const { renderDocx } = await importOwn<typeof import('./docx/renderDocx.js')>(
    import.meta.url,
    './docx/renderDocx.js',
  );
  const own = headingIdsOf(doc.blocks);
  return renderDocx({ ...doc, blocks: unlinkBlocks(doc.blocks, (t) => own.has(t)) }, charts);
}

/** Both, in this thread. */
export async function renderVorlage(
  doc: Document,
  anlagen: readonly AnlageInput[] = [],
  charts?: ChartCacheRef,
): Promise<RenderedVorlage> {
  const pdf = await renderVorlagePdf(doc, anlagen, { pdfa: '2b' }, charts);
  return { ...pdf, docx: await renderVorlageDocx(doc, charts) };
}
