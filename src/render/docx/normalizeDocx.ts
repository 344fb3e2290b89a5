/**
 * Makes a DOCX package written by docx byte-for-byte reproducible: docx stamps the current time into
 * docProps/core.xml, gives hyperlink relationships random ids, numbers bookmarks with counters that
 * live as long as the process, obfuscates embedded fonts with random keys (fontKeys.ts), and the
 * zip entries carry the time they were written. This rewrites
 * those from the document's own data and re-zips the package with fixed entry dates in a fixed
 * entry order.
 */
import { unzipSync } from 'fflate';
import { renewFontKeys } from './fontKeys.js';
import { zip, type ZipEntry } from './zip.js';

export interface NormalizeOptions {
  /** ISO date (YYYY-MM-DD) written as created and modified date */
  readonly date: string;
  /** BCP 47 language tag written as dc:language */
  readonly language: string;
}

/** entries that readers look for first come first; the rest follow sorted by name */
const LEADING_ENTRIES = ['[Content_Types].xml', '_rels/.rels', 'word/document.xml'];

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function entryOrder(a: string, b: string): number {
  const rank = (name: string): number => {
    const index = LEADING_ENTRIES.indexOf(name);
    return index === -1 ? LEADING_ENTRIES.length : index;
  };
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function normalizeCore(xml: string, options: NormalizeOptions): string {
  const timestamp = `${options.date}T00:00:00Z`;
  let result = xml
    .replace(/(<dcterms:created\b[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${timestamp}$2`)
    .replace(/(<dcterms:modified\b[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${timestamp}$2`);
  if (!result.includes('<dc:language>')) {
    result = result.replace(
      '</cp:coreProperties>',
      `<dc:language>${escapeXml(options.language)}</dc:language></cp:coreProperties>`,
    );
  }
  return result;
}

/**
 * Relationship ids that are not of the form rIdN (docx gives hyperlinks random ones) are renamed to
 * rIdLinkN in the order they appear in the relationship part, and in the part that refers to them.
 */
function renameRandomRelationshipIds(parts: Map<string, string>): void {
  for (const [relsName, rels] of parts) {
    const match = /^(.*\/)?_rels\/([^/]+)\.rels$/.exec(relsName);
    if (!match) continue;
    const ownerName = `${match[1] ?? ''}${match[2] ?? ''}`;
    const owner = parts.get(ownerName);
    const renames = new Map<string, string>();
    for (const [, id] of rels.matchAll(/<Relationship\b[^>]*\bId="([^"]+)"/g)) {
      if (id !== undefined && !/^rId\d+$/.test(id) && !renames.has(id)) {
        renames.set(id, `rIdLink${renames.size + 1}`);
      }
    }
    if (renames.size === 0) continue;
    const rename = (xml: string, pattern: RegExp): string =>
      xml.replace(pattern, (whole, prefix: string, id: string) =>
        renames.has(id) ? `${prefix}"${renames.get(id) ?? id}"` : whole,
      );
    parts.set(relsName, rename(rels, /(\bId=)"([^"]+)"/g));
    if (owner !== undefined) parts.set(ownerName, rename(owner, /(\br:id=)"([^"]+)"/g));
  }
}

/**
 * docx numbers bookmarks and drawings with counters that live as long as the process, so the same
 * document gets other ids on its second rendering. They are renumbered 1, 2, … in document order.
 */
function renumberCounterIds(parts: Map<string, string>): void {
  const patterns = [
    /(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)"/g,
    /(<wp:docPr\b[^>]*?\bid=")(\d+)"/g,
  ];
  for (const pattern of patterns) {
    const renames = new Map<string, number>();
    for (const [name, xml] of parts) {
      if (!name.startsWith('word/') || name.includes('_rels/')) continue;
      parts.set(
        name,
        xml.replace(pattern, (_, prefix: string, id: string) => {
          const renamed = renames.get(id) ?? renames.size + 1;
          renames.set(id, renamed);
          return `${prefix}${renamed}"`;
        }),
      );
    }
  }
}

/**
 * The package from its parts: core dates and language set, random relationship ids and
 * counters renumbered, entries in a fixed order with a fixed date (zip.ts: zlib, DEFLATE level 6; PNG and JPEG stored).
 */
export function packDocx(
  files: ReadonlyMap<string, string | Uint8Array>,
  options: NormalizeOptions,
): Buffer {
  const parts = new Map<string, string>();
  const binaries = new Map<string, Uint8Array>();
  const names = [...files.keys()].filter((name) => !name.endsWith('/')).sort(entryOrder);
  const decoder = new TextDecoder();
  for (const name of names) {
    const data = files.get(name);
    if (data === undefined) continue;
    if (/\.(xml|rels)$/.test(name))
      parts.set(name, typeof data === 'string' ? data : decoder.decode(data));
    else binaries.set(name, typeof data === 'string' ? new TextEncoder().encode(data) : data);
  }
  const core = parts.get('docProps/core.xml');
  if (core !== undefined) parts.set('docProps/core.xml', normalizeCore(core, options));
  renameRandomRelationshipIds(parts);
  renumberCounterIds(parts);
  renewFontKeys(parts, binaries);
  const encoder = new TextEncoder();
  const entries: ZipEntry[] = names.map((name) => {
    const text = parts.get(name);
    return {
      name,
      data: text === undefined ? (binaries.get(name) ?? new Uint8Array()) : encoder.encode(text),
      // pictures are compressed already: deflating them again costs time and saves nothing
      deflate: !/\.(png|jpe?g)$/i.test(name),
    };
  });
  return zip(entries);
}

/** The same for a packed DOCX (unzipped first). */
export function normalizeDocx(input: Uint8Array, options: NormalizeOptions): Buffer {
  return packDocx(new Map(Object.entries(unzipSync(input))), options);
}
