/**
 * Text from content files on its way to a terminal: control characters would act on the
 * terminal (ESC sequences clear the screen or recolour it, BEL rings, CR overwrites the line,
 * bidi overrides reorder what is shown), so they are shown escaped instead: ESC → \x1B.
 */

// C0 controls except tab and line feed, DEL, C1 controls, bidi embeddings/overrides/isolates
const CONTROLS =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

const escaped = (c: string): string => {
  const code = c.codePointAt(0) ?? 0;
  return code < 0x100
    ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
    : `\\u{${code.toString(16).toUpperCase()}}`;
};

/** `text` with every control character written as an escape (\x1B, \u{202E}). */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, escaped);
}

/** Whether to colour a stream: FORCE_COLOR wins (0/false: never), then NO_COLOR (non-empty), then TERM=dumb, then the stream being a terminal. */
export function colorFor(
  isTTY: boolean,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.trim().toLowerCase());
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}
