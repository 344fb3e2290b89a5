import { LineCounter, parseDocument, type ErrorCode, type YAMLError } from 'yaml';
import { diagnose } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { positionOfRange, type Source } from './positions.js';
import { maxFileSize, type RawFile } from './readContent.js';
import { findYamlTraps } from './yamlTraps.js';

/** More aliases than this in one file is refused (alias bombs). */
const maxAliasCount = 50;

/** German wording for the YAML parser's error codes; the parser's English text is jargon. */
const syntaxDetail: Partial<Record<ErrorCode, string>> = {
  BAD_INDENT: 'die Einrückung passt nicht zur Zeile darüber',
  BLOCK_AS_IMPLICIT_KEY: 'vor einem Doppelpunkt steht ein mehrzeiliger Wert',
  MISSING_CHAR: 'ein schließendes Zeichen fehlt (Anführungszeichen oder Klammer)',
  MULTILINE_IMPLICIT_KEY:
    'ein Feldname reicht über mehrere Zeilen; vermutlich fehlt ein Doppelpunkt oder ein Anführungszeichen',
  UNEXPECTED_TOKEN: 'an dieser Stelle steht ein unerwartetes Zeichen',
  BAD_SCALAR_START:
    'der Wert beginnt mit einem Zeichen, das in YAML eine besondere Bedeutung hat; setzen Sie ihn in Anführungszeichen',
  BAD_DQ_ESCAPE: 'ein „\\“ in Anführungszeichen leitet eine ungültige Folge ein',
  BAD_ALIAS: 'ein Verweis mit „*“ zeigt auf keinen Anker',
  BLOCK_IN_FLOW: 'innerhalb von Klammern steht eine mehrzeilige Angabe',
  KEY_OVER_1024_CHARS: 'ein Feldname ist länger als 1024 Zeichen',
};

const byteSize = (n: number): string =>
  n >= 1024 * 1024
    ? `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MiB`
    : `${Math.ceil(n / 1024)} KiB`;

/** Offset of the first byte that is not valid UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] ?? 0;
    const len =
      b < 0x80
        ? 1
        : b >= 0xc2 && b < 0xe0
          ? 2
          : b >= 0xe0 && b < 0xf0
            ? 3
            : b >= 0xf0 && b < 0xf5
              ? 4
              : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += len;
  }
  return -1;
}

function lineColOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) [line, start] = [line + 1, i + 1];
  return { line, column: offset - start + 1 };
}

function yamlErrorDiagnostic(file: string, lc: LineCounter, error: YAMLError): Diagnostic {
  const position = positionOfRange(lc, error.pos[0], error.pos[1]);
  switch (error.code) {
    case 'DUPLICATE_KEY': {
      const key = /key "?([^"]*)"?/.exec(error.message)?.[1] ?? '';
      return diagnose('RM103', file, position, { key });
    }
    case 'TAB_AS_INDENT':
      return diagnose('RM102', file, position);
    case 'MULTIPLE_DOCS':
      return diagnose('RM109', file, position);
    case 'RESOURCE_EXHAUSTION':
      return diagnose('RM107', file, position);
    default:
      return diagnose('RM101', file, position, {
        detail: syntaxDetail[error.code] ?? 'die Zeile lässt sich nicht lesen',
      });
  }
}

/** Tabs used for indentation, reported before the parser's less helpful messages. */
function tabIndents(file: string, text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  text.split('\n').forEach((line, i) => {
    const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
    const tab = indent.indexOf('\t');
    if (tab >= 0 && line.trim() !== '')
      out.push(diagnose('RM102', file, { line: i + 1, column: tab + 1 }));
  });
  return out;
}

export interface Parsed {
  readonly source: Source | null;
  readonly diagnostics: readonly Diagnostic[];
}

/** Decodes and parses one YAML file. Pure: bytes in, source and diagnostics out. */
export function parseSource(raw: RawFile): Parsed {
  const file = raw.path;
  const fail = (...diagnostics: Diagnostic[]): Parsed => ({ source: null, diagnostics });
  if (raw.bytes === null) {
    return fail(
      diagnose(
        'RM106',
        file,
        { line: 1, column: 1 },
        { size: byteSize(raw.size), limit: byteSize(maxFileSize) },
      ),
    );
  }
  const bad = firstInvalidUtf8(raw.bytes);
  if (bad >= 0) return fail(diagnose('RM105', file, lineColOfByte(raw.bytes, bad)));
  const text = new TextDecoder('utf-8').decode(raw.bytes).replace(/^\uFEFF/, '');
  const tabs = tabIndents(file, text);
  if (tabs.length > 0) return fail(...tabs);

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    merge: false,
  });
  if (doc.errors.length > 0) {
    return fail(...doc.errors.map((e) => yamlErrorDiagnostic(file, lineCounter, e)));
  }
  if (doc.contents === null) return fail(diagnose('RM104', file, { line: 1, column: 1 }));
  const traps = findYamlTraps(file, text, doc, lineCounter);
  if (traps.fatal) return fail(...traps.diagnostics);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount });
  } catch {
    return fail(diagnose('RM107', file, { line: 1, column: 1 }));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const range = doc.contents.range;
    return fail(diagnose('RM111', file, positionOfRange(lineCounter, range[0], range[1])));
  }
  return { source: { file, text, doc, lineCounter, value }, diagnostics: traps.diagnostics };
}
