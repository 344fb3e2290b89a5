/**
 * Charts and pictures in the DOCX: a picture run in a paragraph of its own, with its text
 * alternative in the drawing's `descr` (what Word's "Alternativtext" shows and a screen reader
 * says). A chart and an SVG picture are stored as SVG with a PNG of it (resvg, rasterise.ts) for
 * Word versions and readers that show no SVG; a chart's title stands above it (kept with it),
 * a picture's caption below, both in Word's caption style („Beschriftung“), so that Word's
 * table of figures (Verweise → Abbildungsverzeichnis, Optionen → Formatvorlage „Beschriftung“)
 * lists them.
 */
import { AlignmentType, ImageRun, Paragraph, TextRun } from 'docx';
import type { IRunOptions } from 'docx';

import type { Block } from '../../model/types.js';
import {
  chartHeight,
  CHART_WIDTH,
  madePng,
  madeSvg,
  type ChartBlock,
} from '../chart/chartStore.js';
import { chartStyle, type ChartStyle } from '../chart/chartStyle.js';
import { rasterise } from '../chart/rasterise.js';
import { INDENT_STEP, STYLE, TEXT_WIDTH } from './docxStyles.js';
import { paragraphBase } from './paragraphBase.js';
import type { Context, RenderState } from './renderState.js';

/** the text width in pixels at 96 dpi (docx sizes pictures in pixels) */
const WIDTH_PX = TEXT_WIDTH / 15;
/** the most a picture may be high: 60 % of the page (A4, 297 mm at 96 dpi) */
const MAX_HEIGHT_PX = 0.6 * (297 / 25.4) * 96;
/** PNG fallbacks at twice the shown size: sharp on paper and on screens */
const OVERSAMPLE = 2;

const run = (options: IRunOptions): IRunOptions => options;

export type FigureBlock = Extract<Block, { type: 'chart' | 'image' }>;

/** the width of a chart's PNG in pixels (prepareCharts makes it before the render) */
export const CHART_PNG_WIDTH = Math.round(WIDTH_PX) * OVERSAMPLE;

/**
 * Whether the blocks hold an SVG picture (that needs the rasteriser; a chart's PNG is made
 * before, by prepareCharts).
 */
export const needsRaster = (blocks: readonly Block[]): boolean =>
  blocks.some(
    (b) =>
      (b.type === 'image' && b.file.format === 'svg') ||
      ((b.type === 'quote' || b.type === 'box') && needsRaster(b.children)) ||
      (b.type === 'list' && b.items.some(needsRaster)),
  );

function pictureRun(
  chart: ChartBlock | undefined,
  bytes: Uint8Array,
  format: 'png' | 'jpeg' | 'svg',
  size: { width: number; height: number },
  altText: { name: string; description: string; title: string },
  state: RenderState,
): ImageRun {
  const transformation = { width: Math.round(size.width), height: Math.round(size.height) };
  if (format !== 'svg') {
    const type = format === 'jpeg' ? 'jpg' : 'png';
    return new ImageRun({ type, data: Buffer.from(bytes), transformation, altText });
  }
  const style = state.chart ?? chartStyle(undefined);
  const source = chart === undefined ? new TextDecoder().decode(bytes) : svgOf(chart, style);
  const png =
    chart === undefined
      ? rasterise(
          source,
          { family: style.family, buffers: [style.normal, style.bold] },
          transformation.width * OVERSAMPLE,
        )
      : madePng(chart, style, CHART_PNG_WIDTH);
  return new ImageRun({
    type: 'svg',
    data: Buffer.from(source, 'utf8'),
    fallback: { type: 'png', data: Buffer.from(png) },
    transformation,
    altText,
  });
}

function svgOf(chart: ChartBlock, style: ChartStyle): string {
  const svg = madeSvg(chart, style);
  if (svg === undefined) throw new Error('chart SVG not prepared');
  return svg;
}

/**
 * The figure's paragraphs (call after `prepareCharts` with CHART_PNG_WIDTH, and after
 * `await rasteriser()` when `needsRaster`).
 */
export function renderFigure(
  block: FigureBlock,
  state: RenderState,
  context: Context,
): Paragraph[] {
  const base = paragraphBase(state, context);
  if (block.type === 'chart') {
    const size = { width: WIDTH_PX, height: (chartHeight(block) * WIDTH_PX) / CHART_WIDTH };
    const altText = { name: block.title, description: block.alt, title: block.title };
    return [
      new Paragraph({
        ...base,
        style: STYLE.caption,
        // in a quote: the quote's indent, which the caption style replaces
        ...(context.quote ? { indent: { left: context.indent + INDENT_STEP } } : {}),
        keepNext: true,
        spacing: { before: 120, after: 60 },
        children: [new TextRun(run({ text: block.title, bold: true, size: 20 }))],
      }),
      new Paragraph({
        keepLines: true,
        spacing: { after: 200 },
        children: [pictureRun(block, new Uint8Array(), 'svg', size, altText, state)],
      }),
    ];
  }
  const { file } = block;
  // as in the PDF: a raster picture is not enlarged beyond its size at 96 dpi; an SVG fills
  const natural = file.format === 'svg' ? Infinity : 1;
  const fit = Math.min(natural, WIDTH_PX / file.width, MAX_HEIGHT_PX / file.height);
  const size = { width: file.width * fit, height: file.height * fit };
  const name = block.caption ?? block.alt;
  const altText = { name, description: block.alt, title: name };
  const picture = new Paragraph({
    ...base,
    alignment: AlignmentType.LEFT,
    ...(block.caption === undefined ? { spacing: { after: 200 } } : { keepNext: true }),
    children: [pictureRun(undefined, file.bytes, file.format, size, altText, state)],
  });
  if (block.caption === undefined) return [picture];
  return [
    picture,
    new Paragraph({
      style: STYLE.caption,
      spacing: { before: 60, after: 200 },
      children: [new TextRun(run({ text: block.caption, italics: true, size: 18 }))],
    }),
  ];
}
