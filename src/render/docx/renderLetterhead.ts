/**
 * The letterhead as the DOCX's first-page header (the section has `titlePage`; the following
 * pages have no header, as without a letterhead): a borderless two-column table, logo,
 * Körperschaft and address on the left, the information block (label and value per line) from
 * 125 mm from the page's left edge, and a rule below it in the accent colour, like the PDF's.
 *
 * An SVG logo goes in as SVG (Word 2016 and later, LibreOffice) with a PNG for older readers:
 * the letterhead's `png` when the body gives one, otherwise a white pixel, as ratsmappe has no
 * SVG rasteriser.
 */
import {
  BorderStyle,
  Header,
  ImageRun,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  Tab,
  TabStopType,
  TextRun,
} from 'docx';

import type { Letterhead } from '../../model/types.js';
import { COLORS, PAGE, STYLE, TEXT_WIDTH } from './docxStyles.js';
import { twips } from './tableFrame.js';

const mm = (millimetres: number): number => Math.round((millimetres * 1440) / 25.4);
/** DIN 5008: the information block starts 125 mm from the page's left edge */
const LEFT_WIDTH = mm(125) - PAGE.marginLeft;
const RIGHT_WIDTH = TEXT_WIDTH - LEFT_WIDTH;
/** the labels' column inside the information block */
const LABEL_WIDTH = mm(22);
/** the largest logo, in pixels at 96 dpi: 60 mm × 20 mm */
const LOGO_BOX = { width: (60 / 25.4) * 96, height: (20 / 25.4) * 96 };
const GREY = '4D4D4D';
/** the Körperschaft's name: bold, 13 pt */
const NAME_FORMAT = { bold: true, size: 26 } as const;

/** a white 1×1 PNG: the fallback of an SVG logo without a PNG of its own */
const WHITE_PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVQI12P4//8/AAX+Av7czFnnAAAAAElFTkSuQmCC',
  'base64',
);

/** width and height of an SVG (its width/height, else its viewBox) or a PNG (IHDR) */
function logoSize(logo: NonNullable<Letterhead['logo']>): { width: number; height: number } {
  if (logo.type === 'png') {
    const view = Buffer.from(logo.bytes);
    return { width: view.readUInt32BE(16), height: view.readUInt32BE(20) };
  }
  const root = /<svg\b[^>]*>/i.exec(logo.svg)?.[0] ?? '';
  const attr = (name: string): string | undefined =>
    new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(root)?.[1];
  const positive = (text: string | undefined): number | undefined => {
    const n = parseFloat(text ?? '');
    return Number.isFinite(n) && n > 0 ? n : undefined;
  };
  const box = (attr('viewBox') ?? '').split(/[\s,]+/);
  return {
    width: positive(attr('width')) ?? positive(box[2]) ?? 100,
    height: positive(attr('height')) ?? positive(box[3]) ?? 40,
  };
}

function logoRun(logo: NonNullable<Letterhead['logo']>, name: string): ImageRun {
  const size = logoSize(logo);
  const scale = Math.min(LOGO_BOX.width / size.width, LOGO_BOX.height / size.height);
  const transformation = {
    width: Math.round(size.width * scale),
    height: Math.round(size.height * scale),
  };
  const altText = { name: 'Logo', description: `Logo: ${name}`, title: name };
  if (logo.type === 'png') {
    return new ImageRun({ type: 'png', data: Buffer.from(logo.bytes), transformation, altText });
  }
  const fallback = logo.png === undefined ? WHITE_PIXEL : Buffer.from(logo.png);
  return new ImageRun({
    type: 'svg',
    data: Buffer.from(logo.svg, 'utf8'),
    fallback: { type: 'png', data: fallback },
    transformation,
    altText,
  });
}

const small = (text: string, color?: string): TextRun =>
  new TextRun({ text, size: 17, ...(color === undefined ? {} : { color }) });

/** The first-page header with the letterhead; `accent` colours the rule ("RRGGBB"). */
export function renderLetterhead(letterhead: Letterhead, accent: string | undefined): Header {
  const sender = [
    ...(letterhead.logo === undefined
      ? []
      : [
          new Paragraph({
            style: STYLE.tableText,
            spacing: { after: 100 },
            children: [logoRun(letterhead.logo, letterhead.name)],
          }),
        ]),
    new Paragraph({
      style: STYLE.tableText,
      children: [new TextRun({ ...NAME_FORMAT, text: letterhead.name })],
    }),
    ...letterhead.anschrift.map(
      (line) => new Paragraph({ style: STYLE.tableText, children: [small(line, GREY)] }),
    ),
  ];
  const block = letterhead.block.map(
    ({ label, value }) =>
      new Paragraph({
        style: STYLE.tableText,
        tabStops: [{ type: TabStopType.LEFT, position: LABEL_WIDTH }],
        children: [small(label, GREY), new TextRun({ size: 19, children: [new Tab(), value] })],
      }),
  );
  const rule = { style: BorderStyle.SINGLE, size: 8, color: accent ?? COLORS.rule } as const;
  const cell = (width: number, children: Paragraph[]): TableCell =>
    new TableCell({ width: twips(width), children });
  return new Header({
    children: [
      new Table({
        width: twips(TEXT_WIDTH),
        layout: TableLayoutType.FIXED,
        columnWidths: [LEFT_WIDTH, RIGHT_WIDTH],
        borders: { ...TableBorders.NONE, bottom: rule },
        margins: { top: 0, bottom: 160, left: 0, right: 0 },
        rows: [new TableRow({ children: [cell(LEFT_WIDTH, sender), cell(RIGHT_WIDTH, block)] })],
      }),
      new Paragraph({ style: STYLE.tableText, spacing: { after: 120 } }),
    ],
  });
}
