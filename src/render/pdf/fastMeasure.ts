/**
 * Style the words of a text once per run of equal words (pdfmake 0.3).
 *
 * pdfmake's TextInlines.measure asks its style stack for 23 properties of every word (font,
 * bold, size, colour, link, …) and measures its width. A text node's words are copies of
 * its inlines (TextBreaker copies each inline's own properties onto each of its words), so
 * consecutive words nearly always ask the same 23 questions. The answers depend on nothing
 * but the word's own values of those properties, its `style` and `section`, and the stack,
 * which does not change during one call. So a word whose own values are identical (===) to
 * the word before it gets the answers of that word; any other word asks the stack, as
 * pdfmake does. That was four fifths of measuring the 900 KB section (CPU profile): about
 * three million lookups for 130,000 words.
 *
 * Everything else is pdfmake's own code, in its order: the leading indent, widths, heights
 * and the cuts of leading and trailing spaces. Byte-identical output (the reproducibility
 * and layout tests compare text, positions and bytes).
 */
import { requirePdfmake } from './pdfmakeInternals.js';

/** the properties measure resolves for each word, with pdfmake's fallbacks, in its order */
const PROPERTIES = [
  ['font', 'Roboto'],
  ['bold', false],
  ['italics', false],
  ['alignment', 'left'],
  ['fontSize', 12],
  ['fontFeatures', null],
  ['characterSpacing', 0],
  ['color', 'black'],
  ['decoration', null],
  ['decorationColor', null],
  ['decorationStyle', null],
  ['decorationThickness', null],
  ['background', null],
  ['link', null],
  ['linkToPage', null],
  ['linkToDestination', null],
  ['noWrap', null],
  ['opacity', 1],
  ['sup', false],
  ['sub', false],
  ['lineHeight', 1],
  ['preserveLeadingSpaces', false],
  ['preserveTrailingSpaces', false],
] as const;

/** what the answers depend on besides the stack: the word's own values of these, too */
const OWN = [...PROPERTIES.map(([name]) => name), 'style', 'section'] as const;

const LEADING = /^(\s)+/g;
const TRAILING = /(\s)+$/g;

interface Font {
  lineHeight(size: number): number;
}

type Word = Record<string, unknown> & {
  text: string;
  font: Font;
  fontSize: number;
  leadingCut?: number;
  leadingIndent?: number;
  trailingCut: number;
  width: number;
  height: number;
};

interface TextInlines {
  pdfDocument: { provideFont(font: unknown, bold: unknown, italics: unknown): Font };
  widthOfText(text: string, inline: Word): number;
  measure(array: Word[], stack: unknown): Word[];
}

type GetStyleProperty = (
  item: unknown,
  stack: unknown,
  property: string,
  fallback: unknown,
) => unknown;

let installed = false;

export function installFastMeasure(): void {
  if (installed) return;
  installed = true;
  const { default: TextInlinesClass } = requirePdfmake('./TextInlines.js') as {
    default: { prototype: TextInlines };
  };
  const { default: StyleContextStack } = requirePdfmake('./StyleContextStack.js') as {
    default: { getStyleProperty: GetStyleProperty };
  };
  // looked up at each call: fastStyles.ts may replace it after this is installed
  const style: GetStyleProperty = (item, stack, property, fallback) =>
    StyleContextStack.getStyleProperty(item, stack, property, fallback);

  TextInlinesClass.prototype.measure = function (this: TextInlines, array, stack) {
    const first = array[0];
    if (first !== undefined) {
      const leadingIndent = style(first, stack, 'leadingIndent', 0) as number;
      if (leadingIndent) {
        first.leadingCut = -leadingIndent;
        first.leadingIndent = leadingIndent;
      }
    }
    /** the own values of the word before and of this one (two arrays, swapped), its answers */
    let ownBefore: unknown[] = new Array<unknown>(OWN.length);
    let own: unknown[] = new Array<unknown>(OWN.length);
    let answers: unknown[] | undefined;
    let font: Font | undefined;
    for (const item of array) {
      // read before anything is written to the word (measure writes the answers onto it)
      let same = answers !== undefined;
      let i = 0;
      for (const name of OWN) {
        const value = item[name];
        own[i] = value;
        if (value !== ownBefore[i]) same = false;
        i++;
      }
      const swap = ownBefore;
      ownBefore = own;
      own = swap;
      if (!same || answers === undefined || font === undefined) {
        answers = PROPERTIES.map(([name, fallback]) => style(item, stack, name, fallback));
        font = this.pdfDocument.provideFont(answers[0], answers[1], answers[2]);
      }
      // named stores in pdfmake's order: keyed stores turned the words into slow
      // dictionary objects (measured: 60 % slower, 70 % more heap)
      item.font = font;
      item.alignment = answers[3];
      item.fontSize = answers[4] as number;
      item.fontFeatures = answers[5];
      item.characterSpacing = answers[6];
      item.color = answers[7];
      item.decoration = answers[8];
      item.decorationColor = answers[9];
      item.decorationStyle = answers[10];
      item.decorationThickness = answers[11];
      item.background = answers[12];
      item.link = answers[13];
      item.linkToPage = answers[14];
      item.linkToDestination = answers[15];
      item.noWrap = answers[16];
      item.opacity = answers[17];
      item.sup = answers[18];
      item.sub = answers[19];
      if (item.sup || item.sub) {
        // font size reduction as pdfmake's (Wikipedia: Subscript and superscript)
        item.fontSize *= 0.58;
      }
      const lineHeight = answers[20] as number;
      item.width = this.widthOfText(item.text, item);
      item.height = item.font.lineHeight(item.fontSize) * lineHeight;
      // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing -- as pdfmake: any falsy cut
      if (!item.leadingCut) item.leadingCut = 0;
      if (!answers[21]) {
        const leadingSpaces = item.text.match(LEADING);
        if (leadingSpaces) item.leadingCut += this.widthOfText(leadingSpaces[0], item);
      }
      item.trailingCut = 0;
      if (!answers[22]) {
        const trailingSpaces = item.text.match(TRAILING);
        if (trailingSpaces) item.trailingCut = this.widthOfText(trailingSpaces[0], item);
      }
    }
    return array;
  };
}
