/**
 * Test helpers that look at the object structure of a PDF with qpdf (the command-line tool;
 * Debian/Ubuntu package `qpdf`, ≥ 10.2 for --show-attachment).
 *
 * `qdfObjects` rewrites the file with `qpdf --qdf --object-streams=disable` (every object on
 * its own, streams uncompressed, dictionaries pretty-printed one key per line, top-level keys
 * indented by two spaces) and splits it into objects. This is a reading aid for structural
 * assertions, not a PDF parser and not a PDF/A validator.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PdfObject {
  readonly id: number;
  /** the object without its stream data: a dictionary `<<…>>`, string, number, array … */
  readonly dict: string;
  /** the uncompressed stream data, null for objects without a stream */
  readonly stream: Buffer | null;
}

export interface QdfFile {
  readonly objects: ReadonlyMap<number, PdfObject>;
  /** the trailer dictionary */
  readonly trailer: string;
}

/** Throws with an installation hint unless qpdf ≥ 10.2 is on the PATH. */
export function requireQpdf(): string {
  const run = spawnSync('qpdf', ['--version'], { encoding: 'utf8' });
  const version = /qpdf version (\d+)\.(\d+)/.exec(run.stdout);
  if (run.error !== undefined || version === null) {
    throw new Error('qpdf is not installed (apt-get install -y qpdf); the PDF/A tests need it');
  }
  const [major = 0, minor = 0] = version.slice(1).map(Number);
  if (major < 10 || (major === 10 && minor < 2)) {
    throw new Error(`qpdf ≥ 10.2 needed for --show-attachment, found ${version[0]}`);
  }
  return version[0];
}

function withFile<T>(pdf: Uint8Array, use: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'ratsmappe-pdf-'));
  try {
    const file = path.join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    return use(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function qpdf(args: string[]): { status: number | null; stdout: Buffer; stderr: string } {
  const run = spawnSync('qpdf', args);
  if (run.error !== undefined) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr.toString('utf8') };
}

/** `qpdf --check`: exit status (0 = no errors or warnings) and its report. */
export function qpdfCheck(pdf: Uint8Array): { status: number | null; output: string } {
  return withFile(pdf, (file) => {
    const run = qpdf(['--check', file]);
    return { status: run.status, output: run.stdout.toString('utf8') + run.stderr };
  });
}

/** `qpdf --show-attachment=NAME`: the bytes of an embedded file. */
export function showAttachment(pdf: Uint8Array, name: string): Buffer {
  return withFile(pdf, (file) => {
    const run = qpdf([`--show-attachment=${name}`, file]);
    if (run.status !== 0) throw new Error(`qpdf --show-attachment failed: ${run.stderr}`);
    return run.stdout;
  });
}

/** Splits the QDF form of a PDF (see above) into its objects and the trailer. */
export function qdfObjects(pdf: Uint8Array): QdfFile {
  const qdf = withFile(pdf, (file, dir) => {
    const out = path.join(dir, 'out.pdf');
    const run = qpdf(['--qdf', '--object-streams=disable', file, out]);
    if (run.status !== 0) throw new Error(`qpdf --qdf failed: ${run.stderr}`);
    return readFileSync(out);
  });
  const text = qdf.toString('latin1'); // one char per byte: indices are byte offsets
  const objects = new Map<number, PdfObject>();
  const streamStarts = new Map<number, number>();
  const header = /^(\d+) 0 obj\n/gm;
  let match: RegExpExecArray | null;
  while ((match = header.exec(text)) !== null) {
    const id = Number(match[1]);
    const start = header.lastIndex;
    let end: number;
    let dict: string;
    let stream: Buffer | null = null;
    if (text.startsWith('<<', start)) {
      // the top-level dictionary is the only one closed at the start of a line
      const close = text.indexOf('\n>>\n', start) + 3;
      dict = text.slice(start, close);
      if (text.startsWith('stream\n', close + 1)) {
        const dataStart = close + 1 + 'stream\n'.length;
        const dataEnd = text.indexOf('\nendstream\nendobj\n', dataStart);
        // qpdf ends the data with a newline if it has none; /Length has the exact size
        stream = qdf.subarray(dataStart, dataEnd + 1);
        streamStarts.set(id, dataStart);
        end = dataEnd + '\nendstream\nendobj\n'.length;
      } else {
        end = text.indexOf('\nendobj\n', close) + '\nendobj\n'.length;
      }
    } else {
      const close = text.indexOf('\nendobj\n', start);
      dict = text.slice(start, close);
      end = close + '\nendobj\n'.length;
    }
    objects.set(id, { id, dict, stream });
    header.lastIndex = end; // continue after the object, never inside stream data
  }
  for (const [id, dataStart] of streamStarts) {
    const object = objects.get(id);
    const length = entry(object?.dict ?? '', 'Length') ?? '';
    const [lengthRef] = refs(length);
    const size = Number(lengthRef === undefined ? length : objects.get(lengthRef)?.dict);
    if (object === undefined || !Number.isInteger(size))
      throw new Error(`object ${String(id)}: no /Length`);
    objects.set(id, { ...object, stream: qdf.subarray(dataStart, dataStart + size) });
  }
  const trailerAt = text.lastIndexOf('\ntrailer <<\n');
  const trailer = text.slice(
    trailerAt + '\ntrailer '.length,
    text.indexOf('\n>>\n', trailerAt) + 3,
  );
  return { objects, trailer };
}

/**
 * The value of a top-level key of a QDF dictionary, as written (may span several lines, e.g.
 * an array); undefined when the key is absent.
 */
export function entry(dict: string, key: string): string | undefined {
  const lines = dict.split('\n');
  const at = lines.findIndex((l) => l === `  /${key}` || l.startsWith(`  /${key} `));
  if (at === -1) return undefined;
  const first = lines[at]?.slice(`  /${key}`.length).trim() ?? '';
  const rest: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (/^ {2}\/|^>>$/.test(line)) break;
    rest.push(line.trim());
  }
  return [first, ...rest].filter((s) => s !== '').join(' ');
}

/** The object numbers of the indirect references (`N 0 R`) in a value. */
export const refs = (value: string | undefined): number[] =>
  [...(value ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));

/** The object a single reference points at; throws if there is none. */
export function deref(file: QdfFile, value: string | undefined): PdfObject {
  const [id] = refs(value);
  const object = id === undefined ? undefined : file.objects.get(id);
  if (object === undefined) throw new Error(`no object for reference "${String(value)}"`);
  return object;
}

/** The objects whose dictionary has `/Type /<type>`. */
export const objectsOfType = (file: QdfFile, type: string): PdfObject[] =>
  [...file.objects.values()].filter((o) => entry(o.dict, 'Type') === `/${type}`);

/** The document catalog (trailer /Root). */
export const catalog = (file: QdfFile): PdfObject => deref(file, entry(file.trailer, 'Root'));
