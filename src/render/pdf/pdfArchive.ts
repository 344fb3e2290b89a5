/**
 * Archival PDF (PDF/A-2b, PDF/A-3b) on top of pdfmake 0.3 / pdfkit 0.19, and the XMP metadata
 * of every PDF the renderer writes.
 *
 * What pdfkit does itself when the definition has `subset: 'PDF/A-2b'` (needs `version: '1.7'`):
 * the sRGB output intent (/GTS_PDFA1 with its bundled sRGB ICC profile) and the pdfaid entries.
 * Fonts are Roboto subsets embedded as TrueType (/FontFile2); pdfmake creates pdfkit without a
 * default font, so no unembedded Helvetica is written (a body's own font is embedded the same
 * way). Link annotations get /F 4 (print) from pdfkit. Fills are opaque (/ca 1, /CA 1); the only
 * image is a letterhead's PNG logo, made opaque (opaquePng.ts), so there are no soft masks or
 * transparency groups. An SVG logo with opacity, masks or embedded images would bring them in
 * (svg-to-pdfkit): the content check should refuse such logos.
 *
 * What is patched here, on the pdfkit instance of one render (never on its prototype):
 * - `endMetadata`: pdfkit writes the XMP with the info strings unescaped (an `&` or `<` in the
 *   title or the author breaks the XML), without xmp:ModifyDate / xmp:MetadataDate, with a
 *   stray lower-case /length key. The XMP is written here instead, escaped, with the dates of
 *   the info dictionary, dc:language and the pdfaid identification. (There is no
 *   pdf:Language: the Adobe PDF schema has no such property, it would need an XMP extension
 *   schema; the catalog carries /Lang.)
 * - the info strings lose characters XML 1.0 cannot carry (control characters, lone
 *   surrogates), so the info dictionary and the XMP stay equal.
 * - attachments (PDF/A-3 only) go through pdfkit's `file()`: /EmbeddedFile stream with the MIME
 *   type as /Subtype and /Params /CreationDate /ModDate (fixed, from meta.date), /Filespec with
 *   /AFRelationship, listed in the /EmbeddedFiles name tree and the catalog's /AF array;
 *   /Params /CheckSum is corrected to the 16-byte MD5 digest (pdfkit writes its hex text).
 */
import { createHash } from 'node:crypto';

/** A file embedded into a PDF/A-3 document as an associated file of the whole document. */
export interface PdfAttachment {
  /** file name shown by PDF viewers, unique within the document */
  readonly name: string;
  readonly bytes: Uint8Array;
  /** MIME type `type/subtype`, e.g. `text/csv` */
  readonly mimeType: string;
  readonly description: string;
  /** how the file relates to the document (/AFRelationship); default 'Unspecified' */
  readonly relationship?: 'Source' | 'Data' | 'Alternative' | 'Supplement' | 'Unspecified';
}

export interface PdfOptions {
  /** write PDF/A-2b or PDF/A-3b (ISO 19005-2/-3, level b); default: plain PDF 1.7 */
  readonly pdfa?: '2b' | '3b';
  /** embedded files; only with `pdfa: '3b'` (PDF/A-2 allows no arbitrary embedded files) */
  readonly attachments?: readonly PdfAttachment[];
}

const RELATIONSHIPS: ReadonlySet<string> = new Set([
  'Source',
  'Data',
  'Alternative',
  'Supplement',
  'Unspecified',
]);
const MIME_TYPE = /^[A-Za-z0-9][\w!#$&.+^-]*\/[A-Za-z0-9][\w!#$&.+^-]*$/;

/**
 * Checks the options (also for callers without type checking) and returns the pdfmake subset.
 * Throws on an unknown `pdfa`, on attachments without `pdfa: '3b'` and on invalid attachments.
 */
export function checkPdfOptions(options: PdfOptions): 'PDF/A-2b' | 'PDF/A-3b' | undefined {
  const pdfa: unknown = options.pdfa;
  if (pdfa !== undefined && pdfa !== '2b' && pdfa !== '3b') {
    throw new Error(`pdfa must be '2b' or '3b', got ${JSON.stringify(pdfa)}`);
  }
  const attachments = options.attachments ?? [];
  if (attachments.length > 0 && pdfa !== '3b') {
    throw new Error(
      "attachments need pdfa: '3b' (PDF/A-3); plain PDF and PDF/A-2b are written without them",
    );
  }
  const names = new Set<string>();
  for (const a of attachments) {
    if (a.name.trim() === '') throw new Error('attachment name must not be empty');
    if (names.has(a.name)) throw new Error(`attachment name "${a.name}" is used twice`);
    names.add(a.name);
    if (!MIME_TYPE.test(a.mimeType)) {
      throw new Error(`attachment "${a.name}": mimeType must be type/subtype, got "${a.mimeType}"`);
    }
    const relationship: unknown = a.relationship;
    if (
      relationship !== undefined &&
      (typeof relationship !== 'string' || !RELATIONSHIPS.has(relationship))
    ) {
      throw new Error(
        `attachment "${a.name}": unknown relationship ${JSON.stringify(relationship)}`,
      );
    }
  }
  return pdfa === undefined ? undefined : `PDF/A-${pdfa}`;
}

/** The parts of a pdfkit 0.19 reference used here (internals, not in its typings). */
interface KitRef {
  compress: boolean;
  write(chunk: Buffer): void;
  end(): void;
}

/** The parts of a pdfkit 0.19 document used here (internals, not in its typings). */
interface KitDocument {
  version: number;
  info: Record<string, unknown>;
  options: { lang?: unknown; subset?: unknown };
  _root: { data: Record<string, unknown> };
  ref: (data: Record<string, unknown>) => KitRef;
  endMetadata(): void;
  file(
    src: Buffer,
    options: {
      name: string;
      type: string;
      description: string;
      relationship: string;
      creationDate: Date;
      modifiedDate: Date;
    },
  ): unknown;
}

/** characters outside XML 1.0's Char production (control characters, lone surrogates, U+FFFE/F) */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const xmlText = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');

/** `2020-01-22T00:00:00Z`, the XMP form of pdfkit's info dictionary date `D:20200122000000Z` */
const xmpDate = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** pdfaid (part, conformance) of a pdfmake subset name, like pdfkit's initPDFA */
function pdfaId(subset: unknown): { part: string; conformance: string } | undefined {
  const match = typeof subset === 'string' ? /^PDF\/A-([123])([abu]?)$/.exec(subset) : null;
  if (match === null) return undefined;
  return { part: match[1] ?? '', conformance: (match[2] ?? '').toUpperCase() || 'B' };
}

/**
 * The XMP packet for a document information dictionary. Each info entry has its XMP
 * counterpart with the same value (PDF/A-2 6.6.2.3.1): Title → dc:title, Author → dc:creator,
 * Subject → dc:description, Keywords → pdf:Keywords, Creator → xmp:CreatorTool,
 * Producer → pdf:Producer, CreationDate → xmp:CreateDate, ModDate → xmp:ModifyDate.
 * Only properties of the schemas predefined by XMP are used (no extension schema needed).
 */
export function buildXmp(
  info: Readonly<Record<string, unknown>>,
  language: string | undefined,
  subset: unknown,
): string {
  const str = (key: string): string | undefined => {
    const value = info[key];
    return typeof value === 'string' && value !== '' ? xmlText(value) : undefined;
  };
  const date = (key: string): Date | undefined => {
    const value = info[key];
    return value instanceof Date ? value : undefined;
  };
  const lines: string[] = [];
  const description = (ns: string, body: (string | false)[]): void => {
    const props = body.filter((line): line is string => line !== false);
    if (props.length === 0) return;
    lines.push(`  <rdf:Description rdf:about="" ${ns}>`, ...props, '  </rdf:Description>');
  };
  const id = pdfaId(subset);
  if (id !== undefined) {
    description('xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"', [
      `   <pdfaid:part>${id.part}</pdfaid:part>`,
      `   <pdfaid:conformance>${id.conformance}</pdfaid:conformance>`,
    ]);
  }
  const created = date('CreationDate');
  const modified = date('ModDate');
  const metadataDate = modified ?? created;
  const creator = str('Creator');
  description('xmlns:xmp="http://ns.adobe.com/xap/1.0/"', [
    created !== undefined && `   <xmp:CreateDate>${xmpDate(created)}</xmp:CreateDate>`,
    modified !== undefined && `   <xmp:ModifyDate>${xmpDate(modified)}</xmp:ModifyDate>`,
    metadataDate !== undefined &&
      `   <xmp:MetadataDate>${xmpDate(metadataDate)}</xmp:MetadataDate>`,
    creator !== undefined && `   <xmp:CreatorTool>${creator}</xmp:CreatorTool>`,
  ]);
  const title = str('Title');
  const author = str('Author');
  const subject = str('Subject');
  const lang = language !== undefined && language !== '' ? xmlText(language) : undefined;
  const alt = (value: string): string =>
    `<rdf:Alt><rdf:li xml:lang="x-default">${value}</rdf:li></rdf:Alt>`;
  description('xmlns:dc="http://purl.org/dc/elements/1.1/"', [
    '   <dc:format>application/pdf</dc:format>',
    title !== undefined && `   <dc:title>${alt(title)}</dc:title>`,
    author !== undefined &&
      `   <dc:creator><rdf:Seq><rdf:li>${author}</rdf:li></rdf:Seq></dc:creator>`,
    subject !== undefined && `   <dc:description>${alt(subject)}</dc:description>`,
    lang !== undefined &&
      `   <dc:language><rdf:Bag><rdf:li>${lang}</rdf:li></rdf:Bag></dc:language>`,
  ]);
  const producer = str('Producer');
  const keywords = str('Keywords');
  description('xmlns:pdf="http://ns.adobe.com/pdf/1.3/"', [
    producer !== undefined && `   <pdf:Producer>${producer}</pdf:Producer>`,
    keywords !== undefined && `   <pdf:Keywords>${keywords}</pdf:Keywords>`,
  ]);
  return [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    ...lines,
    ' </rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

/**
 * Replaces pdfkit's XMP writer on this document by `buildXmp` and removes characters XML cannot
 * carry from the info strings. Call after pdfmake has rendered, before the document is ended.
 */
export function patchMetadata(pdfkitDocument: unknown): void {
  const kit = pdfkitDocument as KitDocument;
  for (const [key, value] of Object.entries(kit.info)) {
    if (typeof value === 'string') kit.info[key] = value.replace(NOT_XML_CHAR, '');
  }
  kit.endMetadata = () => {
    // like pdfkit: PDF 1.3 has no metadata streams
    if (kit.version === 1.3) return;
    const lang = typeof kit.options.lang === 'string' ? kit.options.lang : undefined;
    const xmp = buildXmp(kit.info, lang, kit.options.subset);
    const ref = kit.ref({ Type: 'Metadata', Subtype: 'XML' });
    ref.compress = false; // readable for tools that scan the file for XMP packets
    ref.write(Buffer.from(xmp, 'utf8'));
    ref.end();
    kit._root.data.Metadata = ref;
  };
}

/**
 * Embeds the attachments as associated files of the document, dated `date`.
 * pdfkit writes /Params /CheckSum as the 32 hex digits of the MD5 as text; the PDF reference
 * (7.11.4.2) wants the 16 bytes of the MD5 digest, so they are put in before the stream is
 * written.
 */
export function embedAttachments(
  pdfkitDocument: unknown,
  attachments: readonly PdfAttachment[],
  date: Date,
): void {
  const kit = pdfkitDocument as KitDocument;
  for (const a of attachments) {
    const bytes = Buffer.from(a.bytes);
    const ref = kit.ref;
    const own = Object.hasOwn(kit, 'ref'); // false: pdfkit's prototype method
    kit.ref = (data) => {
      if (data.Type === 'EmbeddedFile' && isRecord(data.Params)) {
        data.Params.CheckSum = createHash('md5').update(bytes).digest();
      }
      return ref.call(kit, data);
    };
    try {
      kit.file(bytes, {
        name: a.name,
        type: a.mimeType,
        description: a.description,
        relationship: a.relationship ?? 'Unspecified',
        creationDate: date,
        modifiedDate: date,
      });
    } finally {
      if (own) kit.ref = ref;
      else Reflect.deleteProperty(kit, 'ref');
    }
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;
