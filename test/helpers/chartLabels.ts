/**
 * The texts a chart draws in the PDF (its SVG's <text> elements, in drawing order): the PDF
 * carries them as text, the DOCX as a picture, so text comparisons of both take them out.
 */
import { chartSvg } from '../../src/render/chart/chartSvg.js';
import type { ChartBlock } from '../../src/render/chart/chartStore.js';
import { chartStyle } from '../../src/render/chart/chartStyle.js';
import type { Block } from '../../src/model/types.js';
import { decodeEntities } from './docxText.js';

/** in reading order (top to bottom, then left to right), as the PDF's text is read back */
export const chartLabels = (chart: ChartBlock): string[] =>
  [...chartSvg(chart, chartStyle(undefined)).matchAll(/<text\b([^>]*)>([^<]*)<\/text>/g)]
    .map((m) => {
      const attrs = m[1] ?? '';
      const [x = 0, y = 0] = (/translate\(([-\d.]+) ([-\d.]+)\)/.exec(attrs) ?? [])
        .slice(1)
        .map(Number);
      const dy = Number(/\sy="([-\d.]+)"/.exec(attrs)?.[1] ?? 0);
      return { text: decodeEntities(m[2] ?? ''), x, y: Math.round(y + dy) };
    })
    .sort((a, b) => a.y - b.y || a.x - b.x)
    .map((l) => l.text);

/** every chart's labels as words, in document order */
export const chartWords = (blocks: readonly Block[]): string[][] =>
  blocks
    .filter((b): b is ChartBlock => b.type === 'chart')
    .map((c) => chartLabels(c).join(' ').split(/\s+/).filter(Boolean));

/**
 * the words without each chart's label words, where they stand as one run (in any order: the
 * text is read back by position, not in the SVG's drawing order)
 */
export function withoutChartWords(words: readonly string[], charts: readonly string[][]): string[] {
  let out = [...words];
  const key = (list: readonly string[]): string => [...list].sort().join('\u0000');
  for (const labels of charts) {
    const wanted = key(labels);
    const at = out.findIndex((_, i) => key(out.slice(i, i + labels.length)) === wanted);
    if (at >= 0) out = [...out.slice(0, at), ...out.slice(at + labels.length)];
  }
  return out;
}

/** the chart label words of each Vorlage of the example content, by number */
export async function exampleChartWords(): Promise<Map<string, string[][]>> {
  const { checkAndCompose } = await import('../../src/build.js');
  const { readContent } = await import('../../src/load/readContent.js');
  const { loadTemplates } = await import('../../src/template/loadTemplates.js');
  const { vorlageDocument } = await import('../../src/template/vorlageDocument.js');
  const { exampleContentDir } = await import('./exampleBuild.js');
  const templates = await loadTemplates();
  const { meetings } = checkAndCompose(await readContent(exampleContentDir));
  const vorlagen = meetings.flatMap((m) => m.vorlagen);
  const linkziele = vorlagen.map((v) => v.nummer);
  return new Map(
    vorlagen.map((v) => [v.nummer, chartWords(vorlageDocument(templates, v, linkziele).blocks)]),
  );
}
