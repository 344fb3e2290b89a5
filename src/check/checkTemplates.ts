import { diagnose } from '../diagnostics/catalogue.js';
import type { Diagnostic, Position } from '../diagnostics/diagnostic.js';
import { allowedTags } from '../model/parseHtml.js';
import { templateEnvironment } from '../template/compileTemplates.js';
import { parseTemplate } from '../template/parseTemplate.js';
import { partialName, type TemplateSource } from '../template/templateSources.js';
import { nearest } from './describe.js';

type Node = hbs.AST.Node;

const at = (loc: hbs.AST.SourceLocation, extra = 0): Position => ({
  line: loc.start.line,
  column: loc.start.column + 1 + extra,
});

/** Handlebars' own helpers that a template does not call by name. */
const internal = new Set(['helperMissing', 'blockHelperMissing']);

const candidates = (list: readonly string[]): string => list.map((n) => `„${n}“`).join(', ');

const suggest = (word: string, list: readonly string[]): string => {
  const guess = nearest(word, list);
  return guess ? `Meinten Sie „${guess}“? ` : '';
};

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
function literalHtml(file: string, text: string, loc: hbs.AST.SourceLocation): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const tag of text.matchAll(tagPattern)) {
    const name = (tag[1] ?? '').toLowerCase();
    const classes = allowedTags[name];
    if (!classes) {
      out.push(
        diagnose('RM704', file, positionIn(text, tag.index, loc), {
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
          diagnose('RM705', file, place, {
            what: `das Attribut „${attr}“`,
            tag: name,
            allowed:
              'Erlaubt sind nur class (wo vorgesehen), href an <a> und id an <h1> bis <h5>; Farben und Schriften legt die Körperschaft für alle Vorlagen fest.',
          }),
        );
      } else if (attr === 'class' && closed && value !== undefined && !classes.includes(value)) {
        out.push(
          diagnose('RM705', file, place, {
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

/** The values of a call's hash (Handlebars leaves it out when there is none, its types do not). */
const hashValues = (hash: hbs.AST.Hash | undefined): Node[] =>
  hash ? hash.pairs.map((p) => p.value) : [];

interface Known {
  readonly helpers: readonly string[];
  readonly partials: readonly string[];
  /** the template's lines, to quote a statement as written */
  readonly lines: readonly string[];
}

/** A one-line statement as written in the template („{{& inhalt}}“). */
const quote = (lines: readonly string[], loc: hbs.AST.SourceLocation): string | null =>
  loc.start.line === loc.end.line
    ? (lines[loc.start.line - 1] ?? '').slice(loc.start.column, loc.end.column)
    : null;

/** Walks a template's syntax tree: helpers, partials, unescaped output and literal HTML. */
function walk(file: string, node: Node, known: Known, out: Diagnostic[]): void {
  const call = (
    name: hbs.AST.Expression,
    params: readonly unknown[],
    hash: hbs.AST.Hash | undefined,
  ) => {
    if (name.type !== 'PathExpression') return;
    const path = name as hbs.AST.PathExpression;
    const isCall = params.length > 0 || (hash?.pairs.length ?? 0) > 0;
    if (!isCall || path.data || path.parts.length !== 1 || known.helpers.includes(path.original))
      return;
    out.push(
      diagnose('RM702', file, at(path.loc), {
        name: path.original,
        suggestion: suggest(path.original, known.helpers),
        allowed: candidates(known.helpers),
      }),
    );
  };
  const children: Node[] = [];
  switch (node.type) {
    case 'Program':
      children.push(...(node as hbs.AST.Program).body);
      break;
    case 'ContentStatement': {
      const content = node as hbs.AST.ContentStatement;
      // typed as StripFlags in handlebars' types; it is the template text as written
      out.push(...literalHtml(file, content.original as unknown as string, content.loc));
      break;
    }
    case 'MustacheStatement':
    case 'SubExpression': {
      const m = node as hbs.AST.MustacheStatement;
      if (node.type === 'MustacheStatement' && !m.escaped) {
        const name =
          m.path.type === 'PathExpression' ? (m.path as hbs.AST.PathExpression).original : 'wert';
        const expression = quote(known.lines, m.loc) ?? `{{{${name}}}}`;
        out.push(diagnose('RM706', file, at(m.loc), { expression, name }));
      }
      call(m.path, m.params, m.hash);
      children.push(...m.params, ...hashValues(m.hash));
      break;
    }
    case 'BlockStatement': {
      const b = node as hbs.AST.BlockStatement;
      call(b.path, b.params, b.hash);
      children.push(...b.params, ...hashValues(b.hash), b.program);
      const { inverse } = b as { inverse?: hbs.AST.Program };
      if (inverse) children.push(inverse);
      break;
    }
    case 'PartialStatement':
    case 'PartialBlockStatement': {
      const p = node as hbs.AST.PartialStatement;
      const kind = (p.name as hbs.AST.Node).type;
      if (kind === 'PathExpression' || kind === 'StringLiteral') {
        const name =
          kind === 'PathExpression'
            ? (p.name as hbs.AST.PathExpression).original
            : (p.name as unknown as hbs.AST.StringLiteral).value;
        if (!known.partials.includes(name) && name !== '@partial-block')
          out.push(
            diagnose('RM703', file, at(p.loc), {
              name,
              suggestion: suggest(name, known.partials),
              allowed: candidates(known.partials),
            }),
          );
      } else children.push(p.name);
      children.push(...p.params);
      if (node.type === 'PartialBlockStatement')
        children.push((node as hbs.AST.PartialBlockStatement).program);
      break;
    }
    default:
      break;
  }
  for (const child of children) walk(file, child, known, out);
}

/**
 * Compiles every template of the content folder without running it (check): syntax, helpers
 * and partials that do not exist, unescaped output ({{{ }}} or {{& }}: refused in own templates,
 * so that no clerk's text can become markup) and literal tags outside the HTML subset. What
 * depends on the data (a tag built from a value, text outside a paragraph) is found by build.
 */
export function checkTemplates(sources: readonly TemplateSource[]): Diagnostic[] {
  const helpers = Object.keys(templateEnvironment().helpers)
    .filter((h) => !internal.has(h))
    .sort();
  const partials = sources.map((s) => partialName(s.path)).filter((p): p is string => p !== null);
  const out: Diagnostic[] = [];
  for (const source of sources.filter((s) => s.own)) {
    const parsed = parseTemplate(source.text);
    if ('error' in parsed) {
      const { line, column, detail } = parsed.error;
      out.push(diagnose('RM701', source.file, { line, column }, { detail }));
      continue;
    }
    walk(source.file, parsed.ast, { helpers, partials, lines: source.text.split('\n') }, out);
  }
  return out;
}

/** Own files in templates/ that replace no built-in template (and are no new partial): RM709. */
export function unusedTemplates(
  ownPaths: readonly string[],
  builtin: readonly TemplateSource[],
): Diagnostic[] {
  const known = builtin.map((s) => s.path);
  return ownPaths
    .map((file) => ({ file, path: file.replace(/^templates\//, '') }))
    .filter(({ path }) => !known.includes(path) && !/^partials\/[^/]+\.hbs$/.test(path))
    .map(({ file, path }) =>
      diagnose(
        'RM709',
        file,
        { line: 1, column: 1 },
        {
          path,
          suggestion: suggest(path, known),
          allowed: known.join(', '),
        },
      ),
    );
}
