/**
 * Reads a document model's PDF back and checks it against what the model says (pdfExpected.ts):
 * - the text of the pages, without their footers and white space, is exactly the model's text in
 *   order (nothing lost, nothing added, nothing moved), except a data table's header row repeated
 *   at the top of a page; a page starts where the model breaks the page;
 * - each page ends with the footer "<meta.footer> Seite x von y";
 * - the rows that fit on one line and the ordered items' numbers stand on lines of their own;
 * - headings are on the page their destination and bookmark point at, bookmarks nest like the
 *   heading levels, page numbers name the page of their heading;
 * - the links point at the model's addresses and destinations.
 */
import { expect } from 'chai';

import type { Block, Document } from '../../src/model/types.js';
import { inlinesToPlain as plainText } from '../../src/render/pdf/pdfInlines.js';
import { expectedPdf, squeeze, type PdfToken } from './pdfExpected.js';
import { extractPdfText, pdfInfo, type PdfOutlineNode } from './pdfText.js';

const collapse = (text: string): string => text.replace(/[\s\u00a0]+/g, ' ').trim();

/** the pages' text as one string without white space, and where each page starts in it */
function pageStream(pages: readonly string[], footer: string): { text: string; starts: number[] } {
  let text = '';
  const starts: number[] = [];
  pages.forEach((page, i) => {
    const lines = page.split('\n');
    expect(collapse(lines.at(-1) ?? ''), `footer of page ${String(i + 1)}`).to.equal(
      collapse(`${footer} Seite ${String(i + 1)} von ${String(pages.length)}`),
    );
    starts.push(text.length);
    text += squeeze(lines.slice(0, -1).join(''));
  });
  return { text, starts };
}

/** the headings' (title, nesting depth, page) as the bookmarks must show them */
function flatOutline(nodes: readonly PdfOutlineNode[], depth = 0): [string, number, number][] {
  return nodes.flatMap((n) => [
    [n.title, depth, n.page ?? -1] as [string, number, number],
    ...flatOutline(n.items, depth + 1),
  ]);
}

function headingsOf(blocks: readonly Block[]): Extract<Block, { type: 'heading' }>[] {
  return blocks.flatMap((b) =>
    b.type === 'heading'
      ? [b]
      : b.type === 'quote' || b.type === 'box'
        ? headingsOf(b.children)
        : b.type === 'list'
          ? b.items.flatMap(headingsOf)
          : [],
  );
}

/** Checks the PDF of `doc` against the model; fails with the place where they differ. */
export async function expectPdfReadsBack(doc: Document, pdf: Uint8Array): Promise<void> {
  const [{ pages }, info] = await Promise.all([extractPdfText(pdf), pdfInfo(pdf)]);
  const expected = expectedPdf(doc);
  const { text, starts } = pageStream(pages, doc.meta.footer);
  const pageAt = (pos: number): number => starts.filter((s) => s <= pos).length;
  const destPage = (dest: string): number => info.destinations.get(dest) ?? -1;

  let pos = 0;
  const where = (): string =>
    `…${text.slice(Math.max(0, pos - 30), pos)}⟨here, page ${String(pageAt(pos))}⟩${text.slice(pos, pos + 40)}…`;
  const take = (want: string, token: PdfToken): void => {
    expect(text.startsWith(want, pos), `${JSON.stringify(token)} at ${where()}`).to.equal(true);
    pos += want.length;
  };
  const headingPages: number[] = [];
  for (const token of expected.tokens) {
    switch (token.kind) {
      case 'text':
        take(token.text, token);
        break;
      case 'heading':
        headingPages.push(pageAt(pos));
        if (token.dest !== undefined)
          expect(pageAt(pos), `page of heading #${token.dest}`).to.equal(destPage(token.dest));
        take(token.text, token);
        break;
      case 'pageref':
        take(String(destPage(token.target)), token);
        break;
      case 'row': {
        // a row that starts a page may have the header before it (also a row without text)
        const { header } = token;
        if (
          header !== undefined &&
          starts.includes(pos) &&
          text.startsWith(header, pos) &&
          (token.text === '' || !text.startsWith(token.text, pos))
        )
          pos += header.length;
        take(token.text, token);
        break;
      }
      case 'pagebreak':
        expect(starts.includes(pos), `a page starts at ${where()}`).to.equal(true);
        break;
    }
  }
  expect(text.slice(pos), 'text after the end of the document').to.equal('');

  // compared without white space: text extraction guesses spaces from gaps, and there is a
  // small one where a text in italics follows upright text. An ordered item's number may touch
  // the number of an item around it, and stands on the line of the first row of a table.
  const lines = pages.flatMap((p) => p.split('\n')).map(squeeze);
  const rows = new Set(lines.flatMap((l) => [l, l.replace(/^(\d+\.)+/, '')]));
  for (const line of expected.lines) {
    const found = /^\d+\. /.test(line)
      ? lines.some((l) => l.includes(squeeze(line)))
      : rows.has(squeeze(line));
    expect(found, `a line "${line}"`).to.equal(true);
  }

  const depth = doc.meta.outlineDepth ?? 3;
  const levels: number[] = [];
  const outline = headingsOf(doc.blocks).flatMap((h, i): [string, number, number][] => {
    if (h.level > depth) return [];
    while ((levels.at(-1) ?? 0) >= h.level) levels.pop();
    levels.push(h.level);
    return [[collapse(plainText(h.children)), levels.length - 1, headingPages[i] ?? -1]];
  });
  expect(flatOutline(info.outline), 'bookmarks').to.deep.equal(outline);

  const links = info.links.flat();
  expect(
    new Set(links.flatMap((l) => (l.url === null ? [] : [l.url]))),
    'link addresses',
  ).to.deep.equal(expected.urls);
  expect(
    new Set(links.flatMap((l) => (l.dest === null ? [] : [l.dest]))),
    'link destinations',
  ).to.deep.equal(expected.dests);
}
