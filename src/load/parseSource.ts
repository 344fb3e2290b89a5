import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import { diagnose } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { positionOfRange, type Source } from './positions.js';
import { maxFileSize, type NotAFile, type RawFile } from './readContent.js';
import { syntaxErrorDiagnostic } from './syntaxErrors.js';
import { findYamlTraps, maxNesting, tooDeep } from './yamlTraps.js';

/** More aliases than this in one file is refused (alias bombs). */
const maxAliasCount = 50;

export const byteSize = (n: number): string =>
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

/** Errors of the parser: special codes for duplicates, tabs, documents; one RM101 for syntax. */
function yamlErrorDiagnostics(
  file: string,
  text: string,
  lc: LineCounter,
  errors: readonly YAMLError[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const syntax: YAMLError[] = [];
  for (const error of errors) {
    const position = positionOfRange(lc, error.pos[0], error.pos[1]);
    switch (error.code) {
      case 'DUPLICATE_KEY': {
        const key =
          text
            .slice(error.pos[0])
            .split(/:(?:\s|$)/)[0]
            ?.trim() ?? '';
        out.push(diagnose('RM103', file, position, { key: key.replace(/^["']|["']$/g, '') }));
        break;
      }
      case 'TAB_AS_INDENT':
        out.push(diagnose('RM102', file, position));
        break;
      case 'MULTIPLE_DOCS':
        out.push(diagnose('RM109', file, position));
        break;
      case 'RESOURCE_EXHAUSTION':
        // the parser ran out of stack: nested far too deep (aliases are counted elsewhere);
        // every level above reports it again, once is enough
        if (!out.some((d) => d.code === 'RM115'))
          out.push(diagnose('RM115', file, position, { limit: maxNesting }));
        break;
      default:
        syntax.push(error);
    }
  }
  if (syntax.length > 0) out.push(syntaxErrorDiagnostic(file, text, lc, syntax));
  return out;
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

const notAFileText: Record<NotAFile, { what: string; tipp: string }> = {
  folder: {
    what: 'ein Ordner',
    tipp: 'Benennen Sie den Ordner so um, dass sein Name nicht auf „.yaml“ endet, und legen Sie an seiner Stelle die Datei {name} an (z. B. mit „art: text“ in der ersten Zeile).',
  },
  symlink: {
    what: 'eine Verknüpfung (symbolischer Link)',
    tipp: 'Eine Verknüpfung kann auf Dateien außerhalb des Inhaltsordners zeigen; ersetzen Sie sie durch eine Kopie der Datei, auf die sie zeigt: Verknüpfung löschen, die Datei hierher kopieren und {name} nennen.',
  },
  other: {
    what: 'eine besondere Datei (etwa eine Pipe oder ein Gerät)',
    tipp: 'Legen Sie an ihrer Stelle eine gewöhnliche Textdatei {name} im YAML-Format an.',
  },
};

/** A Vorlage's folder that is a symbolic link (vorlagen/V-2024-0815 → elsewhere). */
const linkedFolderTipp =
  'Eine Verknüpfung kann auf Ordner außerhalb des Inhaltsordners zeigen; ersetzen Sie sie durch eine Kopie des Ordners, auf den sie zeigt, unter dem Namen {name}.';

function notAFileDiagnostic(file: string, kind: NotAFile): Diagnostic {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const folder = /^vorlagen\/[^/]+$/.test(file);
  const { what, tipp } = notAFileText[kind];
  return diagnose(
    'RM114',
    file,
    { line: 1, column: 1 },
    {
      name,
      what,
      expected: folder ? 'kein gewöhnlicher Ordner' : 'keine gewöhnliche Datei',
      tipp: (folder ? linkedFolderTipp : tipp).replace('{name}', name),
    },
  );
}

/** How a file of this kind begins, for the hints of empty or shapeless files (RM104, RM111). */
function fileExample(file: string): { fields: string; first: string; remove: string } {
  if (file.startsWith('sitzungen/'))
    return {
      fields: '„koerperschaft: …“, „gremium: …“, „datum: 2020-02-04“ und „tagesordnung:“',
      first: '„koerperschaft: Kreis Coesfeld“',
      remove: 'löschen Sie sie, wenn es die Sitzung nicht gibt',
    };
  if (file.endsWith('/vorlage.yaml'))
    return {
      fields: '„nummer: …“, „art: Mitteilungsvorlage“, „betreff: …“ und „abschnitte:“',
      // the folder is the number with / and space as - (for most schemes the number itself)
      first: `„nummer: ${file.split('/')[1] ?? '…'}“`,
      remove: 'löschen Sie den Ordner der Vorlage',
    };
  return {
    fields: '„art: text“, „titel: …“ und „inhalt:“',
    first: '„art: text“',
    remove: 'löschen Sie sie und ihren Eintrag in vorlage.yaml',
  };
}

export interface Parsed {
  readonly source: Source | null;
  /** the decoded text, also when it does not parse (for code frames) */
  readonly text: string | null;
  readonly diagnostics: readonly Diagnostic[];
}

/** A YAML file's text: UTF-8 (checked before), without a byte order mark. */
export const decodeYaml = (bytes: Uint8Array): string =>
  new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');

/** Decodes and parses one YAML file. Pure: bytes in, source and diagnostics out. */
export function parseSource(raw: RawFile): Parsed {
  const file = raw.path;
  let decoded: string | null = null;
  const fail = (...diagnostics: Diagnostic[]): Parsed => ({
    source: null,
    text: decoded,
    diagnostics,
  });
  if (raw.notAFile) return fail(notAFileDiagnostic(raw.path, raw.notAFile));
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
  const text = decodeYaml(raw.bytes);
  decoded = text;
  const tabs = tabIndents(file, text);
  if (tabs.length > 0) return fail(...tabs);

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    merge: false,
  });
  // before the parser's errors: where it ran out of stack, what it built shows where the
  // nesting got too deep
  const deep = tooDeep(doc);
  if (deep) {
    const [start, end] = deep.range ?? [0, 0];
    return fail(
      diagnose('RM115', file, positionOfRange(lineCounter, start, end), { limit: maxNesting }),
    );
  }
  if (doc.errors.length > 0) {
    return fail(...yamlErrorDiagnostics(file, text, lineCounter, doc.errors));
  }
  if (doc.contents === null)
    return fail(diagnose('RM104', file, { line: 1, column: 1 }, fileExample(file)));
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
    return fail(
      diagnose('RM111', file, positionOfRange(lineCounter, range[0], range[1]), fileExample(file)),
    );
  }
  return {
    source: { file, text, doc, lineCounter, value: frozen(value) },
    text,
    diagnostics: traps.diagnostics,
  };
}

/**
 * The parsed value, frozen all the way down: no stage may change what a file says. `build
 * --watch` and the preview keep the parse of an unchanged file for the next build
 * (parseMemo.ts), which is only right while nobody writes into it; a write now fails at once
 * (and the test suite runs every stage over frozen values).
 */
/** Deep-frozen: no stage can write into a parse another build may reuse. */
export function frozen<T>(value: T, seen = new WeakSet<object>()): T {
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  for (const child of Object.values(value)) frozen(child, seen);
  return Object.freeze(value);
}
