/**
 * The SVGs and PNGs of a document's charts, made before the document is laid out, from the
 * render cache where it has them: after an edit elsewhere in a Vorlage its charts are not laid
 * out (ECharts) nor rasterised (resvg) again. Measured with the example's two charts: about
 * 0.15 s of the PDF and 0.4 s of the DOCX, the DOCX's thread then loads neither ECharts nor
 * resvg. A cache entry is keyed by everything the picture is made from (the chart's data,
 * the font's bytes, the colour, the PNG's width, the tool and its version), so a changed input
 * is a new key. Without a cache (`ref` undefined) they are made here, as before.
 *
 * Nothing here loads ECharts or resvg unless a picture has to be made.
 */
import { importOwn } from '../importOwn.js';
import type { Block } from '../../model/types.js';
import { cacheKey, RenderCache } from '../../cache/renderCache.js';
import type { ChartStyle } from './chartStyle.js';

export type ChartBlock = Extract<Block, { type: 'chart' }>;

/** the text width of an A4 page with DIN 5008 margins (165 mm), in pt */
export const CHART_WIDTH = 468;

/** the chart's height in pt: horizontal bars grow with their number */
export const chartHeight = (chart: ChartBlock): number =>
  chart.kind === 'bars' ? Math.max(90, 44 + 24 * chart.data.length) : 220;

/** Where the charts' pictures are cached: the render cache and what its keys start with. */
export interface ChartCacheRef {
  readonly dir: string;
  /** the tool's fingerprint and version (part of every key) */
  readonly salt: string;
}

/** The charts' cache in the render cache `dir` of this tool (its fingerprint and version). */
export const chartCacheRef = (dir: string, tool: string, toolVersion: string): ChartCacheRef => ({
  dir,
  salt: cacheKey(tool, toolVersion),
});

interface Made {
  readonly style: ChartStyle;
  readonly svg: string;
  /** the PNG and the width it was made at */
  png?: { readonly width: number; readonly bytes: Uint8Array };
}

/**
 * Per chart block and style; keyed by the block object, so nothing outlives the document (a
 * Vorlage rendered as PDF and DOCX in one task shares its block objects: its chart is laid out
 * once).
 */
const made = new WeakMap<ChartBlock, Made[]>();

const sameStyle = (a: ChartStyle, b: ChartStyle): boolean =>
  a === b || (a.color === b.color && a.normal === b.normal && a.bold === b.bold);

const entryOf = (chart: ChartBlock, style: ChartStyle): Made | undefined =>
  made.get(chart)?.find((m) => sameStyle(m.style, style));

/** The SVG made of this chart in this style, if it was. */
export const madeSvg = (chart: ChartBlock, style: ChartStyle): string | undefined =>
  entryOf(chart, style)?.svg;

/** Remembers the SVG made of this chart in this style. */
export function rememberSvg(chart: ChartBlock, style: ChartStyle, svg: string): void {
  if (entryOf(chart, style) === undefined)
    made.set(chart, [...(made.get(chart) ?? []), { style, svg }]);
}

/** The PNG of this chart in this style `width` pixels wide, as prepareCharts made it. */
export function madePng(chart: ChartBlock, style: ChartStyle, width: number): Uint8Array {
  const png = entryOf(chart, style)?.png;
  if (png?.width === width) return png.bytes;
  throw new Error('chart PNG not prepared');
}

/** The chart blocks of the blocks, in quotes, boxes and lists too. */
export function chartBlocks(blocks: readonly Block[]): ChartBlock[] {
  return blocks.flatMap((b): ChartBlock[] => {
    if (b.type === 'chart') return [b];
    if (b.type === 'quote' || b.type === 'box') return chartBlocks(b.children);
    if (b.type === 'list') return b.items.flatMap(chartBlocks);
    return [];
  });
}

/** the style as a key: its colour and its fonts' bytes (by their sha256, see cacheKey) */
const styleKey = (style: ChartStyle): unknown => [style.color, style.normal, style.bold];

/**
 * Makes, or takes from the cache, the SVG of every chart in `blocks` and, with `pngWidth`, its
 * PNG that many pixels wide.
 */
export async function prepareCharts(
  blocks: readonly Block[],
  style: ChartStyle,
  ref: ChartCacheRef | undefined,
  pngWidth?: number,
): Promise<void> {
  const charts = chartBlocks(blocks);
  if (charts.length === 0) return;
  const cache = ref === undefined ? undefined : new RenderCache(ref.dir);
  for (const chart of charts) {
    let svg = madeSvg(chart, style);
    if (svg === undefined) {
      const key = cacheKey('chart-svg', ref?.salt, chart, styleKey(style));
      const stored = (await cache?.get(key))?.files['chart.svg'];
      if (stored === undefined) {
        svg = (
          await importOwn<typeof import('./chartSvg.js')>(import.meta.url, './chartSvg.js')
        ).chartSvg(chart, style);
        await cache?.put(key, {
          info: null,
          files: { 'chart.svg': new TextEncoder().encode(svg) },
        });
      } else {
        svg = new TextDecoder().decode(stored);
        rememberSvg(chart, style, svg);
      }
    }
    const entry = entryOf(chart, style);
    if (pngWidth === undefined || entry === undefined || entry.png?.width === pngWidth) continue;
    const key = cacheKey('chart-png', ref?.salt, svg, styleKey(style), pngWidth);
    let bytes = (await cache?.get(key))?.files['chart.png'];
    if (bytes === undefined) {
      const { rasterise, rasteriser } = await importOwn<typeof import('./rasterise.js')>(
        import.meta.url,
        './rasterise.js',
      );
      await rasteriser();
      bytes = rasterise(
        svg,
        { family: style.family, buffers: [style.normal, style.bold] },
        pngWidth,
      );
      await cache?.put(key, { info: null, files: { 'chart.png': bytes } });
    }
    entry.png = { width: pngWidth, bytes };
  }
}
