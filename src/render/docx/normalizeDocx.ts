/**
 * Makes a DOCX package written by docx byte-for-byte reproducible: docx stamps the current time into
 * docProps/core.xml, gives hyperlink relationships random ids, numbers bookmarks with counters that
 * live as long as the process, and the zip entries carry the time they were written. This rewrites
 * those from the document's own data and re-zips the package with fixed entry dates in a fixed
 * entry order.
 */
import JSZip from 'jszip';

export interface NormalizeOptions {
  /** ISO date (YYYY-MM-DD) written as created and modified date */
  readonly date: string;
  /** BCP 47 language tag written as dc:language */
  readonly language: string;
}

/** the earliest date a zip entry can carry (DOS epoch), written in UTC by jszip */
const ZIP_ENTRY_DATE = new Date('1980-01-01T00:00:00Z');

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

export async function normalizeDocx(input: Buffer, options: NormalizeOptions): Promise<Buffer> {
  const zip = await JSZip.loadAsync(input);
  const parts = new Map<string, string>();
  const binaries = new Map<string, Uint8Array>();
  const names = Object.keys(zip.files)
    .filter((name) => !zip.files[name]?.dir)
    .sort(entryOrder);
  for (const name of names) {
    const file = zip.file(name);
    if (!file) continue;
    if (/\.(xml|rels)$/.test(name)) parts.set(name, await file.async('string'));
    else binaries.set(name, await file.async('uint8array'));
  }
  const core = parts.get('docProps/core.xml');
  if (core !== undefined) parts.set('docProps/core.xml', normalizeCore(core, options));
  renameRandomRelationshipIds(parts);
  renumberCounterIds(parts);

  const output = new JSZip();
  for (const name of names) {
    output.file(name, parts.get(name) ?? binaries.get(name) ?? '', {
      date: ZIP_ENTRY_DATE,
      createFolders: false,
      compression: 'DEFLATE',
    });
  }
  return output.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    platform: 'DOS',
  });
}
