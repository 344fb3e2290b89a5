/**
 * A chart block as a static SVG, drawn by Apache ECharts' server-side SVG renderer (no
 * browser, no canvas; animation off). The SVG is cleaned of what is only for the browser
 * (hover styles, class names with a per-process counter, data attributes), so equal input gives
 * equal bytes, and it has no transparency: the PDF draws it as vectors (pdfmake's svg node), the
 * DOCX carries it with a PNG of it (rasterise.ts), the HTML preview inline.
 *
 * Sizes are in pt at the PDF's text width (1 SVG unit = 1 pt there).
 */
import { createHash } from 'node:crypto';
import { BarChart, echarts, GridComponent, LineChart, SVGRenderer } from './echartsParts.js';
import { formatNumber } from '../../format/german.js';
import { valueText } from '../../model/chartText.js';
import type { ChartStyle } from './chartStyle.js';
import { CHART_WIDTH, chartHeight, madeSvg, rememberSvg, type ChartBlock } from './chartStore.js';

echarts.use([BarChart, LineChart, GridComponent, SVGRenderer]);
const FONT_SIZE = 9;
const TEXT = '#333333';
const AXIS = '#7f7f7f';
const GRID = '#d9d9d9';
/** a year in ms: the time axis ticks at most once a year */
const YEAR = 365.25 * 24 * 3600 * 1000;

/**
 * Whether a line's point has its label below it: where the line comes from above and goes on
 * above (its neighbours, the one or two it has, are higher), a label above the point sits on
 * the line (a first point of 41 before one of 80: „41“ was crossed by the rising line). Not
 * near the bottom of the chart (below a fifth of the largest value), where it would meet the
 * axis and its years.
 */
function below(points: readonly { readonly value: number }[], i: number, largest: number): boolean {
  const value = points[i]?.value ?? 0;
  const neighbours = [points[i - 1], points[i + 1]].filter((p) => p !== undefined);
  return neighbours.length > 0 && neighbours.every((p) => p.value > value) && value >= largest / 5;
}

/** a value as its label: with a short unit ("238.000 €"), else the bare number */
const label = (value: number, unit: string | undefined): string =>
  unit !== undefined && unit.length <= 3 ? valueText(value, unit) : formatNumber(value);

function option(chart: ChartBlock, style: ChartStyle): echarts.EChartsCoreOption {
  const unit = chart.unit;
  const longUnit = unit !== undefined && unit.length > 3 ? unit : undefined;
  const text = { fontFamily: style.family, fontSize: FONT_SIZE, color: TEXT };
  const categories = {
    type: 'category',
    data: chart.data.map((p) => p.label),
    axisLine: { lineStyle: { color: AXIS } },
    axisTick: { show: false },
    axisLabel: { ...text, hideOverlap: true },
  };
  const values = {
    type: 'value',
    splitLine: { lineStyle: { color: GRID } },
    axisLabel: { ...text, formatter: (v: number) => formatNumber(v) },
    ...(longUnit === undefined
      ? {}
      : chart.kind === 'bars'
        ? { name: longUnit, nameTextStyle: text, nameLocation: 'middle', nameGap: 20 }
        : { name: longUnit, nameTextStyle: text, nameGap: 12 }),
  };
  const horizontal = chart.kind === 'bars';
  // a line over dates: spaced by time, the years on the axis (the text alternative and the
  // labels of the points say the figures)
  const timed = chart.kind === 'line' && chart.data.every((p) => p.at !== undefined);
  const first = chart.data[0]?.at ?? 0;
  const last = chart.data.at(-1)?.at ?? 0;
  // a little room at both ends, so the first point's label keeps clear of the value axis
  const room = (last - first) * 0.04;
  const years = {
    type: 'time',
    min: first - room,
    max: last + room,
    axisLine: { lineStyle: { color: AXIS } },
    axisTick: { show: false },
    splitLine: { show: false },
    minInterval: YEAR,
    axisLabel: {
      ...text,
      hideOverlap: true,
      formatter: (v: number) => String(new Date(v).getUTCFullYear()),
    },
  };
  const largest = Math.max(...chart.data.map((p) => p.value));
  const series =
    chart.kind === 'line'
      ? {
          type: 'line',
          data: chart.data.map((p, i, points) => {
            const value = timed ? [p.at, p.value] : p.value;
            return below(points, i, largest) ? { value, label: { position: 'bottom' } } : value;
          }),
          // nothing to clip: the value axis holds every point (staticSvg drops the clip path)
          clip: false,
          lineStyle: { color: style.color, width: 2 },
          itemStyle: { color: style.color },
          symbol: 'circle',
          symbolSize: 5,
          label: { show: true, position: 'top', ...text, textBorderWidth: 0 },
        }
      : {
          type: 'bar',
          data: chart.data.map((p) => p.value),
          itemStyle: { color: style.color },
          barMaxWidth: horizontal ? 16 : 40,
          label: {
            show: true,
            position: horizontal ? 'right' : 'top',
            ...text,
            textBorderWidth: 0,
          },
        };
  const seriesLabel = {
    ...series.label,
    formatter: (p: { value: number | number[] }) =>
      label(Array.isArray(p.value) ? (p.value[1] ?? 0) : p.value, unit),
  };
  return {
    animation: false,
    useUTC: true,
    textStyle: text,
    grid: {
      left: 4,
      right: horizontal ? 40 : 24,
      top: horizontal ? 4 : 20,
      bottom: horizontal ? (longUnit === undefined ? 16 : 30) : 18,
    },
    xAxis: horizontal ? values : timed ? years : categories,
    // the first category at the top, as in the table and the text
    yAxis: horizontal ? { ...categories, inverse: true } : values,
    series: [{ ...series, label: seriesLabel, labelLayout: { hideOverlap: true } }],
  };
}

/**
 * The `font` shorthand (the time axis' labels have one) as the attributes an SVG renderer
 * without CSS reads (svg-to-pdfkit and resvg would draw the text at their default size).
 */
function fontLonghands([name, value]: [string, string]): [string, string][] {
  const font = name === 'font' ? /^(\S+) (\S+) ([\d.]+px) (.+)$/.exec(value) : null;
  if (font === null) return [[name, value]];
  const [, style = 'normal', weight = 'normal', size = '9px', family = ''] = font;
  return [
    ['font-style', style],
    ['font-weight', weight],
    ['font-size', size],
    ['font-family', family],
  ];
}

/**
 * Without what only a browser uses (hover styles, their class names, data attributes) and
 * without clip paths, inline styles as presentation attributes; any other ids (zrender numbers
 * them with a per-process counter) named by the SVG's content, so they are reproducible and do
 * not clash between two charts in one HTML page.
 */
function staticSvg(svg: string): string {
  const plain = svg
    .replace(/<style\b[\s\S]*?<\/style>\s*/g, '')
    .replace(/ class="[^"]*"/g, '')
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/ pointer-events="[^"]*"/g, '')
    // no clip paths: the series have `clip: false`, so echarts' grid clip clips nothing, and
    // the PDF's SVG renderer would draw it as a soft mask (transparency)
    .replace(/ clip-path="[^"]*"/g, '')
    .replace(/<clipPath\b[\s\S]*?<\/clipPath>\s*/g, '')
    .replace(/<defs\s*>\s*<\/defs>\s*/g, '')
    .replace(/\n+/g, '\n')
    .replace(/\bzr\d+-/g, 'chart-')
    // presentation attributes, not style: a page's CSP without inline styles keeps them
    .replace(/ style="([^"]*)"/g, (_all, css: string) =>
      css
        .split(';')
        .map((d) => d.split(':').map((part) => part.trim()))
        .filter((d): d is [string, string] => d.length === 2 && d[0] !== '')
        .flatMap(fontLonghands)
        .map(([name, value]) => ` ${name}="${value.replace(/px$/, '')}"`)
        .join(''),
    );
  const digest = createHash('sha256').update(plain).digest('hex').slice(0, 10);
  return plain.replace(/\bchart-/g, `chart${digest}-`);
}

/** The chart as an SVG document in the document's font and colour. */
export function chartSvg(chart: ChartBlock, style: ChartStyle): string {
  const earlier = madeSvg(chart, style);
  if (earlier !== undefined) return earlier;
  const svg = layOut(chart, style);
  rememberSvg(chart, style, svg);
  return svg;
}

function layOut(chart: ChartBlock, style: ChartStyle): string {
  echarts.setPlatformAPI({
    measureText: (text: string, font?: string) => ({
      width: style.measure(text, font ?? `${String(FONT_SIZE)}px ${style.family}`),
    }),
  });
  const instance = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: CHART_WIDTH,
    height: chartHeight(chart),
  });
  try {
    instance.setOption(option(chart, style));
    return staticSvg(instance.renderToSVGString());
  } finally {
    instance.dispose();
  }
}
