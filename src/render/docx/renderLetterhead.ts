/**
 * The letterhead as the DOCX's first-page header (the section has `titlePage`; the following
 * pages have no header, as without a letterhead): a borderless two-column table, logo,
 * Körperschaft and address on the left, the information block (label and value per line) from
 * 125 mm from the page's left edge, and a rule below it in the accent colour, like the PDF's.
 *
 * An SVG logo goes in as SVG (Word 2016 and later) with its PNG (letterheadLogo.ts), which
 * older Word versions and LibreOffice show.
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

import type { Design, Letterhead } from '../../model/types.js';
import { chartStyle } from '../chart/chartStyle.js';
import { COLORS, PAGE, STYLE, TEXT_WIDTH } from './docxStyles.js';
import { logoSize } from './letterheadLogo.js';
import { twips } from './tableFrame.js';

const mm = (millimetres: number): number => Math.round((millimetres * 1440) / 25.4);
/** DIN 5008: the information block starts 125 mm from the page's left edge */
const LEFT_WIDTH = mm(125) - PAGE.marginLeft;
const RIGHT_WIDTH = TEXT_WIDTH - LEFT_WIDTH;
/** the labels' size: 8.5 pt (17 half-points) */
const LABEL_SIZE = 8.5;
/** between the longest label and its value: 6 pt, as in the PDF's block */
const LABEL_GAP = 6 * 20;
const GREY = '4D4D4D';
/** the Körperschaft's name: bold, 13 pt */
const NAME_FORMAT = { bold: true, size: 26 } as const;
/** a value of the block set bold (the number, „nichtöffentlich“) */
const BOLD = { bold: true } as const;

/**
 * Where the block's values start (twips): after the longest label, measured in the document's
 * font (the body's own, else Roboto, whose widths are within a few per cent of Arial's), so that
 * no label reaches past its tab stop ("Vorlagen-Nr." at 8.5 pt: 19.2 mm in DejaVu Serif, 16.5 mm in Roboto, 16.7 mm in Arial).
 */
function labelColumn(block: Letterhead['block'], design: Design | undefined): number {
  const style = chartStyle(design);
  const widest = Math.max(
    0,
    ...block.map(({ label }) => style.measure(label, `${String(LABEL_SIZE)}px`)),
  );
  return Math.ceil(widest * 20) + LABEL_GAP;
}

function logoRun(logo: NonNullable<Letterhead['logo']>, name: string): ImageRun {
  const transformation = logoSize(logo);
  const altText = { name: 'Logo', description: `Logo: ${name}`, title: name };
  if (logo.type === 'png') {
    return new ImageRun({ type: 'png', data: Buffer.from(logo.bytes), transformation, altText });
  }
  if (logo.png === undefined) throw new Error('an SVG logo without its PNG: see withLogoPng');
  return new ImageRun({
    type: 'svg',
    data: Buffer.from(logo.svg, 'utf8'),
    fallback: { type: 'png', data: Buffer.from(logo.png) },
    transformation,
    altText,
  });
}

const small = (text: string, color?: string): TextRun =>
  new TextRun({ text, size: 17, ...(color === undefined ? {} : { color }) });

/**
 * The first-page header with the letterhead (an SVG logo with its PNG: `withLogoPng`); `accent`
 * colours the rule ("RRGGBB"), `design` gives the font the labels are measured in.
 */
export function renderLetterhead(
  letterhead: Letterhead,
  accent: string | undefined,
  design: Design | undefined,
): Header {
  const labelWidth = labelColumn(letterhead.block, design);
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
    ({ label, value, strong }) =>
      new Paragraph({
        style: STYLE.tableText,
        tabStops: [{ type: TabStopType.LEFT, position: labelWidth }],
        children: [
          small(label, GREY),
          new TextRun({
            size: 19,
            ...(strong === true ? BOLD : {}),
            children: [new Tab(), value],
          }),
        ],
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
