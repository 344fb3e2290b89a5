/**
 * Test helpers that look into a DOCX package: its parts as text, and the plain text of its body
 * and footers.
 *
 * Plain text: one line per paragraph (w:p); w:tab → "\t", w:br → "\n"; the text of hyperlinks is
 * included, field instructions (w:instrText) are not. In a table each row is one line with its
 * cells separated by "\t"; the paragraphs of one cell are separated by "\n".
 */
import JSZip from 'jszip';

/** all entries of the package, decoded as UTF-8 text, by name */
export async function docxXml(buf: Uint8Array): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(buf);
  const parts: Record<string, string> = {};
  for (const [name, file] of Object.entries(zip.files)) {
    if (!file.dir) parts[name] = await file.async('string');
  }
  return parts;
}

/** plain text of word/document.xml */
export async function extractDocxText(buf: Uint8Array): Promise<string> {
  const parts = await docxXml(buf);
  return wordXmlToText(parts['word/document.xml'] ?? '');
}

/** plain text of all footers (word/footer*.xml), in the order of their names */
export async function extractDocxFooterText(buf: Uint8Array): Promise<string> {
  const parts = await docxXml(buf);
  return Object.keys(parts)
    .filter((name) => /^word\/footer\d*\.xml$/.test(name))
    .sort()
    .map((name) => wordXmlToText(parts[name] ?? ''))
    .join('');
}

/** the text of XML character data or an attribute value: the five entities and character references */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, entity: string) => {
    switch (entity.toLowerCase()) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        return String.fromCodePoint(
          entity[1] === 'x' || entity[1] === 'X'
            ? parseInt(entity.slice(2), 16)
            : parseInt(entity.slice(1), 10),
        );
    }
  });
}

/** plain text of a WordprocessingML part (document, header, footer) */
export function wordXmlToText(xml: string): string {
  // the text written so far at each open table cell, the body at the bottom
  const buffers: string[] = [''];
  // the cells of each open table row
  const rows: string[][] = [];
  let runDepth = 0;
  let inText = false;
  const append = (text: string): void => {
    buffers.push(`${buffers.pop() ?? ''}${text}`);
  };
  const tokens = /<(\/?)([\w:]+)[^>]*?(\/?)>|([^<]+)/g;
  for (const [, closing, name, selfClosing, text] of xml.matchAll(tokens)) {
    if (text !== undefined) {
      if (inText) append(decodeEntities(text));
      continue;
    }
    const opens = closing !== '/';
    const closes = closing === '/' || selfClosing === '/';
    switch (name) {
      case 'w:r':
        if (opens) runDepth += 1;
        if (closes) runDepth -= 1;
        break;
      case 'w:t':
        inText = opens && !closes;
        break;
      case 'w:tab':
        if (opens && runDepth > 0) append('\t');
        break;
      case 'w:br':
      case 'w:cr':
        if (opens && runDepth > 0) append('\n');
        break;
      case 'w:p':
        if (closes) append('\n');
        break;
      case 'w:tr':
        if (opens) rows.push([]);
        if (closes) append(`${(rows.pop() ?? []).join('\t')}\n`);
        break;
      case 'w:tc':
        if (opens) buffers.push('');
        if (closes) rows.at(-1)?.push((buffers.pop() ?? '').replace(/\n$/, ''));
        break;
      default:
        break;
    }
  }
  return buffers[0] ?? '';
}
