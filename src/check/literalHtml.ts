import { diagnose } from '../diagnostics/catalogue.js';
import type { Diagnostic, Position } from '../diagnostics/diagnostic.js';
import { allowedTags } from '../model/parseHtml.js';

/** A statement's start as a 1-based position (Handlebars counts columns from 0). */
export const at = (loc: hbs.AST.SourceLocation, extra = 0): Position => ({
  line: loc.start.line,
  column: loc.start.column + 1 + extra,
});

/** The position of `offset` inside a content statement that starts at `loc`. */
function positionIn(text: string, offset: number, loc: hbs.AST.SourceLocation): Position {
  const before = text.slice(0, offset);
  const newlines = before.split('\n').length - 1;
  if (newlines === 0) return at(loc, offset);
  return { line: loc.start.line + newlines, column: offset - before.lastIndexOf('\n') };
}

const tagPattern = /<([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)(>?)/g;
const attributePattern = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)(")?|'([^']*)(')?|([^\s>"']+)))?/g;

/** Tags, attributes and classes outside the HTML subset in the literal text of a template. */
export function literalHtml(file: string, text: string, loc: hbs.AST.SourceLocation): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const tag of text.matchAll(tagPattern)) {
    const name = (tag[1] ?? '').toLowerCase();
    const classes = allowedTags[name];
    if (!classes) {
      out.push(
        diagnose('RM904', file, positionIn(text, tag.index, loc), {
          tag: name,
          allowed: Object.keys(allowedTags)
            .map((t) => `<${t}>`)
            .join(', '),
        }),
      );
      continue;
    }
    const attributes = tag[2] ?? '';
    for (const a of attributes.matchAll(attributePattern)) {
      const attr = (a[1] ?? '').toLowerCase();
      const value = a[2] ?? a[4] ?? a[6];
      const closed = a[3] !== undefined || a[5] !== undefined || a[6] !== undefined;
      const place = positionIn(text, tag.index + 1 + name.length + a.index, loc);
      const allowedAttr =
        attr === 'class' ||
        (attr === 'href' && name === 'a') ||
        (attr === 'id' && /^h[1-5]$/.test(name));
      if (!allowedAttr) {
        out.push(
          diagnose('RM905', file, place, {
            what: `das Attribut „${attr}“`,
            tag: name,
            allowed:
              'Erlaubt sind nur class (wo vorgesehen), href an <a> und id an <h1> bis <h5>; Farben und Schriften legt die Körperschaft für alle Vorlagen fest.',
          }),
        );
      } else if (attr === 'class' && closed && value !== undefined && !classes.includes(value)) {
        out.push(
          diagnose('RM905', file, place, {
            what: `die Klasse „${value}“`,
            tag: name,
            allowed:
              classes.length > 0
                ? `An <${name}> erlaubt: ${classes.map((c) => `class="${c}"`).join(', ')}.`
                : `An <${name}> ist keine Klasse erlaubt; lassen Sie class weg.`,
          }),
        );
      }
    }
  }
  return out;
}
