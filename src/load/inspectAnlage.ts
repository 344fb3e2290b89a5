/**
 * What an Anlage file is, found from its bytes once when the content is read: its kind by its
 * first bytes (not by its name), whether pdf-lib can read it, whether it is encrypted, which
 * active content it carries (removed when it is taken over) and whether its pages may stand in a
 * PDF/A-2b file. The check turns these facts into diagnostics at the `anlagen` entry; the render
 * stage relies on them.
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFStream,
  ParseSpeeds,
  decodePDFRawStream,
} from 'pdf-lib';
import { jpegFault } from './jpegFrame.js';

export type AnlageArt = 'pdf' | 'png' | 'jpeg';

export interface AnlageFacts {
  /** the kind by the file's first bytes; null: none of PDF, PNG, JPEG */
  readonly art: AnlageArt | null;
  /**
   * the file cannot be taken over: 'kaputt' (pdf-lib cannot read it), 'verschluesselt', or
   * 'jpeg' (a JPEG the outputs cannot show right, e.g. CMYK: jpegFrame.ts)
   */
  readonly fehler?: 'kaputt' | 'verschluesselt' | 'jpeg';
  /** what pdf-lib said, for the diagnostic's cause; with 'jpeg' what is wrong, in German */
  readonly detail?: string;
  readonly seiten?: number;
  /** active content found (German names, e.g. „JavaScript“); it is never taken over */
  readonly aktiv: readonly string[];
  /** why the pages cannot stand in a PDF/A-2b file; null: they can */
  readonly keinPdfa: string | null;
}

/** The kind of a file by its magic bytes. */
export function artOf(bytes: Uint8Array): AnlageArt | null {
  const head = Buffer.from(bytes.subarray(0, 1024));
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  // ISO 32000 allows bytes before the header; readers look at the first 1024
  if (head.includes('%PDF-')) return 'pdf';
  return null;
}

const N = (name: string): PDFName => PDFName.of(name);

/**
 * The bytes in an ArrayBuffer of their own: pdf-lib's JPEG reader looks at `bytes.buffer` from
 * offset 0, so a view into a larger buffer (a pooled Node Buffer, a slice) reads the wrong bytes.
 */
export const own = (bytes: Uint8Array): Uint8Array =>
  bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes
    : // a copy: a Buffer's slice() is a view of the same memory (Node 24 reads small files into
      // a shared pool, at an offset)
      new Uint8Array(bytes);

/** Active content of a document: catalog actions, name trees, forms, page and annotation actions. */
export function activeContent(doc: PDFDocument): string[] {
  const found = new Set<string>();
  const catalog = doc.catalog;
  if (catalog.has(N('OpenAction'))) found.add('eine Aktion beim Öffnen');
  if (catalog.has(N('AA'))) found.add('Aktionen des Dokuments');
  const names = catalog.lookupMaybe(N('Names'), PDFDict);
  if (names?.has(N('JavaScript'))) found.add('JavaScript');
  if (names?.has(N('EmbeddedFiles'))) found.add('eingebettete Dateien');
  if (catalog.has(N('AcroForm'))) found.add('Formularfelder');
  for (const page of doc.getPages()) {
    if (page.node.has(N('AA'))) found.add('Aktionen einer Seite');
    const annots = page.node.Annots();
    for (let i = 0; i < (annots?.size() ?? 0); i++) {
      const annot = annots?.lookupMaybe(i, PDFDict);
      const subtype = annot?.get(N('Subtype'));
      if (subtype === N('Widget')) found.add('Formularfelder');
      else if (subtype === N('FileAttachment')) found.add('eingebettete Dateien');
      else if (subtype !== N('Link') && subtype !== undefined) {
        const kind = subtype instanceof PDFName ? subtype.decodeText() : '';
        if (['Sound', 'Movie', 'Screen', 'RichMedia', '3D'].includes(kind))
          found.add('Multimedia-Inhalte');
      }
      const action = annot?.lookupMaybe(N('A'), PDFDict);
      const type = action?.get(N('S'));
      if (type === N('JavaScript')) found.add('JavaScript');
      else if (type === N('Launch')) found.add('Programmaufrufe (Launch)');
      else if (type !== undefined && type !== N('URI') && type !== N('GoTo'))
        found.add('Aktionen in Verknüpfungen');
      if (annot?.has(N('AA'))) found.add('Aktionen in Anmerkungen');
    }
  }
  return [...found];
}

/** The XMP metadata of a document as text, or null. */
function xmpOf(doc: PDFDocument): string | null {
  const stream = doc.catalog.lookupMaybe(N('Metadata'), PDFStream);
  if (!(stream instanceof PDFRawStream)) return null;
  try {
    return Buffer.from(decodePDFRawStream(stream).decode()).toString('utf8');
  } catch {
    return null;
  }
}

/** PDF/A identification (part 1 to 3, level a, b or u) in XMP, in element or attribute form. */
function pdfaPart(xmp: string): number | null {
  const part = /pdfaid:part\s*(?:=\s*["']|>)\s*(\d)/.exec(xmp)?.[1];
  return part === undefined ? null : Number(part);
}

/** The names of fonts the pages use without embedding them (their own and in form XObjects). */
function unembeddedFonts(doc: PDFDocument): string[] {
  const missing = new Set<string>();
  const seen = new Set<PDFDict>();
  const visitResources = (resources: PDFDict | undefined, depth: number): void => {
    if (resources === undefined || seen.has(resources) || depth > 8) return;
    seen.add(resources);
    const fonts = resources.lookupMaybe(N('Font'), PDFDict);
    for (const [, ref] of fonts?.entries() ?? []) {
      const font = doc.context.lookup(ref);
      if (font instanceof PDFDict) checkFont(font, depth);
    }
    const xobjects = resources.lookupMaybe(N('XObject'), PDFDict);
    for (const [, ref] of xobjects?.entries() ?? []) {
      const x = doc.context.lookup(ref);
      if (x instanceof PDFStream && x.dict.get(N('Subtype')) === N('Form'))
        visitResources(x.dict.lookupMaybe(N('Resources'), PDFDict), depth + 1);
    }
  };
  const checkFont = (font: PDFDict, depth: number): void => {
    const subtype = font.get(N('Subtype'));
    if (subtype === N('Type3')) {
      visitResources(font.lookupMaybe(N('Resources'), PDFDict), depth + 1);
      return;
    }
    const target =
      subtype === N('Type0')
        ? font.lookupMaybe(N('DescendantFonts'), PDFArray)?.lookupMaybe(0, PDFDict)
        : font;
    const descriptor = target?.lookupMaybe(N('FontDescriptor'), PDFDict);
    const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor?.has(N(k)));
    if (!embedded) {
      const name = font.get(N('BaseFont'));
      missing.add(name instanceof PDFName ? name.decodeText() : 'ohne Namen');
    }
  };
  for (const page of doc.getPages()) visitResources(page.node.Resources(), 0);
  return [...missing].sort();
}

/** An RGB output intent (the ICC profile's colour space 'RGB '), as every ratsmappe PDF has. */
function rgbOutputIntent(doc: PDFDocument): boolean | null {
  const intents = doc.catalog.lookupMaybe(N('OutputIntents'), PDFArray);
  const intent = intents?.lookupMaybe(0, PDFDict);
  const profile = intent?.lookupMaybe(N('DestOutputProfile'), PDFStream);
  if (!(profile instanceof PDFRawStream)) return null;
  try {
    const icc = decodePDFRawStream(profile).decode();
    return Buffer.from(icc.subarray(16, 20)).toString('latin1') === 'RGB ';
  } catch {
    return false;
  }
}

/** Why the pages of a readable PDF cannot stand in a PDF/A-2b file, or null. */
export function pdfaReason(doc: PDFDocument): string | null {
  const xmp = xmpOf(doc);
  const part = xmp === null ? null : pdfaPart(xmp);
  if (part === null || part < 1 || part > 3) return 'sie trägt keine PDF/A-Kennung';
  const fonts = unembeddedFonts(doc);
  if (fonts.length > 0) return `Schriften sind nicht eingebettet (${fonts.join(', ')})`;
  const rgb = rgbOutputIntent(doc);
  if (rgb === null) return 'ihr fehlt die Ausgabebedingung (OutputIntent)';
  if (!rgb) return 'ihre Ausgabebedingung ist kein RGB-Profil';
  return null;
}

/**
 * Reads a PDF for an Anlage (an encrypted one too: see isEncrypted; pdf-lib cannot decrypt).
 * At full speed: pdf-lib's default waits a timer tick (at least 1 ms) after every 100 objects,
 * for browsers; a 200-page Anlage has thousands.
 */
export async function loadAnlagePdf(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, {
    updateMetadata: false,
    throwOnInvalidObject: true,
    ignoreEncryption: true,
    parseSpeed: ParseSpeeds.Fastest,
  });
}

/** The facts of one Anlage file. Pure (pdf-lib in memory). */
export async function inspectAnlage(bytes: Uint8Array): Promise<AnlageFacts> {
  const art = artOf(bytes);
  if (art === 'png' || art === 'jpeg') {
    try {
      const doc = await PDFDocument.create();
      const image = art === 'png' ? await doc.embedPng(own(bytes)) : await doc.embedJpg(own(bytes));
      if (!(image.width > 0 && image.height > 0)) throw new Error('image without size');
      // a CMYK JPEG and others the outputs cannot show right are refused (RM709)
      const fault = art === 'jpeg' ? jpegFault(bytes) : null;
      if (fault !== null) return { art, fehler: 'jpeg', detail: fault, aktiv: [], keinPdfa: null };
      return { art, seiten: 1, aktiv: [], keinPdfa: null };
    } catch (error) {
      return { art, fehler: 'kaputt', detail: String(error), aktiv: [], keinPdfa: null };
    }
  }
  if (art !== 'pdf') return { art, aktiv: [], keinPdfa: null };
  let doc: PDFDocument;
  try {
    doc = await loadAnlagePdf(bytes);
  } catch (error) {
    return { art, fehler: 'kaputt', detail: String(error), aktiv: [], keinPdfa: null };
  }
  if (doc.isEncrypted) return { art, fehler: 'verschluesselt', aktiv: [], keinPdfa: null };
  try {
    const seiten = doc.getPageCount();
    if (seiten === 0) throw new Error('no pages');
    // every page must have what a page needs; a damaged page tree fails here
    for (const page of doc.getPages()) page.getSize();
    return { art, seiten, aktiv: activeContent(doc), keinPdfa: pdfaReason(doc) };
  } catch (error) {
    return { art, fehler: 'kaputt', detail: String(error), aktiv: [], keinPdfa: null };
  }
}
