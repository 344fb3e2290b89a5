import { plural } from '../format/german.js';
import { escapeControls } from '../format/terminalText.js';
import { compareDiagnostics, type Diagnostic } from './diagnostic.js';

export interface PrintOptions {
  /** ANSI colours (off for NO_COLOR, pipes and files) */
  readonly color: boolean;
  /** file → text, for code frames */
  readonly texts?: ReadonlyMap<string, string>;
  /** how a diagnostic's file is shown (e.g. relative to the current folder); default: as it is */
  readonly pathOf?: (file: string) => string;
}

const paint = (on: boolean, code: string, text: string): string =>
  on ? `\u001b[${code}m${text}\u001b[0m` : text;

/**
 * Lines up to this length are shown whole (a clerk's paragraph, whose end may be the fault);
 * a longer faulty line is shown in a window around the fault.
 */
const longLine = 1000;
const window = 160;

/** `width` characters of a line from `start`, with „…“ where something is cut off. */
function cut(line: string, start: number, width: number): string {
  const shown = line.slice(start, start + width);
  return `${start > 0 ? '…' : ''}${shown}${line.length > start + width ? '…' : ''}`;
}

/**
 * Two lines of context above the fault, the faulty line and a marker under the faulty part.
 * Control characters of the file are shown escaped (they would act on the terminal); the
 * marker follows the escaped text.
 */
function codeFrame(text: string, d: Diagnostic, color: boolean): string {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const escaped = (raw: string): string => escapeControls(raw.replace(/\t/g, '→'));
  const from = Math.max(1, d.line - 2);
  const width = String(d.line).length;
  const faulty = lines[d.line - 1] ?? '';
  // a 20,000-character line of brackets is shown around the fault, every line of the frame from
  // the same column so that they stay aligned
  const windowed = faulty.length > longLine;
  const start = windowed ? Math.max(0, d.column - 1 - window / 2) : 0;
  const shown = windowed ? window : longLine;
  const out: string[] = [];
  for (let n = from; n <= Math.min(d.line, lines.length); n++) {
    const marker = n === d.line ? paint(color, '31', '>') : ' ';
    out.push(
      `  ${marker} ${String(n).padStart(width)} | ${escaped(cut(lines[n - 1] ?? '', start, shown))}`,
    );
  }
  const endColumn = d.endLine === d.line && d.endColumn !== undefined ? d.endColumn : d.column + 1;
  // the marker's place and width in the shown (cut and escaped) text
  const column = Math.min(d.column - 1, faulty.length);
  const end = Math.max(column + 1, Math.min(endColumn - 1, faulty.length, start + shown));
  const offset = escaped(faulty.slice(start, column)).length + (start > 0 ? 1 : 0);
  const length = Math.max(1, escaped(faulty.slice(column, end)).length);
  out.push(
    `    ${' '.repeat(width)} | ${' '.repeat(offset)}${paint(color, '31', '^'.repeat(length))}`,
  );
  return out.join('\n');
}

/** The report a clerk reads: sorted by file and position, with code frames, hints and a summary. */
export function printDiagnostics(
  diagnostics: readonly Diagnostic[],
  options: PrintOptions,
): string {
  const { color } = options;
  const pathOf = options.pathOf ?? ((file: string) => file);
  const sorted = [...diagnostics].sort(compareDiagnostics);
  const blocks = sorted.map((d) => {
    const severity =
      d.severity === 'fehler' ? paint(color, '31;1', 'fehler') : paint(color, '33;1', 'warnung');
    const head = `${paint(color, '1', `${escapeControls(pathOf(d.file))}:${d.line}:${d.column}`)}  ${severity}  ${paint(color, '2', d.code)}  ${escapeControls(d.message)}`;
    const text = options.texts?.get(d.file);
    const parts = [head];
    if (text !== undefined && d.line <= text.split('\n').length)
      parts.push(codeFrame(text, d, color));
    if (d.hint) parts.push(`  ${paint(color, '36', 'Hinweis:')} ${escapeControls(d.hint)}`);
    if (d.cause) parts.push(`  Ursache: ${escapeControls(d.cause)}`);
    return parts.join('\n');
  });
  const errors = sorted.filter((d) => d.severity === 'fehler').length;
  const warnings = sorted.length - errors;
  const files = new Set(sorted.map((d) => d.file)).size;
  const summary =
    sorted.length === 0
      ? 'Keine Fehler gefunden.'
      : `${plural(errors, 'Fehler', 'Fehler')}, ${plural(warnings, 'Warnung', 'Warnungen')} in ${plural(files, 'Datei', 'Dateien')}.`;
  return [...blocks, paint(color, '1', summary)].join('\n\n') + '\n';
}
