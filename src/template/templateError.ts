/**
 * A template failed while it was rendering (Handlebars threw, or a helper did): where, as far as
 * Handlebars knows it. The innermost template and helper call that saw the error set the place;
 * outer ones leave it.
 */
export class TemplateRuntimeError extends Error {
  constructor(
    message: string,
    /** the template's file (templates/…, abschnittsarten/…) */
    public file: string | undefined,
    /** 1-based line and column in that file, when a helper call or block knows it */
    public line: number | undefined,
    public column: number | undefined,
  ) {
    super(message);
  }
}

export interface Loc {
  readonly start: { readonly line: number; readonly column: number };
}

/** The error as a TemplateRuntimeError, with `loc` (a helper call) as its place if it has none. */
export function locateAt(error: unknown, loc: Loc | undefined): TemplateRuntimeError {
  const located =
    error instanceof TemplateRuntimeError
      ? error
      : new TemplateRuntimeError(
          error instanceof Error ? error.message : String(error),
          undefined,
          undefined,
          undefined,
        );
  if (located.file === undefined && located.line === undefined && loc !== undefined) {
    located.line = loc.start.line;
    located.column = loc.start.column + 1;
  }
  return located;
}

/** The error with `file` as its template if no inner template claimed it. */
export function locateIn(error: unknown, file: string): TemplateRuntimeError {
  const located = locateAt(error, undefined);
  located.file ??= file;
  return located;
}
