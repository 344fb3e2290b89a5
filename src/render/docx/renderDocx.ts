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

import type { Design, Document } from '../../model/types.js';
import {
  FOOTER_SIZE,
  PAGE,
  STYLE,
  TEXT_WIDTH,
  docxLook,
  docxStyles,
  listDefinition,
} from './docxStyles.js';
import { chartStyle } from '../chart/chartStyle.js';
import { rasteriser } from '../chart/rasterise.js';
import { prepareCharts, type ChartCacheRef } from '../chart/chartStore.js';
import { CHART_PNG_WIDTH, needsRaster } from './renderFigure.js';
import { withLogoPng } from './letterheadLogo.js';
import { renderLetterhead } from './renderLetterhead.js';
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

/**
 * The body's own font embedded in the package: the faces it has (Word and LibreOffice slant
 * the upright faces for italics the body does not give).
 */
function embeddedFonts(design: Design | undefined) {
  const font = design?.font;
  if (font === undefined) return [];
  return [
    {
      name: font.name,
      data: Buffer.from(font.normal.bytes),
      bold: Buffer.from(font.bold.bytes),
      ...(font.italics === undefined ? {} : { italic: Buffer.from(font.italics.bytes) }),
      ...(font.bolditalics === undefined
        ? {}
        : { boldItalic: Buffer.from(font.bolditalics.bytes) }),
    },
  ];
}

/**
 * Renders the document as a DOCX package; the same document always gives the same bytes. With
 * `meta.letterhead` the first page has it as its header (titlePage); `meta.design` names and
 * embeds the body's font and colours headings and rules. `charts`: where its charts' pictures are cached.
 */
export async function renderDocx(doc: Document, charts?: ChartCacheRef): Promise<Buffer> {
  const { meta } = doc;
  const look = docxLook(meta.design);
  const state = createRenderState(look);
  state.chart = chartStyle(meta.design);
  // the charts' SVGs and PNGs, from the cache where it has them (chartStore.ts)
  await prepareCharts(doc.blocks, state.chart, charts, CHART_PNG_WIDTH);
  if (needsRaster(doc.blocks)) await rasteriser();
  const children = renderBlocks(doc.blocks, state, TOP_LEVEL);
  if (children.length === 0) children.push(new Paragraph({}));

  const file = new DocxDocument({
    title: meta.title,
    subject: meta.subject,
    creator: meta.author,
    keywords: meta.keywords.join(', '),
    lastModifiedBy: 'ratsmappe',
    revision: 1,
    styles: docxStyles(meta.language, look),
    numbering: {
      config: [...state.listReferences].sort().map((ref) => listDefinition(ref, look.font)),
    },
    ...(meta.design?.font === undefined ? {} : { fonts: embeddedFonts(meta.design) }),
    sections: [
      meta.letterhead === undefined
        ? {
            properties: SECTION_PROPERTIES,
            footers: { default: renderFooter(meta.footer) },
            children,
          }
        : {
            properties: { ...SECTION_PROPERTIES, titlePage: true },
            // the following pages: no header, as without a letterhead
            headers: {
              first: renderLetterhead(
                await withLogoPng(meta.letterhead, meta.design),
                look.accent,
                meta.design,
              ),
            },
            footers: { default: renderFooter(meta.footer), first: renderFooter(meta.footer) },
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
