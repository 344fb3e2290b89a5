import { parseFragment } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { chartAlt, chartKinds } from './chartText.js';
import type {
  Align,
  Block,
  HeadingLevel,
  ImageFile,
  Inline,
  TableCell,
  TableVariant,
} from './types.js';

type Node = DefaultTreeAdapterMap['childNode'];
type Element = DefaultTreeAdapterMap['element'];

/**
 * A template emitted HTML outside the subset: a fault of a template, not of content. `offset`:
 * where in the HTML the offending node starts (when parsed with `locate`).
 */
export class HtmlSubsetError extends Error {
  constructor(
    message: string,
    readonly offset?: number,
  ) {
    super(message);
  }
}

const fault = (message: string, node: Node): HtmlSubsetError =>
  new HtmlSubsetError(message, node.sourceCodeLocation?.startOffset);

/** The whitelist: every tag the templates may emit, and the classes they may carry. */
export const allowedTags: Readonly<Record<string, readonly string[]>> = {
  h1: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  p: [],
  ul: [],
  ol: [],
  li: [],
  blockquote: [],
  aside: [],
  hr: ['seitenumbruch'],
  table: ['daten', 'raster', 'felder'],
  thead: [],
  tbody: [],
  tr: [],
  th: ['zahl'],
  td: ['zahl'],
  strong: [],
  em: [],
  a: ['seitenzahl'],
  br: [],
  // a chart (class: its art) with <data value> points, or a picture (class bild) with <img>
  figure: ['saeulen', 'balken', 'linien', 'bild'],
  figcaption: [],
  data: [],
  img: [],
};

/** attributes beyond class, href and heading ids: by tag */
const allowedAttributes: Readonly<Record<string, readonly string[]>> = {
  figure: ['data-einheit'],
  data: ['value', 'data-zeit'],
  img: ['src', 'alt'],
};

const tableVariants: Record<string, TableVariant> = {
  daten: 'data',
  raster: 'grid',
  felder: 'fields',
};

const isElement = (node: Node): node is Element => 'tagName' in node;
const attr = (el: Element, name: string): string | undefined =>
  el.attrs.find((a) => a.name === name)?.value;

function assertAllowed(el: Element): void {
  const classes = allowedTags[el.tagName];
  if (!classes) throw fault(`Tag <${el.tagName}> is not in the HTML subset`, el);
  const cls = attr(el, 'class');
  if (cls !== undefined && !classes.includes(cls))
    throw fault(`class="${cls}" is not allowed on <${el.tagName}>`, el);
  for (const a of el.attrs) {
    const ok =
      a.name === 'class' ||
      (a.name === 'href' && el.tagName === 'a') ||
      (a.name === 'id' && /^h[1-5]$/.test(el.tagName)) ||
      (allowedAttributes[el.tagName]?.includes(a.name) ?? false);
    if (!ok) throw fault(`Attribute ${a.name} is not allowed on <${el.tagName}>`, el);
  }
}

/** Inline content with whitespace collapsed as a browser would. */
function inlines(nodes: readonly Node[]): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    if (node.nodeName === '#text') {
      const text = (node as DefaultTreeAdapterMap['textNode']).value.replace(/[ \t\r\n]+/g, ' ');
      if (text) out.push({ type: 'text', text });
      continue;
    }
    if (!isElement(node)) continue;
    assertAllowed(node);
    switch (node.tagName) {
      case 'strong':
        out.push({ type: 'strong', children: inlines(node.childNodes) });
        break;
      case 'em':
        out.push({ type: 'emphasis', children: inlines(node.childNodes) });
        break;
      case 'a':
        if (attr(node, 'class') === 'seitenzahl') {
          // <a class="seitenzahl" href="#id"></a>: the page number of the heading #id
          out.push({ type: 'pageref', target: (attr(node, 'href') ?? '').replace(/^#/, '') });
        } else {
          out.push({
            type: 'link',
            href: attr(node, 'href') ?? '',
            children: inlines(node.childNodes),
          });
        }
        break;
      case 'br':
        out.push({ type: 'break' });
        break;
      default:
        throw fault(`Block <${node.tagName}> inside inline content`, node);
    }
  }
  return trimEdges(out);
}

/** Removes leading and trailing spaces of a run of inlines. */
function trimEdges(items: Inline[]): Inline[] {
  const trim = (item: Inline | undefined, side: 'start' | 'end'): Inline | undefined => {
    if (!item) return item;
    if (item.type === 'text')
      return { type: 'text', text: side === 'start' ? item.text.trimStart() : item.text.trimEnd() };
    if (item.type === 'break' || item.type === 'pageref') return item;
    const children = [...item.children];
    const index = side === 'start' ? 0 : children.length - 1;
    const edge = trim(children[index], side);
    if (edge) children[index] = edge;
    return { ...item, children };
  };
  const out = [...items];
  const first = trim(out[0], 'start');
  if (first) out[0] = first;
  const last = trim(out[out.length - 1], 'end');
  if (last) out[out.length - 1] = last;
  return out.filter((i) => !(i.type === 'text' && i.text === ''));
}

const elementsOf = (nodes: readonly Node[]): Element[] => {
  for (const n of nodes) {
    if (n.nodeName === '#text' && (n as DefaultTreeAdapterMap['textNode']).value.trim() !== '') {
      throw fault(
        `Text outside a block: "${(n as DefaultTreeAdapterMap['textNode']).value.trim().slice(0, 40)}"`,
        n,
      );
    }
  }
  return nodes.filter(isElement);
};

function cell(el: Element): TableCell {
  assertAllowed(el);
  const align: Align = attr(el, 'class') === 'zahl' ? 'right' : 'left';
  return { children: inlines(el.childNodes), align };
}

function table(el: Element): Block {
  const variant = tableVariants[attr(el, 'class') ?? 'daten'] ?? 'data';
  let header: TableCell[] | null = null;
  const rows: TableCell[][] = [];
  const readRows = (parent: Element, inHead: boolean) => {
    for (const tr of elementsOf(parent.childNodes)) {
      assertAllowed(tr);
      if (tr.tagName !== 'tr') throw fault(`<${tr.tagName}> where <tr> was expected`, tr);
      const cells = elementsOf(tr.childNodes).map(cell);
      if (inHead) header = cells;
      else rows.push(cells);
    }
  };
  for (const part of elementsOf(el.childNodes)) {
    assertAllowed(part);
    if (part.tagName === 'thead') readRows(part, true);
    else if (part.tagName === 'tbody') readRows(part, false);
    else throw fault(`<${part.tagName}> directly inside <table>`, part);
  }
  return { type: 'table', variant, header, rows };
}

/** The images a Vorlage's templates may point at (`<img src>`): its checked `bild` files. */
export type ImageLookup = (src: string) => ImageFile | undefined;

const plainText = (el: Element): string =>
  inlines(el.childNodes)
    .map((i) => (i.type === 'text' ? i.text : ''))
    .join('');

/** "2016-02" or "2019-12-31" → ms since 1970 (UTC, the first day of a month); else undefined */
function timeOf(text: string | undefined): number | undefined {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text ?? '');
  if (match === null) return undefined;
  const at = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3] ?? 1));
  return Number.isFinite(at) ? at : undefined;
}

/**
 * <figure class="saeulen|balken|linien" data-einheit="…"><figcaption>title</figcaption>
 * <data value="468">Coesfeld</data>…</figure> is a chart (a point's data-zeit, an ISO day or
 * month, places it on a time axis); <figure class="bild"><img src alt>
 * <figcaption>…</figcaption></figure> a picture.
 */
function figure(el: Element, images: ImageLookup): Block {
  const children = elementsOf(el.childNodes);
  children.forEach(assertAllowed);
  const caption = children.find((c) => c.tagName === 'figcaption');
  const captionText = caption === undefined ? undefined : plainText(caption);
  const cls = attr(el, 'class') ?? '';
  if (cls === 'bild') {
    const img = children.find((c) => c.tagName === 'img');
    const src = img === undefined ? undefined : attr(img, 'src');
    const alt = img === undefined ? undefined : attr(img, 'alt');
    if (src === undefined || alt === undefined || alt.trim() === '')
      throw new HtmlSubsetError('<figure class="bild"> needs an <img> with src and alt');
    const file = images(src);
    if (file === undefined) throw new HtmlSubsetError(`<img src="${src}">: no such checked image`);
    return {
      type: 'image',
      file,
      alt: alt.trim(),
      ...(captionText ? { caption: captionText } : {}),
    };
  }
  const kind = chartKinds[cls];
  if (kind === undefined) throw new HtmlSubsetError(`<figure> needs a class`);
  const unit = attr(el, 'data-einheit');
  const data = children
    .filter((c) => c.tagName === 'data')
    .map((d) => {
      const value = Number(attr(d, 'value'));
      if (!Number.isFinite(value)) throw new HtmlSubsetError('<data> needs a numeric value');
      const at = timeOf(attr(d, 'data-zeit'));
      return { label: plainText(d), value, ...(at === undefined ? {} : { at }) };
    });
  const title = captionText ?? '';
  return {
    type: 'chart',
    kind,
    title,
    ...(unit ? { unit } : {}),
    data,
    alt: chartAlt(kind, title, unit === '' ? undefined : unit, data),
  };
}

const noImages: ImageLookup = () => undefined;

function blocks(nodes: readonly Node[], images: ImageLookup = noImages): Block[] {
  return elementsOf(nodes).map((el): Block => {
    assertAllowed(el);
    switch (el.tagName) {
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5': {
        const id = attr(el, 'id');
        const level = Number(el.tagName.slice(1)) as HeadingLevel;
        return { type: 'heading', level, children: inlines(el.childNodes), ...(id ? { id } : {}) };
      }
      case 'p':
        return { type: 'paragraph', children: inlines(el.childNodes) };
      case 'ul':
      case 'ol':
        return {
          type: 'list',
          ordered: el.tagName === 'ol',
          items: elementsOf(el.childNodes).map((li) => {
            assertAllowed(li);
            if (li.tagName !== 'li') throw fault(`<${li.tagName}> inside a list`, li);
            const hasBlocks = li.childNodes.some(
              (c) => isElement(c) && ['p', 'ul', 'ol', 'table', 'blockquote'].includes(c.tagName),
            );
            return hasBlocks
              ? blocks(li.childNodes, images)
              : [{ type: 'paragraph', children: inlines(li.childNodes) }];
          }),
        };
      case 'blockquote':
        return { type: 'quote', children: blocks(el.childNodes, images) };
      case 'aside':
        return { type: 'box', children: blocks(el.childNodes, images) };
      case 'hr':
        return { type: 'pagebreak' };
      case 'table':
        return table(el);
      case 'figure':
        return figure(el, images);
      default:
        throw fault(`Inline <${el.tagName}> outside a block`, el);
    }
  });
}

/**
 * Parses the HTML subset the templates emit into the document model; `images` resolves the
 * pictures' `src` (the Vorlage's checked image files). `locate`: keep source positions, so that
 * an HtmlSubsetError says where in the HTML it is (see templateFaults.ts).
 */
export function parseHtml(html: string, images: ImageLookup = noImages, locate = false): Block[] {
  return blocks(parseFragment(html, { sourceCodeLocationInfo: locate }).childNodes, images);
}
