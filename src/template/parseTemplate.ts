import Handlebars from 'handlebars';

export interface TemplateSyntaxError {
  /** 1-based */
  readonly line: number;
  readonly column: number;
  /** German: what Handlebars could not read */
  readonly detail: string;
}

const offsetToPosition = (text: string, offset: number): { line: number; column: number } => {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
};

/**
 * The place of a parse error. Handlebars' parser (jison) gives only the line and an excerpt: up
 * to 20 characters before the fault and 20 from it, without line breaks, with a caret under the
 * fault. The fault is where the text (without line breaks) reads like the excerpt around the caret.
 */
function placeOf(text: string, message: string): { line: number; column: number } {
  const [, lineText = '1', excerpt = '', pointer = ''] =
    /^Parse error on line (\d+):\n(.*)\n(-*)\^/.exec(message) ?? [];
  const caret = pointer.length;
  const before = excerpt.slice(0, caret).replace(/^\.\.\./, '');
  const after = excerpt.slice(caret).replace(/\.\.\.$/, '');
  const flat: number[] = [];
  let squeezed = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') continue;
    flat.push(i);
    squeezed += text.charAt(i);
  }
  const line = Number(lineText);
  let best: { line: number; column: number } | null = null;
  const needle = before + after;
  for (
    let at = needle === '' ? -1 : squeezed.indexOf(needle);
    at >= 0;
    at = squeezed.indexOf(needle, at + 1)
  ) {
    const offset = flat[at + before.length] ?? text.length;
    const place = offsetToPosition(text, offset);
    if (!best || Math.abs(place.line - line) < Math.abs(best.line - line)) best = place;
  }
  return best ?? { line, column: 1 };
}

/** The innermost block that is opened („{{#if …}}“) and never closed, if any. */
function unclosedBlock(text: string): { name: string; offset: number } | null {
  const withoutComments = text.replace(/\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/g, (c) =>
    ' '.repeat(c.length),
  );
  const open: { name: string; offset: number }[] = [];
  for (const m of withoutComments.matchAll(/\{\{~?\s*([#/])>?\s*([^\s}~]+)/g)) {
    if (m[1] === '#') open.push({ name: m[2] ?? '', offset: m.index });
    else if (open.at(-1)?.name === m[2]) open.pop();
  }
  return open.at(-1) ?? null;
}

/** What went wrong, in German (Handlebars' parser speaks in grammar tokens). */
function detailOf(message: string): string {
  const mismatch = /^(\S+) doesn't match (\S+)/.exec(message);
  if (mismatch)
    return `„{{/${mismatch[2] ?? ''}}}“ schließt den Block „{{#${mismatch[1] ?? ''}}}“ nicht.`;
  if (message.includes("got 'EOF'"))
    return 'Die Datei endet, bevor alle Blöcke geschlossen sind; es fehlt ein „{{/…}}“ oder „}}“.';
  if (/got 'INVALID'|Lexical error/.test(message))
    return 'An dieser Stelle steht in „{{ … }}“ etwas, das Handlebars nicht lesen kann, z. B. eine einzelne „}“.';
  if (message.includes("got 'CLOSE'")) return 'Zwischen „{{“ und „}}“ fehlt der Name.';
  return 'Handlebars kann die Datei an dieser Stelle nicht lesen.';
}

/** Parses and compiles a template without running it; a fault comes back with its place. */
export function parseTemplate(
  text: string,
): { readonly ast: hbs.AST.Program } | { readonly error: TemplateSyntaxError } {
  try {
    const ast = Handlebars.parse(text);
    // the compiler's own checks (e.g. a block's end that does not match its start)
    Handlebars.precompile(text, { strict: false, preventIndent: true });
    return { ast };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const located = error as { lineNumber?: number; column?: number };
    const block = message.includes("got 'EOF'") ? unclosedBlock(text) : null;
    if (block) {
      const detail = `Der Block „{{#${block.name} …}}“ wird nicht mit „{{/${block.name}}}“ geschlossen.`;
      return { error: { ...offsetToPosition(text, block.offset), detail } };
    }
    const place =
      typeof located.lineNumber === 'number'
        ? { line: located.lineNumber, column: (located.column ?? 0) + 1 }
        : placeOf(text, message);
    return { error: { ...place, detail: detailOf(message) } };
  }
}
