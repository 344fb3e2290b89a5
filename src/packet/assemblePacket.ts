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
  type PDFObject,
  type PDFPage,
} from 'pdf-lib';
import type { DocumentMeta } from '../model/types.js';
import { buildXmp } from '../render/pdf/pdfArchive.js';
import type { OutlineEntry } from '../render/pdf/pdfBlocks.js';
import type { FurnitureLayout, PageFurniture } from '../render/pdf/renderFurniture.js';
import { importOwn } from '../render/importOwn.js';
import {
  destsOf,
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
  type AssociatedFiles,
} from './associatedFiles.js';
import { PacketRenders } from './packetRenders.js';
import { spliceForms, splicePages, SpliceUnsupported, type SplicedForms } from './splicePdf.js';
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
  /** the packet's renders of its last build, to reuse (the page furniture) */
  readonly renders?: PacketRenders;
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
export async function assemblePacket(spec: PacketSpec): Promise<Uint8Array> {
  try {
    return await assemble(spec, true);
  } catch (error) {
    // a part the byte-level copy does not read (associated files, an xref stream): pdf-lib's way
    if (error instanceof SpliceUnsupported) return assemble(spec, false);
    throw error;
  }
}

/**
 * The byte-level copy, where any fault of it (pdf-lib's object parser on a part it reads
 * differently, say) sends the packet pdf-lib's way rather than failing the build.
 */
function unsupportedOnFault<T>(copy: () => T): T {
  try {
    return copy();
  } catch (error) {
    if (error instanceof SpliceUnsupported) throw error;
    throw new SpliceUnsupported(String(error), { cause: error });
  }
}

/** The overlay's pages as forms of the assembly (either way). */
type Forms = Omit<SplicedForms, 'analysis'>;

/** A part's pages copied into the assembly, with its named destinations and output intents. */
interface CopiedPart {
  readonly pages: readonly PDFPage[];
  readonly dests: readonly (readonly [string, PDFArray])[];
  readonly outputIntents: PDFObject | undefined;
}

/** pdf-lib's way: the part parsed whole, its pages copied with pdf-lib's object copier. */
async function copyWithPdfLib(
  out: PDFDocument,
  part: Pick<PacketPart, 'pdf' | 'loaded'>,
  nextTag: () => string,
  files: AssociatedFiles,
  withIntents: boolean,
): Promise<CopiedPart> {
  const src = part.loaded ?? (await PDFDocument.load(part.pdf, LOAD));
  const pages = await out.copyPages(src, src.getPageIndices());
  const dests = destsOf(src, pages);
  collectAssociatedFiles(src, out, files);
  uniqueFontTags(pages, nextTag);
  const intents = src.catalog.get(PDFName.of('OutputIntents'));
  const outputIntents =
    intents === undefined || !withIntents
      ? undefined
      : PDFObjectCopier.for(src.context, out.context).copy(intents);
  return { pages, dests, outputIntents };
}

/**
 * The assembly; `splice`: the parts' pages copied as bytes where the assembly does not change
 * them (splicePdf.ts; SpliceUnsupported for a part it does not read), else by pdf-lib (parsed
 * whole, written anew). Exported for the tests, which compare both ways.
 */
export async function assemble(
  { meta, parts, pdfa = true, renders = new PacketRenders() }: PacketSpec,
  splice: boolean,
): Promise<Uint8Array> {
  const out = await PDFDocument.create({ updateMetadata: false });
  const { context } = out;
  const dests = new Map<string, PDFArray>();
  const items: OutlineItem[] = [];
  const furniture: PageFurniture[] = [];
  const bodies: PDFRef[][] = [];
  const views: Matrix[] = [];
  const pages: PDFPage[] = [];
  let outputIntents: PDFObject | undefined;
  const files = noAssociatedFiles();
  let fonts = 0;
  const nextTag = (): string => tagFor(fonts++);
  // the output intents of the first part that has any (the packet's own)
  const copy = (
    bytes: Pick<PacketPart, 'pdf' | 'loaded'>,
    own: boolean,
    withIntents: boolean,
  ): Promise<CopiedPart> | CopiedPart =>
    splice
      ? unsupportedOnFault(() =>
          renders.analysed(bytes.pdf, (known) =>
            splicePages(out, bytes.pdf, { firstContentOnly: own, nextTag, withIntents, known }),
          ),
        )
      : copyWithPdfLib(out, bytes, nextTag, files, withIntents);
  const formsOf = (pdf: Uint8Array): Promise<Forms> | Forms =>
    splice
      ? unsupportedOnFault(() =>
          renders.analysed(pdf, (known) =>
            spliceForms(out, pdf, nextTag, outputIntents === undefined, known),
          ),
        )
      : formsWithPdfLib(out, pdf, nextTag, outputIntents === undefined);

  for (const [k, part] of parts.entries()) {
    const rename = (name: string): string =>
      name.startsWith('_') ? `_p${String(k)}${name}` : name;
    const copiedPart = await copy(part, part.anlage === undefined, outputIntents === undefined);
    const copied = copiedPart.pages;
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
    for (const [name, dest] of copiedPart.dests) {
      const key = rename(name);
      if (!dests.has(key)) dests.set(key, dest);
    }
    for (const page of copied) renameLinks(page, rename);
    outputIntents ??= copiedPart.outputIntents;
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

  const overlay = await overlayFurniture(
    out,
    { pages, bodies, views, furniture },
    meta,
    formsOf,
    renders,
  );
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
  formsOf: (pdf: Uint8Array) => Promise<Forms> | Forms,
  renders: PacketRenders,
): Promise<{ outputIntents: PDFObject | undefined }> {
  const { context } = out;
  const { footer, design } = meta;
  const { pdf, layout } = await renders.get(
    { furniture, footer, design },
    // pdfkit (through pdfmake) is loaded only when the furniture is drawn: a rebuild after an
    // edit that keeps the page counts takes it from the last build
    async () =>
      (
        await importOwn<typeof import('../render/pdf/renderFurniture.js')>(
          import.meta.url,
          '../render/pdf/renderFurniture.js',
        )
      ).renderFurniture(furniture, footer, design),
    (r) => ({ bytes: r.pdf, info: r.layout }),
    (stored) => ({ pdf: stored.bytes, layout: stored.info as FurnitureLayout[] }),
  );
  const overlay = await formsOf(pdf);
  const asForm = (index: number): PDFRef => {
    const form = overlay.forms[index];
    if (form === undefined) throw new Error('overlay page missing');
    return form;
  };
  // each stream once, written when a page first needs it
  const viewed = sharedStreams(context);
  pages.forEach((page, i) => {
    // the page's own resources get the furniture's forms (a page without gets some)
    if (page.node.Resources() === undefined)
      page.node.set(PDFName.of('Resources'), context.obj({}));
    const resources = page.node.Resources() ?? context.obj({});
    let xobjects = resources.lookupMaybe(PDFName.of('XObject'), PDFDict);
    if (xobjects === undefined) {
      xobjects = context.obj({});
      resources.set(PDFName.of('XObject'), xobjects);
    }
    const stamped = furniture[i]?.stamp !== undefined;
    const { head, foot } = layout[i] ?? { head: undefined, foot: [] };
    if (head !== undefined) xobjects.set(PDFName.of('RmHead'), asForm(head));
    // the footer's text, then its page label
    const feet = foot.map((f, n) => {
      const name = `RmFoot${String(n)}`;
      xobjects.set(PDFName.of(name), asForm(f));
      return `q /${name} Do Q\n`;
    });
    const body = bodies[i];
    if (body === undefined) throw new Error('page without body');
    const view = views[i] ?? IDENTITY;
    // an Anlage page: the stamp through the page's own view, and nothing below its body; pages
    // of one view share the stream
    const before = stamped
      ? viewed(`q ${view.map(num).join(' ')} cm /RmHead Do Q\nq\n`)
      : head !== undefined
        ? viewed('q /RmHead Do Q\nq\n')
        : viewed('q\n');
    page.node.set(
      PDFName.of('Contents'),
      context.obj([before, ...body, viewed(`\nQ\n${feet.join('')}`)]),
    );
  });
  return { outputIntents: overlay.outputIntents };
}

/** pdf-lib's way to the overlay's forms: its pages copied, their content streams made forms. */
async function formsWithPdfLib(
  out: PDFDocument,
  pdf: Uint8Array,
  nextTag: () => string,
  withIntents: boolean,
): Promise<Forms> {
  const { context } = out;
  const copied = await copyWithPdfLib(out, { pdf }, nextTag, noAssociatedFiles(), withIntents);
  const { pages, outputIntents } = copied;
  const forms = pages.map((page) => {
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
    // the page gave its content stream and resources; it is no page of the assembly
    context.delete(page.ref);
    return stream;
  });
  return { forms, outputIntents };
}

function writeInfo(
  out: PDFDocument,
  meta: DocumentMeta,
  outputIntents: PDFObject | undefined,
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
