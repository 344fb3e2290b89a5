/**
 * Reads the body of a DOCX back as the blocks a reader sees: headings (by their style), paragraphs,
 * list items (by their numbering), tables with their rows and cells, and page breaks. Runs carry
 * their text and what changes their meaning (bold, italics, link target, field); the layout that
 * does not (spacing, widths, borders) is left out, so that the result can be compared with what a
 * document model says (see docxExpected.ts).
 *
 * Paragraphs without text, numbering or page break (the spacers Word needs between tables and at
 * the end of a cell) are left out; an empty table cell reads as no blocks.
 */
import { decodeEntities, docxXml } from './docxText.js';

export interface DocxRun {
  readonly text: string;
  readonly bold?: true;
  readonly italics?: true;
  /** the target of the hyperlink the run is in: an address, or `#bookmark` */
  readonly link?: string;
  /** the instruction of a field (e.g. `PAGEREF ziel`); such a run has no text */
  readonly field?: string;
}

export type DocxBlock =
  | { readonly kind: 'heading'; readonly level: number; readonly id?: string; runs: DocxRun[] }
  | {
      readonly kind: 'paragraph';
      readonly quote?: true;
      readonly right?: true;
      /** left indent in twips */
      readonly indent: number;
      runs: DocxRun[];
    }
  | {
      readonly kind: 'item';
      readonly ordered: boolean;
      /** the lists of the document counted in the order they first appear, from 0 */
      readonly list: number;
      readonly quote?: true;
      readonly indent: number;
      runs: DocxRun[];
    }
  | { readonly kind: 'pagebreak' }
  | { readonly kind: 'table'; readonly indent: number; readonly rows: DocxRow[] };

export interface DocxRow {
  readonly header: boolean;
  readonly cells: DocxBlock[][];
}

interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: (XmlElement | string)[];
}

/** a small XML parser for the well-formed parts docx writes (no CDATA, no DTD) */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#root', attrs: {}, children: [] };
  const stack = [root];
  const tokens = /<[?!][^>]*>|<(\/?)([\w:.-]+)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
  for (const [, closing, name, attrText = '', selfClosing, text] of xml.matchAll(tokens)) {
    const top = stack.at(-1) ?? root;
    if (text !== undefined) top.children.push(decodeEntities(text));
    else if (name === undefined) continue;
    else if (closing === '/') stack.pop();
    else {
      const attrs: Record<string, string> = {};
      for (const [, key = '', value = ''] of attrText.matchAll(/([\w:.-]+)="([^"]*)"/g))
        attrs[key] = decodeEntities(value);
      const element: XmlElement = { name, attrs, children: [] };
      top.children.push(element);
      if (selfClosing !== '/') stack.push(element);
    }
  }
  return root;
}

const elements = (el: XmlElement | undefined, name?: string): XmlElement[] =>
  (el?.children ?? []).filter(
    (c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name),
  );
const child = (el: XmlElement | undefined, name: string): XmlElement | undefined =>
  elements(el, name)[0];
/** every descendant element of the given name, in document order */
const descendants = (el: XmlElement, name: string): XmlElement[] =>
  elements(el).flatMap((c) => [...(c.name === name ? [c] : []), ...descendants(c, name)]);
const textOf = (el: XmlElement): string =>
  el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
const twipsOf = (el: XmlElement | undefined, attr: string): number => Number(el?.attrs[attr] ?? 0);

/** what a numbering instance (w:num) says: its format at level 0 and where it starts */
interface NumberingInstance {
  readonly ordered: boolean;
  readonly start: number;
}

function readNumbering(xml: string): Map<string, NumberingInstance> {
  const root = child(parseXml(xml), 'w:numbering');
  const abstracts = new Map(
    elements(root, 'w:abstractNum').map((a) => [a.attrs['w:abstractNumId'] ?? '', a]),
  );
  const instances = new Map<string, NumberingInstance>();
  for (const num of elements(root, 'w:num')) {
    const abstract = abstracts.get(child(num, 'w:abstractNumId')?.attrs['w:val'] ?? '');
    const level = elements(abstract, 'w:lvl').find((l) => l.attrs['w:ilvl'] === '0');
    const override = elements(num, 'w:lvlOverride').find((o) => o.attrs['w:ilvl'] === '0');
    const start = child(override, 'w:startOverride') ?? child(level, 'w:start');
    instances.set(num.attrs['w:numId'] ?? '', {
      ordered: child(level, 'w:numFmt')?.attrs['w:val'] !== 'bullet',
      start: Number(start?.attrs['w:val'] ?? NaN),
    });
  }
  return instances;
}

/** appends a run; one in the same format as the last one is joined to it */
export function pushRun(runs: DocxRun[], run: DocxRun): void {
  const last = runs.at(-1);
  const same =
    last !== undefined &&
    last.field === undefined &&
    run.field === undefined &&
    last.bold === run.bold &&
    last.italics === run.italics &&
    last.link === run.link;
  if (same) runs[runs.length - 1] = { ...last, text: last.text + run.text };
  else runs.push(run);
}

interface Reader {
  readonly links: ReadonlyMap<string, string>;
  readonly numbering: ReadonlyMap<string, NumberingInstance>;
  /** numId → the list's number in order of appearance */
  readonly lists: Map<string, number>;
}

function readRuns(paragraph: XmlElement, reader: Reader, link?: string): DocxRun[] {
  const runs: DocxRun[] = [];
  for (const el of elements(paragraph)) {
    if (el.name === 'w:hyperlink') {
      // an external target's fragment is written as the anchor
      const anchor = el.attrs['w:anchor'] === undefined ? '' : `#${el.attrs['w:anchor']}`;
      const target = el.attrs['r:id'] === undefined ? '' : reader.links.get(el.attrs['r:id']);
      const href = `${target ?? ''}${anchor}`;
      for (const run of readRuns(el, reader, href)) pushRun(runs, run);
    } else if (el.name === 'w:bookmarkStart' || el.name === 'w:bookmarkEnd') {
      continue;
    } else if (el.name === 'w:r') {
      const rPr = child(el, 'w:rPr');
      const format = {
        ...(child(rPr, 'w:b') ? { bold: true as const } : {}),
        ...(child(rPr, 'w:i') ? { italics: true as const } : {}),
        ...(link === undefined ? {} : { link }),
      };
      for (const part of elements(el)) {
        if (part.name === 'w:t') pushRun(runs, { ...format, text: textOf(part) });
        else if (part.name === 'w:br' || part.name === 'w:cr')
          pushRun(runs, { ...format, text: '\n' });
        else if (part.name === 'w:tab') pushRun(runs, { ...format, text: '\t' });
        else if (part.name === 'w:instrText')
          pushRun(runs, { text: '', field: textOf(part).trim() });
      }
    }
  }
  return runs;
}

function readParagraph(p: XmlElement, reader: Reader): DocxBlock[] {
  const pPr = child(p, 'w:pPr');
  const style = child(pPr, 'w:pStyle')?.attrs['w:val'];
  const runs = readRuns(p, reader);
  const numId = child(child(pPr, 'w:numPr'), 'w:numId')?.attrs['w:val'];
  const pageBreak: DocxBlock[] = child(pPr, 'w:pageBreakBefore') ? [{ kind: 'pagebreak' }] : [];
  const indent = twipsOf(child(pPr, 'w:ind'), 'w:left');
  const quote = style === 'Quote' ? { quote: true as const } : {};
  const heading = /^Heading(\d)$/.exec(style ?? '');
  if (heading) {
    const id = child(p, 'w:bookmarkStart')?.attrs['w:name'];
    return [
      ...pageBreak,
      { kind: 'heading', level: Number(heading[1]), ...(id ? { id } : {}), runs },
    ];
  }
  if (numId !== undefined) {
    const instance = reader.numbering.get(numId);
    if (!reader.lists.has(numId)) reader.lists.set(numId, reader.lists.size);
    if (instance?.ordered === true && instance.start !== 1)
      throw new Error(`list ${numId} starts at ${String(instance.start)}`);
    const list = reader.lists.get(numId) ?? -1;
    const ordered = instance?.ordered ?? false;
    return [...pageBreak, { kind: 'item', ordered, list, ...quote, indent, runs }];
  }
  if (runs.every((r) => r.text === '' && r.field === undefined)) return pageBreak;
  const right = child(pPr, 'w:jc')?.attrs['w:val'] === 'right' ? { right: true as const } : {};
  return [...pageBreak, { kind: 'paragraph', ...quote, ...right, indent, runs }];
}

function readBody(parent: XmlElement, reader: Reader): DocxBlock[] {
  return elements(parent).flatMap((el): DocxBlock[] => {
    if (el.name === 'w:p') return readParagraph(el, reader);
    if (el.name !== 'w:tbl') return [];
    const indent = twipsOf(child(child(el, 'w:tblPr'), 'w:tblInd'), 'w:w');
    const rows = elements(el, 'w:tr').map((tr) => ({
      header: child(child(tr, 'w:trPr'), 'w:tblHeader') !== undefined,
      cells: elements(tr, 'w:tc').map((tc) => readBody(tc, reader)),
    }));
    return [{ kind: 'table', indent, rows }];
  });
}

/** the blocks of word/document.xml */
export async function readDocxBody(buf: Uint8Array): Promise<DocxBlock[]> {
  const parts = await docxXml(buf);
  const rels = parseXml(parts['word/_rels/document.xml.rels'] ?? '');
  const links = new Map(
    descendants(rels, 'Relationship').map((r) => [r.attrs.Id ?? '', r.attrs.Target ?? '']),
  );
  const numbering = readNumbering(parts['word/numbering.xml'] ?? '');
  const body = child(child(parseXml(parts['word/document.xml'] ?? ''), 'w:document'), 'w:body');
  if (!body) throw new Error('word/document.xml has no w:body');
  return readBody(body, { links, numbering, lists: new Map() });
}

/** for each heading style of word/styles.xml: its outline level */
export async function docxHeadingOutlineLevels(buf: Uint8Array): Promise<Map<string, number>> {
  const styles = parseXml((await docxXml(buf))['word/styles.xml'] ?? '');
  const levels = new Map<string, number>();
  for (const style of descendants(styles, 'w:style')) {
    const id = style.attrs['w:styleId'] ?? '';
    const level = child(child(style, 'w:pPr'), 'w:outlineLvl')?.attrs['w:val'];
    if (/^Heading\d$/.test(id) && level !== undefined) levels.set(id, Number(level));
  }
  return levels;
}
