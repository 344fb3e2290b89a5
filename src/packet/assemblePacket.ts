/**
 * The Sitzungsmappe as an assembly of parts (pdf-lib): the cover, the separator of the
 * non-public part and every Vorlage are PDFs laid out once; their pages are copied into the
 * packet, which puts its own page furniture over them (footer with the packet's page numbers,
 * the TOP line at the top of a Vorlage), and gets bookmarks, named destinations and links
 * across the parts. Foreign pages (Anlagen) can be parts the same way.
 *
 * pdf-lib has no API for bookmarks and named destinations, so those dictionaries are written
 * here (ISO 32000-1 12.3.2.3 name tree of /Dests, 12.3.3 outline); see outline.ts.
 *
 * The result is PDF/A-2b like every PDF of ratsmappe (PDF/A-3b when a part brings associated
 * files, associatedFiles.ts): XMP (buildXmp), the parts' sRGB output
 * intent, /Lang, a trailer /ID, fonts embedded (the parts' subsets, with subset tags made
 * unique across parts), no transparency.
 */
import { createHash } from 'node:crypto';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFObjectCopier,
  PDFRef,
  ParseSpeeds,
  type PDFPage,
} from 'pdf-lib';
import type { DocumentMeta } from '../model/types.js';
import { buildXmp } from '../render/pdf/pdfArchive.js';
import type { OutlineEntry } from '../render/pdf/pdfBlocks.js';
import {
  overlayPages,
  renderFurniture,
  type PageFurniture,
} from '../render/pdf/renderFurniture.js';
import {
  collectDests,
  dropDanglingLinks,
  renameLinks,
  tagFor,
  uniqueFontTags,
  writeDests,
} from './pdfNames.js';
import { writeOutline, type OutlineItem } from './outline.js';
import {
  collectAssociatedFiles,
  noAssociatedFiles,
  writeAssociatedFiles,
} from './associatedFiles.js';
import {
  IDENTITY,
  num,
  pageView,
  sharedStreams,
  type Matrix,
} from '../render/anlagen/pageMatrix.js';

/** One part of a packet: a rendered PDF and how the packet refers to it. */
export interface PacketPart {
  readonly pdf: Uint8Array;
  /** `pdf` already loaded in this thread (a prepared Anlage): copied from, not parsed again */
  readonly loaded?: PDFDocument;
  /** bookmarks of the part (its own levels; nested below `top` when there is one) */
  readonly outline: readonly OutlineEntry[];
  /** a Vorlage on the agenda: destination and bookmark of its TOP, the header texts */
  readonly top?: {
    readonly dest: string;
    /** bold on the first page, e.g. "TOP 2: Bericht der Verwaltung …" */
    readonly title: string;
    /** small on the following pages, e.g. "TOP 2 · V/2024/0815 · Bericht der Verwaltung …" */
    readonly running: string;
  };
  /** an Anlage (prepared by prepareAnlage.ts): its destination, bookmark and stamp */
  readonly anlage?: {
    readonly dest: string;
    /** „Anlage 2: Lageplan“ */
    readonly bookmark: string;
    /** level of the bookmark: 1 in a Vorlage's own PDF, 2 below its TOP in a packet */
    readonly level: number;
    /** „Anlage 2 zu SV-9-1601: Lageplan“ */
    readonly stamp: string;
  };
}

export interface PacketSpec {
  readonly meta: DocumentMeta;
  readonly parts: readonly PacketPart[];
  /**
   * claim PDF/A in the XMP (default); false when a part is not PDF/A-2b (an Anlage). The claim
   * is PDF/A-3b when a part has associated files (an archived Vorlage's sources), else PDF/A-2b.
   */
  readonly pdfa?: boolean;
}

const PRODUCER = 'ratsmappe (pdfmake, pdf-lib)';

/** pdf-lib's load without its timer tick after every 100 objects (meant for browsers) */
const LOAD = { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest } as const;

/** `D:YYYYMMDD000000Z` of an ISO day, as pdfkit writes the parts' dates */
const pdfDate = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** Body of a copied page: the first content stream (a part's own footer follows it). */
function bodyStream(page: PDFPage): PDFRef {
  const [first] = bodyStreams(page);
  if (first === undefined) throw new Error('part page without a content stream');
  return first;
}

/** Every content stream of a page (an Anlage page keeps all of its own). */
function bodyStreams(page: PDFPage): PDFRef[] {
  const contents = page.node.get(PDFName.of('Contents'));
  const streams = contents instanceof PDFArray ? contents.asArray() : [contents];
  const refs = streams.filter((s): s is PDFRef => s instanceof PDFRef);
  if (refs.length !== streams.length || refs.length === 0)
    throw new Error('part page without a content stream');
  return refs;
}

/**
 * Assembles the packet. Pure apart from pdf-lib's and pdfkit's work in memory; the output is
 * byte-identical for equal input.
 */
export async function assemblePacket({
  meta,
  parts,
  pdfa = true,
}: PacketSpec): Promise<Uint8Array> {
  const out = await PDFDocument.create({ updateMetadata: false });
  const { context } = out;
  const dests = new Map<string, PDFArray>();
  const items: OutlineItem[] = [];
  const furniture: PageFurniture[] = [];
  const bodies: PDFRef[][] = [];
  const views: Matrix[] = [];
  const pages: PDFPage[] = [];
  let outputIntents: ReturnType<PDFObjectCopier['copy']> | undefined;
  const files = noAssociatedFiles();
  let fonts = 0;
  const nextTag = (): string => tagFor(fonts++);

  for (const [k, part] of parts.entries()) {
    const src = part.loaded ?? (await PDFDocument.load(part.pdf, LOAD));
    const rename = (name: string): string =>
      name.startsWith('_') ? `_p${String(k)}${name}` : name;
    const copied = await out.copyPages(src, src.getPageIndices());
    const first = pages.length;
    copied.forEach((page, i) => {
      out.addPage(page);
      pages.push(page);
      if (part.anlage === undefined) {
        bodies.push([bodyStream(page)]);
        views.push(IDENTITY);
        furniture.push({
          size: page.getSize(),
          header:
            part.top === undefined
              ? undefined
              : { text: i === 0 ? part.top.title : part.top.running, first: i === 0 },
        });
      } else {
        // drawn for the page as it is seen, whatever its box and rotation
        const view = pageView(page);
        bodies.push(bodyStreams(page));
        views.push(view.toUser);
        furniture.push({ size: view, stamp: part.anlage.stamp });
      }
    });
    collectDests(src, copied, rename, dests);
    collectAssociatedFiles(src, out, files);
    uniqueFontTags(copied, nextTag);
    for (const page of copied) renameLinks(page, rename);
    if (outputIntents === undefined) {
      const intents = src.catalog.get(PDFName.of('OutputIntents'));
      if (intents !== undefined)
        outputIntents = PDFObjectCopier.for(src.context, context).copy(intents);
    }
    const entries = part.outline.map((e) => ({ ...e, dest: rename(e.dest) }));
    if (part.anlage !== undefined) {
      const firstPage = pages[first];
      if (firstPage === undefined) throw new Error('an Anlage without pages');
      const { dest, bookmark, level } = part.anlage;
      // the whole page, whatever its size and rotation
      dests.set(dest, context.obj([firstPage.ref, 'Fit']));
      items.push({ title: bookmark, level, dest });
    } else if (part.top === undefined) {
      items.push(...entries.map((e) => ({ title: e.title, level: e.level, dest: e.dest })));
    } else {
      const firstPage = pages[first];
      if (firstPage === undefined) throw new Error('a TOP part without pages');
      dests.set(
        part.top.dest,
        context.obj([firstPage.ref, 'XYZ', null, firstPage.getHeight(), null]),
      );
      items.push({ title: part.top.title, level: 1, dest: part.top.dest });
      items.push(...entries.map((e) => ({ title: e.title, level: e.level + 1, dest: e.dest })));
    }
  }

  // links only where the target is in this very packet
  for (const page of pages) dropDanglingLinks(page, (name) => dests.has(name));

  const overlay = await overlayFurniture(out, { pages, bodies, views, furniture }, meta, nextTag);
  // parts of foreign pages only (an Anlage alone) bring none: the overlay's sRGB intent
  outputIntents ??= overlay.outputIntents;
  writeDests(out, dests);
  writeOutline(out, items);
  const attached = writeAssociatedFiles(out, files);
  writeInfo(
    out,
    meta,
    outputIntents,
    parts,
    pdfa ? (attached ? 'PDF/A-3b' : 'PDF/A-2b') : undefined,
  );
  return out.save({ useObjectStreams: false, addDefaultPage: false, objectsPerTick: Infinity });
}

/**
 * Puts the packet's footer (and the TOP line) over every page: both are drawn by pdfkit into
 * an overlay document (two pages per packet page), whose pages become form XObjects painted
 * before (header) and after (footer) the part's body, so text extraction reads header, body,
 * footer in that order.
 */
async function overlayFurniture(
  out: PDFDocument,
  {
    pages,
    bodies,
    views,
    furniture,
  }: {
    readonly pages: readonly PDFPage[];
    readonly bodies: readonly (readonly PDFRef[])[];
    /** per page: from the page as it is seen to its user space (identity for ratsmappe's own) */
    readonly views: readonly Matrix[];
    readonly furniture: readonly PageFurniture[];
  },
  meta: DocumentMeta,
  nextTag: () => string,
): Promise<{ outputIntents: ReturnType<PDFObjectCopier['copy']> | undefined }> {
  const { context } = out;
  const overlay = await PDFDocument.load(
    await renderFurniture(furniture, meta.footer, meta.design),
    LOAD,
  );
  const intents = overlay.catalog.get(PDFName.of('OutputIntents'));
  const copied = await out.copyPages(overlay, overlay.getPageIndices());
  uniqueFontTags(copied, nextTag);
  const asForm = (page: PDFPage | undefined): PDFRef => {
    if (page === undefined) throw new Error('overlay page missing');
    const stream = bodyStream(page);
    const dict = context.lookup(stream);
    if (!(dict !== undefined && 'dict' in dict && dict.dict instanceof PDFDict)) {
      throw new Error('overlay content is not a stream');
    }
    const { width, height } = page.getSize();
    dict.dict.set(PDFName.of('Type'), PDFName.of('XObject'));
    dict.dict.set(PDFName.of('Subtype'), PDFName.of('Form'));
    dict.dict.set(PDFName.of('BBox'), context.obj([0, 0, width, height]));
    const resources = page.node.get(PDFName.of('Resources'));
    if (resources !== undefined) dict.dict.set(PDFName.of('Resources'), resources);
    return stream;
  };
  const overlayOf = overlayPages(furniture);
  const plain = context.register(context.stream('q\n'));
  const headed = context.register(context.stream('q /RmHead Do Q\nq\n'));
  const after = context.register(context.stream('\nQ\nq /RmFoot Do Q\n'));
  let closing: PDFRef | undefined;
  const viewed = sharedStreams(context);
  pages.forEach((page, i) => {
    const resources = page.node.Resources() ?? context.obj({});
    let xobjects = resources.lookupMaybe(PDFName.of('XObject'), PDFDict);
    if (xobjects === undefined) {
      xobjects = context.obj({});
      resources.set(PDFName.of('XObject'), xobjects);
    }
    const stamped = furniture[i]?.stamp !== undefined;
    const hasHeader = furniture[i]?.header !== undefined || stamped;
    const { head, foot } = overlayOf[i] ?? { head: 2 * i, foot: 2 * i + 1 };
    if (hasHeader) xobjects.set(PDFName.of('RmHead'), asForm(copied[head]));
    if (foot !== undefined) xobjects.set(PDFName.of('RmFoot'), asForm(copied[foot]));
    const body = bodies[i];
    if (body === undefined) throw new Error('page without body');
    const view = views[i] ?? IDENTITY;
    // an Anlage page: the stamp through the page's own view, and nothing below its body; pages
    // of one view share the stream
    const before = stamped
      ? viewed(`q ${view.map(num).join(' ')} cm /RmHead Do Q\nq\n`)
      : hasHeader
        ? headed
        : plain;
    page.node.set(
      PDFName.of('Contents'),
      context.obj([
        before,
        ...body,
        stamped ? (closing ??= context.register(context.stream('\nQ\n'))) : after,
      ]),
    );
    page.node.set(PDFName.of('Resources'), resources);
  });
  return {
    outputIntents:
      intents === undefined
        ? undefined
        : PDFObjectCopier.for(overlay.context, context).copy(intents),
  };
}

function writeInfo(
  out: PDFDocument,
  meta: DocumentMeta,
  outputIntents: ReturnType<PDFObjectCopier['copy']> | undefined,
  parts: readonly PacketPart[],
  claim: 'PDF/A-2b' | 'PDF/A-3b' | undefined,
): void {
  const { context } = out;
  const date = pdfDate(meta.date);
  const keywords = meta.keywords.join(', ');
  out.setTitle(meta.title);
  out.setAuthor(meta.author);
  out.setSubject(meta.subject);
  out.setKeywords([keywords]);
  out.setCreator('ratsmappe');
  out.setProducer(PRODUCER);
  out.setCreationDate(date);
  out.setModificationDate(date);
  out.setLanguage(meta.language);
  const info = {
    Title: meta.title,
    Author: meta.author,
    Subject: meta.subject,
    Keywords: keywords,
    Creator: 'ratsmappe',
    Producer: PRODUCER,
    CreationDate: date,
    ModDate: date,
  };
  const xmp = context.stream(buildXmp(info, meta.language, claim), {
    Type: 'Metadata',
    Subtype: 'XML',
  });
  out.catalog.set(PDFName.of('Metadata'), context.register(xmp));
  if (outputIntents !== undefined) out.catalog.set(PDFName.of('OutputIntents'), outputIntents);
  const digest = createHash('md5');
  digest.update(JSON.stringify(meta));
  for (const part of parts) digest.update(part.pdf);
  const id = PDFHexString.of(digest.digest('hex'));
  context.trailerInfo.ID = context.obj([id, id]);
}
