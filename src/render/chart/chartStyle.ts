/**
 * What a chart is drawn with: the document's font (Roboto, or meta.design.font: the same bytes
 * the PDF embeds and the PNG is rasterised with) and its accent colour. Text is measured with
 * fontkit (the parser pdfkit embeds the fonts with), so ECharts lays labels out for the font
 * they are drawn in.
 */
import { readFileSync } from 'node:fs';
import type { Design } from '../../model/types.js';
import { requirePdfmake } from '../pdf/pdfmakeInternals.js';
import { plainLayout } from '../pdf/plainShaping.js';
import { ROBOTO } from '../pdf/roboto.js';

interface FontkitFont {
  readonly familyName: string;
  readonly unitsPerEm: number;
  layout(text: string): { readonly advanceWidth: number };
}

export interface ChartStyle {
  /** the font's own family name (as the SVG names it and resvg finds it in the buffers) */
  readonly family: string;
  readonly normal: Uint8Array;
  readonly bold: Uint8Array;
  /** the bars' and the line's colour: the accent, else a dark blue */
  readonly color: string;
  /** the width of a text in a CSS font (`bold 9px Roboto`), in px */
  measure(text: string, font: string): number;
}

/** the chart colour without an accent colour: a dark blue (contrast 7.6:1 on white) */
export const CHART_COLOR = '#1f4e79';

const fontkit = (): { create(bytes: Uint8Array): FontkitFont } =>
  requirePdfmake('fontkit') as { create(bytes: Uint8Array): FontkitFont };

let roboto: { normal: Uint8Array; bold: Uint8Array } | undefined;
// by the bytes' object: an own font's bytes come with each document and go with it
const parsed = new WeakMap<Uint8Array, FontkitFont>();

const parse = (bytes: Uint8Array): FontkitFont => {
  let font = parsed.get(bytes);
  if (font === undefined) {
    font = fontkit().create(bytes);
    parsed.set(bytes, font);
  }
  return font;
};

/** The chart style of a document with this design. */
export function chartStyle(design: Design | undefined): ChartStyle {
  const own = design?.font;
  roboto ??= {
    normal: new Uint8Array(readFileSync(ROBOTO.normal)),
    bold: new Uint8Array(readFileSync(ROBOTO.bold)),
  };
  const normal = own?.normal.bytes ?? roboto.normal;
  const bold = own?.bold.bytes ?? roboto.bold;
  // the fonts are parsed when first needed: a DOCX whose charts come from the cache
  // (chartStore.ts) and that has no letterhead needs neither fontkit nor the parse
  return {
    get family() {
      return parse(normal).familyName;
    },
    normal,
    bold,
    color: design?.accent ?? CHART_COLOR,
    measure: (text, font) => {
      const size = Number(/([\d.]+)px/.exec(font)?.[1] ?? 12);
      const face = parse(/\bbold\b|\b[6-9]00\b/.test(font) ? bold : normal);
      return (plainLayout(face).layout(text).advanceWidth / face.unitsPerEm) * size;
    },
  };
}
