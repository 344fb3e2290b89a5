/**
 * Renders the document model as a Word document (DOCX) with the docx library: real heading styles
 * with outline levels, real lists and tables, bookmarks for internal links, a running footer with
 * page numbers, and a byte-for-byte reproducible package (see normalizeDocx.ts).
 *
 * This file assembles the package; renderBlocks.ts renders the body, with renderList.ts,
 * renderTable.ts, renderBox.ts and renderInlines.ts for the parts.
 */
import {
  Document as DocxDocument,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  TabStopType,
  TextRun,
} from 'docx';
import type { ISectionPropertiesOptions } from 'docx';

import type { Document } from '../../model/types.js';
import { FOOTER_SIZE, PAGE, STYLE, TEXT_WIDTH, docxStyles, listDefinition } from './docxStyles.js';
import { normalizeDocx, packDocx } from './normalizeDocx.js';

/** docx 9's compiler (Packer.compiler): the package's parts by path */
interface Compiler {
  compile(file: object): Map<string, string | Uint8Array>;
}
import { renderBlocks } from './renderBlocks.js';
import { TOP_LEVEL, createRenderState } from './renderState.js';

const SECTION_PROPERTIES: ISectionPropertiesOptions = {
  page: {
    size: { width: PAGE.width, height: PAGE.height },
    margin: {
      top: PAGE.marginTop,
      bottom: PAGE.marginBottom,
      left: PAGE.marginLeft,
      right: PAGE.marginRight,
      header: PAGE.footer,
      footer: PAGE.footer,
      gutter: 0,
    },
  },
};

/** the footer's text on the left, "Seite x von y" on the right */
function renderFooter(text: string): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.footer,
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        children: [
          new TextRun({ text, size: FOOTER_SIZE }),
          new TextRun({
            size: FOOTER_SIZE,
            children: [new Tab(), 'Seite ', PageNumber.CURRENT, ' von ', PageNumber.TOTAL_PAGES],
          }),
        ],
      }),
    ],
  });
}

/** Renders the document as a DOCX package; the same document always gives the same bytes. */
export async function renderDocx(doc: Document): Promise<Buffer> {
  const { meta } = doc;
  const state = createRenderState();
  const children = renderBlocks(doc.blocks, state, TOP_LEVEL);
  if (children.length === 0) children.push(new Paragraph({}));

  const file = new DocxDocument({
    title: meta.title,
    subject: meta.subject,
    creator: meta.author,
    keywords: meta.keywords.join(', '),
    lastModifiedBy: 'ratsmappe',
    revision: 1,
    styles: docxStyles(meta.language),
    numbering: { config: [...state.listReferences].sort().map(listDefinition) },
    sections: [
      {
        properties: SECTION_PROPERTIES,
        footers: { default: renderFooter(meta.footer) },
        children,
      },
    ],
  });
  const options = { date: meta.date, language: meta.language };
  // docx's own compiler gives the parts before zipping: they are normalised and zipped once
  // (Packer.toBuffer zips, and the normalisation would unzip and zip again)
  const compiler = (Packer as unknown as { compiler?: Compiler }).compiler;
  if (compiler !== undefined) return packDocx(compiler.compile(file), options);
  return normalizeDocx(await Packer.toBuffer(file), options);
}
