import { diagnose } from '../diagnostics/catalogue.js';
import type { Diagnostic, Position } from '../diagnostics/diagnostic.js';
import type { RawFile } from '../load/readContent.js';

/** What koerperschaft.yaml names a file for. */
export type FileKind = 'logo' | 'schrift';

const limits: Record<FileKind, number> = { logo: 1024 * 1024, schrift: 16 * 1024 * 1024 };

const what: Record<FileKind, string> = { logo: 'das Logo', schrift: 'eine Schriftdatei' };

const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean =>
  prefix.every((b, i) => bytes[i] === b);
const ascii = (s: string): number[] => Array.from(new TextEncoder().encode(s));

/** An SVG file's text begins (after an XML declaration, comments, a doctype) with <svg. */
const svgRoot =
  /^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)\s*)*<svg[\s>/]/;

/** What a file's first bytes say it is, in German („ein PNG-Bild“), or null. */
export function contentKind(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'ein PNG-Bild';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'ein JPEG-Bild';
  if (startsWith(bytes, ascii('GIF8'))) return 'ein GIF-Bild';
  if (startsWith(bytes, ascii('%PDF'))) return 'eine PDF-Datei';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'ein ZIP-Archiv (z. B. DOCX)';
  if (startsWith(bytes, [0x00, 0x01, 0x00, 0x00]) || startsWith(bytes, ascii('true')))
    return 'eine TrueType-Schrift';
  if (startsWith(bytes, ascii('OTTO'))) return 'eine OpenType-Schrift';
  if (startsWith(bytes, ascii('wOFF')) || startsWith(bytes, ascii('wOF2')))
    return 'eine Webschrift (WOFF)';
  if (startsWith(bytes, ascii('ttcf'))) return 'eine Schriftsammlung (TTC)';
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096));
  if (svgRoot.test(head)) return 'ein SVG-Bild';
  if (/^\uFEFF?\s*</.test(head)) return 'eine XML- oder HTML-Datei ohne <svg> als Wurzel';
  return null;
}

interface Expectation {
  /** „ein PNG-Bild“: what the file's name says it is */
  readonly expected: string;
  readonly accepts: readonly string[];
}

function expectationOf(kind: FileKind, name: string): Expectation | null {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (kind === 'logo' && ext === 'png')
    return { expected: 'ein PNG-Bild', accepts: ['ein PNG-Bild'] };
  if (kind === 'logo' && ext === 'svg')
    return { expected: 'ein SVG-Bild', accepts: ['ein SVG-Bild'] };
  if (kind === 'schrift' && (ext === 'ttf' || ext === 'otf'))
    return {
      expected: `eine ${ext.toUpperCase()}-Schrift`,
      accepts: ['eine TrueType-Schrift', 'eine OpenType-Schrift'],
    };
  return null;
}

const byteSize = (n: number): string =>
  n >= 1024 * 1024
    ? `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MiB`
    : `${String(Math.ceil(n / 1024))} KiB`;

/** A logo or font named in koerperschaft.yaml: present, what its name says, not too large. */
export function checkSettingsFile(
  file: string,
  at: Position,
  name: string,
  kind: FileKind,
  raw: RawFile | undefined,
): { bytes: Uint8Array | null; diagnostics: Diagnostic[] } {
  const fail = (d: Diagnostic) => ({ bytes: null, diagnostics: [d] });
  const example = kind === 'logo' ? 'logo.svg' : 'schrift/Regular.ttf';
  if (raw === undefined)
    return fail(diagnose('RM808', file, at, { value: name, what: what[kind], example }));
  const expectation = expectationOf(kind, name);
  if (expectation === null)
    return fail(
      diagnose('RM809', file, at, {
        value: name,
        expected: kind === 'logo' ? 'als Logo nicht möglich' : 'als Schrift nicht möglich',
        detail: `möglich sind ${kind === 'logo' ? 'SVG- und PNG-Bilder (.svg, .png)' : 'TTF- und OTF-Schriften (.ttf, .otf)'}`,
        tipp:
          kind === 'logo'
            ? 'Speichern Sie das Logo als SVG oder PNG, z. B. „logo: logo.svg“.'
            : 'Verwenden Sie die TTF- oder OTF-Dateien der Schrift, z. B. „normal: schrift/Regular.ttf“.',
      }),
    );
  if (raw.bytes === null || raw.size > limits[kind])
    return fail(
      diagnose('RM810', file, at, {
        value: name,
        what: what[kind],
        size: byteSize(raw.size),
        limit: byteSize(limits[kind]),
        tipp:
          kind === 'logo'
            ? 'Verkleinern Sie das Bild (ein Logo braucht selten mehr als 200 KiB) oder speichern Sie es als SVG.'
            : 'Verwenden Sie eine Schriftdatei ohne zusätzliche Schriftsysteme oder einen Teilsatz der Schrift.',
      }),
    );
  const actual = contentKind(raw.bytes);
  if (actual === null || !expectation.accepts.includes(actual)) {
    const renamed = actual === 'ein SVG-Bild' ? 'svg' : actual === 'ein PNG-Bild' ? 'png' : null;
    return fail(
      diagnose('RM809', file, at, {
        value: name,
        expected: expectation.expected.replace(/^eine? /, (a) =>
          a === 'ein ' ? 'kein ' : 'keine ',
        ),
        detail: actual === null ? 'ihr Inhalt ist nicht zu erkennen' : `ihr Inhalt ist ${actual}`,
        tipp:
          kind === 'logo' && renamed !== null
            ? `Benennen Sie die Datei passend zu ihrem Inhalt um, z. B. „${name.replace(/\.[^.]+$/, `.${renamed}`)}“, und tragen Sie diesen Namen bei „logo“ ein.`
            : kind === 'logo'
              ? 'Speichern Sie das Logo im Bildprogramm als SVG oder PNG.'
              : 'Verwenden Sie die Schriftdatei selbst (TTF oder OTF), keine umbenannte andere Datei.',
      }),
    );
  }
  return { bytes: raw.bytes, diagnostics: [] };
}
