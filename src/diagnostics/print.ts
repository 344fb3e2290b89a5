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
 * Two lines of context above the fault, the faulty line and a marker under the faulty part.
 * Control characters of the file are shown escaped (they would act on the terminal); the
 * marker follows the escaped text.
 */
function codeFrame(text: string, d: Diagnostic, color: boolean): string {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const shown = (raw: string): string => escapeControls(raw.replace(/\t/g, '→'));
  const from = Math.max(1, d.line - 2);
  const width = String(d.line).length;
  const out: string[] = [];
  for (let n = from; n <= Math.min(d.line, lines.length); n++) {
    const marker = n === d.line ? paint(color, '31', '>') : ' ';
    out.push(`  ${marker} ${String(n).padStart(width)} | ${shown(lines[n - 1] ?? '')}`);
  }
  const line = lines[d.line - 1] ?? '';
  const endColumn = d.endLine === d.line && d.endColumn !== undefined ? d.endColumn : d.column + 1;
  const start = Math.min(d.column - 1, line.length);
  const end = Math.max(start + 1, Math.min(endColumn - 1, line.length));
  const before = shown(line.slice(0, start)).length;
  const length = Math.max(1, shown(line.slice(start, end)).length);
  out.push(
    `    ${' '.repeat(width)} | ${' '.repeat(before)}${paint(color, '31', '^'.repeat(length))}`,
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
