/**
 * Charts and pictures as pdfmake content: a chart is its SVG drawn as vectors by pdfmake's
 * svg-to-pdfkit (paths and real text in the document's font, no image), with its title above;
 * a picture is scaled to fit the text width (its aspect ratio kept, at most 60 % of the page
 * high; a PNG or JPEG no larger than at 96 dpi),
 * with its caption below. A figure is never split across pages.
 *
 * PNGs with alpha are made opaque on white before (`withOpaqueImages`, see opaquePng.ts) and
 * SVGs with transparency are refused by the check (RM624), so the PDF has no soft masks.
 */
import type { ContentStack } from 'pdfmake/interfaces.js';
import type { Block, Document } from '../../model/types.js';
import { chartSvg } from '../chart/chartSvg.js';
import { chartHeight, CHART_WIDTH } from '../chart/chartStore.js';
import type { ChartStyle } from '../chart/chartStyle.js';
import { opaquePng } from './opaquePng.js';
import { PAGE_HEIGHT, TEXT_WIDTH } from './pageGeometry.js';

/** what figures are drawn with */
export interface FigureContext {
  readonly chart: ChartStyle;
  /** the pdfmake family of the body text (the SVGs' text is set in it) */
  readonly family: string;
}

const MAX_HEIGHT = 0.6 * PAGE_HEIGHT;
type Margins = [number, number, number, number];

const svgSource = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** The chart or picture, with `margin` below. */
export function figureToContent(
  block: Extract<Block, { type: 'chart' | 'image' }>,
  ctx: FigureContext,
  margin: Margins,
): ContentStack {
  if (block.type === 'chart') {
    // the SVG names the font's own family; pdfmake finds the document's faces by its family
    const svg = chartSvg(block, ctx.chart).replaceAll(
      `font-family="${ctx.chart.family}"`,
      `font-family="${ctx.family}"`,
    );
    const scale = TEXT_WIDTH / CHART_WIDTH;
    return {
      stack: [
        { text: block.title, bold: true, fontSize: 10, margin: [0, 0, 0, 4] },
        { svg, width: TEXT_WIDTH, height: chartHeight(block) * scale, font: ctx.family },
      ],
      unbreakable: true,
      margin,
    };
  }
  const { file } = block;
  // a raster picture is not enlarged beyond its size at 96 dpi (it would blur); an SVG fills
  const natural = file.format === 'svg' ? Infinity : 0.75;
  const fit = Math.min(natural, TEXT_WIDTH / file.width, MAX_HEIGHT / file.height);
  const size = { width: file.width * fit, height: file.height * fit };
  const picture =
    file.format === 'svg'
      ? { svg: svgSource(file.bytes), ...size, font: ctx.family }
      : {
          image: `data:image/${file.format};base64,${Buffer.from(file.bytes).toString('base64')}`,
          ...size,
        };
  return {
    stack: [
      picture,
      ...(block.caption === undefined
        ? []
        : [
            {
              text: block.caption,
              fontSize: 9,
              italics: true,
              margin: [0, 4, 0, 0] satisfies Margins,
            },
          ]),
    ],
    unbreakable: true,
    margin,
  };
}

/** The document with the alpha of its PNG pictures composited onto white (opaquePng.ts). */
export async function withOpaqueImages(doc: Document): Promise<Document> {
  const visit = async (blocks: readonly Block[]): Promise<Block[]> =>
    Promise.all(
      blocks.map(async (block): Promise<Block> => {
        switch (block.type) {
          case 'image':
            if (block.file.format !== 'png') return block;
            return { ...block, file: { ...block.file, bytes: await opaquePng(block.file.bytes) } };
          case 'quote':
          case 'box':
            return { ...block, children: await visit(block.children) };
          case 'list':
            return { ...block, items: await Promise.all(block.items.map(visit)) };
          default:
            return block;
        }
      }),
    );
  const has = (blocks: readonly Block[]): boolean =>
    blocks.some(
      (b) =>
        b.type === 'image' ||
        ((b.type === 'quote' || b.type === 'box') && has(b.children)) ||
        (b.type === 'list' && b.items.some(has)),
    );
  return has(doc.blocks) ? { ...doc, blocks: await visit(doc.blocks) } : doc;
}
