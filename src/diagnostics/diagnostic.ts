/** One fault in the content, found by any stage. Positions are 1-based. */
export interface Diagnostic {
  /** path relative to the content folder, with forward slashes */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly severity: Severity;
  /** permanent code from the catalogue, e.g. RM201 */
  readonly code: string;
  /** German: what is wrong and why */
  readonly message: string;
  /** German: what to write instead, with an example */
  readonly hint?: string;
  /** for unexpected exceptions: the original error text (never shown as a stack trace) */
  readonly cause?: string;
}

export type Severity = 'fehler' | 'warnung';

export interface Position {
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((d) => d.severity === 'fehler');

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}
