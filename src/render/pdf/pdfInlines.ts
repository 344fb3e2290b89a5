/**
 * Inline model → pdfmake text pieces. pdfmake does not inherit styles into nested text arrays,
 * so the inline tree is flattened and every piece carries its complete style.
 */
import type { ContentText } from 'pdfmake/interfaces.js';
import type { Inline } from '../../model/types.js';

const LINK_COLOR = '#0b4ea2';

interface InlineStyle {
  readonly bold: boolean;
  readonly italics: boolean;
  readonly link?: string;
  readonly dest?: string;
}

/** Soft hyphens would break text extraction and search; line breaks come only from `break`. */
const cleanText = (text: string): string => text.replace(/\u00ad/g, '').replace(/[\r\n\t]+/g, ' ');

function styledText(text: string, style: InlineStyle): ContentText {
  const node: ContentText = { text };
  if (style.bold) node.bold = true;
  if (style.italics) node.italics = true;
  if (style.link !== undefined) node.link = style.link;
  // linkToDestination, not linkToPage: the latter writes invalid targets in pdfmake 0.3
  if (style.dest !== undefined) node.linkToDestination = style.dest;
  // a reference to another Vorlage looks the same whether it is a link (in the packet) or not
  // (in the Vorlage's own PDF, where the assembler drops it): the page is laid out once for both
  const crossReference = style.dest?.startsWith('vorlage-') === true;
  if ((style.link !== undefined || style.dest !== undefined) && !crossReference) {
    node.color = LINK_COLOR;
    node.decoration = 'underline';
  }
  return node;
}

function linkStyle(href: string, style: InlineStyle): InlineStyle {
  if (href.startsWith('#') && href.length > 1) return { ...style, dest: href.slice(1) };
  if (/^(https?:|mailto:)/i.test(href)) return { ...style, link: href };
  return style;
}

/** URLs up to this length are kept on one line (longer ones may break after a slash). */
const MAX_UNBROKEN_URL = 60;
const URL_PATTERN = /((?:https?:\/\/|mailto:|www\.)[^\s]+)/i;

/**
 * Keeps URLs (and whitespace-free link texts) from being broken across lines, so they stay
 * intact for search, copy and text extraction.
 */
function pushText(text: string, style: InlineStyle, out: ContentText[]): void {
  const isLink = style.link !== undefined || style.dest !== undefined;
  text.split(URL_PATTERN).forEach((part, i) => {
    if (part === '') return;
    const node = styledText(part, style);
    const unbreakable = i % 2 === 1 || (isLink && !/\s/.test(part));
    if (unbreakable && part.length <= MAX_UNBROKEN_URL) node.noWrap = true;
    out.push(node);
  });
}

function flatten(inlines: readonly Inline[], style: InlineStyle, out: ContentText[]): void {
  for (const inline of inlines) {
    switch (inline.type) {
      case 'text':
        pushText(cleanText(inline.text), style, out);
        break;
      case 'break':
        out.push(styledText('\n', style));
        break;
      case 'strong':
        flatten(inline.children, { ...style, bold: true }, out);
        break;
      case 'emphasis':
        flatten(inline.children, { ...style, italics: true }, out);
        break;
      case 'link':
        flatten(inline.children, linkStyle(inline.href, style), out);
        break;
      case 'pageref': {
        // pdfmake replaces the text with the page number of the node with this id (and links it)
        // (its typings do not allow pageReference on a text piece, pdfmake itself does)
        out.push({
          ...styledText('00', style),
          pageReference: inline.target,
        } as unknown as ContentText);
        break;
      }
    }
  }
}

/** The pieces of one paragraph (or cell, heading); `bold` sets the whole text bold. */
export function inlinesToText(inlines: readonly Inline[], bold = false): ContentText[] {
  const out: ContentText[] = [];
  flatten(inlines, { bold, italics: false }, out);
  return out;
}

/** Plain text of inlines, one string per `break`-separated line. */
export function inlinesToLines(inlines: readonly Inline[]): string[] {
  const collect = (list: readonly Inline[]): string =>
    list
      .map((i) =>
        i.type === 'text'
          ? cleanText(i.text)
          : i.type === 'break'
            ? '\n'
            : i.type === 'pageref'
              ? '00'
              : collect(i.children),
      )
      .join('');
  return collect(inlines).split('\n');
}

/** Plain text of inlines (for bookmarks): breaks become spaces, whitespace is collapsed. */
export function inlinesToPlain(inlines: readonly Inline[]): string {
  return inlinesToLines(inlines).join(' ').replace(/\s+/g, ' ').trim();
}
