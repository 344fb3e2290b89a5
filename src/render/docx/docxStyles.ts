/**
 * Page geometry, styles and list definitions of the DOCX renderer.
 * All lengths are in twips (1/20 pt, 1440 per inch) unless said otherwise.
 */
import { AlignmentType, LevelFormat, LineRuleType } from 'docx';
import type { IStylesOptions, NumberingDefinition } from 'docx';

import type { Design } from '../../model/types.js';

const mm = (millimetres: number): number => Math.round((millimetres * 1440) / 25.4);

export const PAGE = {
  width: mm(210),
  height: mm(297),
  marginLeft: mm(25),
  marginRight: mm(20),
  marginTop: mm(20),
  marginBottom: mm(20),
  /** distance of the footer from the bottom edge of the page */
  footer: mm(10),
} as const;

/** width of the text column: 210 mm - 25 mm - 20 mm */
export const TEXT_WIDTH = mm(210 - 25 - 20);

/** left indent of quotes and of each list level */
export const INDENT_STEP = mm(10);
/** how far a list item's bullet or number stands left of its text */
export const LIST_HANGING = mm(6);

export const FONT = 'Arial';
/** font sizes in half-points */
const BODY_SIZE = 22;
export const FOOTER_SIZE = 18;

export const COLORS = {
  hyperlink: '0563C1',
  rule: '808080',
  headerFill: 'D9D9D9',
  boxBorder: '7F7F7F',
  boxFill: 'F2F2F2',
} as const;

export const STYLE = {
  quote: 'Quote',
  tableText: 'TableText',
  hyperlink: 'Hyperlink',
  footer: 'Footer',
  /** Word's built-in caption style („Beschriftung“ in a German Word), which its table of figures takes */
  caption: 'Caption',
} as const;

const HEADING_SIZES = [32, 28, 24, 22, 22] as const;
const HEADING_SPACE_BEFORE = [480, 360, 240, 240, 240] as const;

/** What the design changes in a DOCX: the font's name and the colours ("RRGGBB"). */
export interface DocxLook {
  readonly font: string;
  readonly heading: string;
  readonly rule: string;
  readonly boxBorder: string;
  /** the accent colour, if the design has one */
  readonly accent?: string | undefined;
}

/** The look of a document with this design; without one, ratsmappe's defaults. */
export function docxLook(design: Design | undefined): DocxLook {
  const accent = design?.accent?.replace(/^#/, '').toUpperCase();
  return {
    font: design?.font?.name ?? FONT,
    heading: accent ?? '000000',
    rule: accent ?? COLORS.rule,
    boxBorder: accent ?? COLORS.boxBorder,
    accent,
  };
}

export function docxStyles(language: string, look: DocxLook = docxLook(undefined)): IStylesOptions {
  const { font } = look;
  const headings = HEADING_SIZES.map((size, level) => ({
    id: `Heading${level + 1}`,
    name: `heading ${level + 1}`,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    uiPriority: 9,
    run: { font, bold: true, size, color: look.heading },
    paragraph: {
      outlineLevel: level,
      keepNext: true,
      keepLines: true,
      spacing: { before: HEADING_SPACE_BEFORE[level] ?? 240, after: 120 },
    },
  }));
  return {
    default: {
      document: {
        run: { font, size: BODY_SIZE, language: { value: language } },
        paragraph: {
          alignment: AlignmentType.LEFT,
          spacing: { before: 0, after: 120, line: 264, lineRule: LineRuleType.AUTO },
        },
      },
      listParagraph: { basedOn: 'Normal', paragraph: { spacing: { after: 60 } } },
    },
    paragraphStyles: [
      ...headings,
      {
        id: STYLE.quote,
        name: 'Quote',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        paragraph: { indent: { left: INDENT_STEP } },
      },
      {
        id: STYLE.tableText,
        name: 'Table Text',
        basedOn: 'Normal',
        paragraph: { spacing: { before: 0, after: 0 } },
      },
      {
        id: STYLE.caption,
        name: 'caption',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        uiPriority: 35,
        run: { size: 18 },
        paragraph: { spacing: { before: 60, after: 200 } },
      },
      {
        id: STYLE.footer,
        name: 'footer',
        basedOn: 'Normal',
        run: { size: FOOTER_SIZE },
        paragraph: { spacing: { before: 0, after: 0 } },
      },
    ],
    characterStyles: [
      {
        id: STYLE.hyperlink,
        name: 'Hyperlink',
        uiPriority: 99,
        unhideWhenUsed: true,
        run: { color: COLORS.hyperlink, underline: {} },
      },
    ],
  };
}

/** list nesting depths that get their own indentation; deeper lists share the last one */
export const MAX_LIST_DEPTH = 4;
const BULLETS = ['\u2022', '\u2013', '\u25AA', '\u2022'] as const;
const ORDERED_FORMATS = [
  [LevelFormat.DECIMAL, '%1.'],
  [LevelFormat.LOWER_LETTER, '%1)'],
  [LevelFormat.LOWER_ROMAN, '%1.'],
  [LevelFormat.DECIMAL, '%1.'],
] as const;

const listIndent = (depth: number): number => INDENT_STEP * (depth + 1);

export const listReference = (ordered: boolean, depth: number): string =>
  `${ordered ? 'ordered' : 'bullet'}-${Math.min(depth, MAX_LIST_DEPTH - 1)}`;

/**
 * One definition per list kind and nesting depth, each used at its level 0 only: every list is a new
 * `instance` of its definition, so docx writes it as its own w:num with a start override at level 0,
 * and each ordered list, nested ones too, counts from 1 in Word and LibreOffice.
 */
export function listDefinition(reference: string, font = FONT): NumberingDefinition {
  const [kind, depthText] = reference.split('-');
  const depth = Number(depthText);
  const [format, text] =
    kind === 'ordered'
      ? (ORDERED_FORMATS[depth] ?? ORDERED_FORMATS[0])
      : [LevelFormat.BULLET, BULLETS[depth] ?? BULLETS[0]];
  return {
    reference,
    levels: [
      {
        level: 0,
        format,
        text,
        start: 1,
        alignment: AlignmentType.LEFT,
        style: {
          paragraph: { indent: { left: listIndent(depth), hanging: LIST_HANGING } },
          ...(kind === 'ordered' ? {} : { run: { font } }),
        },
      },
    ],
  };
}
