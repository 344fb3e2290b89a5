/**
 * The overlay document of a packet's page furniture (pdfkit directly, no layout engine needed
 * for one line per page): for every packet page two pages, the header (empty when the page has
 * none) and the footer "<text> … Seite x von y"; for an Anlage page one, its stamp (it has no
 * footer). The packet turns them into form XObjects (overlayPages gives their indices).
 */
import type { Design } from '../../model/types.js';
import { drawAnlageStamp } from '../anlagen/stampAnlage.js';
import { drawFooter, drawTopHeader, RULE_GREY, type KitDocument } from './pageFurniture.js';
import { pdfFontsOf } from './pdfFonts.js';
import { requirePdfmake } from './pdfmakeInternals.js';

export interface PageFurniture {
  readonly size: { readonly width: number; readonly height: number };
  readonly header?: { readonly text: string; readonly first: boolean } | undefined;
  /** an Anlage page: the stamp line with the page number instead of header and footer */
  readonly stamp?: string | undefined;
}

/** Per packet page, the overlay pages of its header (or stamp) and its footer (none for a stamp). */
export function overlayPages(
  pages: readonly PageFurniture[],
): { readonly head: number; readonly foot: number | undefined }[] {
  let next = 0;
  return pages.map((page) => {
    const head = next++;
    return { head, foot: page.stamp === undefined ? next++ : undefined };
  });
}

const PDFKit = requirePdfmake('pdfkit') as new (
  options: Record<string, unknown>,
) => KitDocument & { end(): void; on(event: string, listener: (chunk?: Buffer) => void): void };

/**
 * Renders the overlay pages in the packet's font (meta.design.font, or Roboto) with its accent
 * colour on the footer rule; fixed dates, so equal input gives equal bytes.
 */
export function renderFurniture(
  pages: readonly PageFurniture[],
  footer: string,
  design?: Design,
): Promise<Buffer> {
  const fonts = pdfFontsOf(design).furniture;
  const rule = design?.accent ?? RULE_GREY;
  const fixed = new Date(0);
  const kit = new PDFKit({
    autoFirstPage: false,
    // small streams: zlib per stream cost more than the bytes it saves (about 150 per page)
    compress: false,
    pdfVersion: '1.7',
    // pdfkit then writes its sRGB output intent, which an assembly of foreign parts adopts
    subset: 'PDF/A-2b',
    info: { CreationDate: fixed, ModDate: fixed },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve) => {
    kit.on('data', (chunk) => {
      if (chunk) chunks.push(chunk);
    });
    kit.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
  });
  const memo = new Map<string, string>();
  pages.forEach((page, i) => {
    const size = [page.size.width, page.size.height];
    kit.addPage({ size, margin: 0 });
    if (page.stamp !== undefined) {
      drawAnlageStamp(kit, fonts, page.size.width, page.stamp, i + 1, pages.length, memo);
      return;
    }
    if (page.header !== undefined) drawTopHeader(kit, fonts, page.header.text, page.header.first);
    kit.addPage({ size, margin: 0 });
    drawFooter(kit, fonts, footer, i + 1, pages.length, rule);
  });
  kit.end();
  return done;
}
