/**
 * The overlay document of a packet's page furniture (pdfkit directly, no layout engine needed
 * for one line per page): its pages are the TOP lines, the footers ("<text> … Seite x von y",
 * as the footer's text and its page label) and the stamps of Anlage pages, each drawn once
 * where many packet pages show the same. The packet turns them into form XObjects
 * (renderFurniture's `layout` says which go on which page).
 */
import type { Design } from '../../model/types.js';
import { drawAnlageStamp } from '../anlagen/stampAnlage.js';
import {
  drawFooterText,
  drawPageLabel,
  drawTopHeader,
  pageLabelWidth,
  RULE_GREY,
  type KitDocument,
} from './pageFurniture.js';
import { pdfFontsOf } from './pdfFonts.js';
import { requirePdfmake } from './pdfmakeInternals.js';

export interface PageFurniture {
  readonly size: { readonly width: number; readonly height: number };
  readonly header?: { readonly text: string; readonly first: boolean } | undefined;
  /** an Anlage page: the stamp line with the page number instead of header and footer */
  readonly stamp?: string | undefined;
}

/** Per packet page, the overlay pages (form XObjects) painted before and after its body. */
export interface FurnitureLayout {
  /** its header (the TOP line) or an Anlage's stamp */
  readonly head: number | undefined;
  /** its footer: the rule and text, then the page label (none on an Anlage's page) */
  readonly foot: readonly number[];
}

const PDFKit = requirePdfmake('pdfkit') as new (
  options: Record<string, unknown>,
) => KitDocument & { end(): void; on(event: string, listener: (chunk?: Buffer) => void): void };

/**
 * Renders the overlay pages in the packet's font (meta.design.font, or Roboto) with its accent
 * colour on the footer rule; fixed dates, so equal input gives equal bytes. What is the same
 * on many pages is drawn once: the running TOP line of a Vorlage's following pages, the footer's
 * rule and text (per width of the page label); each page has its own label, and an Anlage's
 * page its stamp. `layout`: the overlay pages of each packet page.
 */
export async function renderFurniture(
  pages: readonly PageFurniture[],
  footer: string,
  design?: Design,
): Promise<{ pdf: Uint8Array; layout: FurnitureLayout[] }> {
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
  const drawn = new Map<string, number>();
  /** the overlay page of `key`, drawn on first use */
  const form = (key: string, size: readonly number[], draw: () => void): number => {
    let index = drawn.get(key);
    if (index === undefined) {
      kit.addPage({ size, margin: 0 });
      draw();
      index = drawn.size;
      drawn.set(key, index);
    }
    return index;
  };
  const layout = pages.map((page, i): FurnitureLayout => {
    const size = [page.size.width, page.size.height];
    const at = size.join('x');
    const { stamp, header } = page;
    if (stamp !== undefined) {
      const draw = (): void => {
        drawAnlageStamp(kit, fonts, page.size.width, stamp, i + 1, pages.length, memo);
      };
      return { head: form(`stamp ${String(i)}`, size, draw), foot: [] };
    }
    const head =
      header === undefined
        ? undefined
        : form(`${header.first ? 'first' : 'running'} ${at} ${header.text}`, size, () => {
            drawTopHeader(kit, fonts, header.text, header.first);
          });
    const width = pageLabelWidth(kit, fonts, i + 1, pages.length);
    const text = form(`footer ${at} ${String(width)}`, size, () => {
      drawFooterText(kit, fonts, footer, width, rule);
    });
    const label = form(`label ${String(i)}`, size, () => {
      drawPageLabel(kit, fonts, i + 1, pages.length);
    });
    return { head, foot: [text, label] };
  });
  kit.end();
  return { pdf: await done, layout };
}
