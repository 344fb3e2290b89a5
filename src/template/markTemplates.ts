import Handlebars from 'handlebars';
import type { TemplateSource } from './templateSources.js';

/** A place in a template, as a marker in the HTML it writes. */
export interface Mark {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

type Statement = hbs.AST.Statement & { loc: hbs.AST.SourceLocation };

/** Every statement of a program in source order, the bodies of blocks included. */
function statements(program: hbs.AST.Program): Statement[] {
  const out: Statement[] = [];
  for (const s of program.body as Statement[]) {
    out.push(s);
    const block = s as Partial<hbs.AST.BlockStatement>;
    if (block.program) out.push(...statements(block.program));
    if (block.inverse) out.push(...statements(block.inverse));
  }
  return out;
}

const offsetOf = (starts: readonly number[], line: number, column: number): number =>
  (starts[line - 1] ?? 0) + column;

/**
 * A copy of a template with an HTML comment `<!--rm:N-->` before each of its statements and tags
 * that stand between tags (not inside one), N indexing `marks`. The HTML it writes has the same
 * elements; the last marker before a faulty node names the template line that wrote it.
 */
export function markTemplate(source: TemplateSource, marks: Mark[]): string {
  const { text } = source;
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(text);
  } catch {
    return text;
  }
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  // where a marker goes, and the place it names (a text's first visible character)
  const inserts = new Map<number, number>([[0, 0]]);
  const add = (offset: number, names = offset): void => {
    if (!inserts.has(offset)) inserts.set(offset, names);
  };
  let inTag = false;
  const all = statements(program).sort(
    (a, b) =>
      offsetOf(starts, a.loc.start.line, a.loc.start.column) -
      offsetOf(starts, b.loc.start.line, b.loc.start.column),
  );
  for (const s of all) {
    const start = offsetOf(starts, s.loc.start.line, s.loc.start.column);
    if (s.type !== 'ContentStatement') {
      if (!inTag) add(start);
      continue;
    }
    const content = (s as hbs.AST.ContentStatement).original as unknown as string;
    if (!inTag) add(start, start + (content.length - content.trimStart().length));
    for (let i = 0; i < content.length; i++) {
      const c = content[i];
      if (c === '<' && /[a-zA-Z/]/.test(content[i + 1] ?? '')) {
        if (!inTag) add(start + i);
        inTag = true;
      } else if (c === '>' && inTag) {
        inTag = false;
        // text right after a tag: a marker of its own, naming the text's first character
        const rest = content.slice(i + 1);
        const text = rest.length - rest.trimStart().length;
        if (rest.trim() !== '' && !rest.trimStart().startsWith('<'))
          add(start + i + 1, start + i + 1 + text);
      }
    }
  }
  let out = '';
  let last = 0;
  for (const [offset, names] of [...inserts].sort((a, b) => a[0] - b[0])) {
    out += text.slice(last, offset);
    const before = text.slice(0, names);
    const line = before.split('\n').length;
    marks.push({ file: source.file, line, column: names - before.lastIndexOf('\n') });
    out += `<!--rm:${String(marks.length - 1)}-->`;
    last = offset;
  }
  return out + text.slice(last);
}

/** The template place of the last marker before `offset` in marked HTML. */
export function markBefore(html: string, offset: number, marks: readonly Mark[]): Mark | undefined {
  const found = [...html.slice(0, offset).matchAll(/<!--rm:(\d+)-->/g)].at(-1);
  return found ? marks[Number(found[1])] : undefined;
}
