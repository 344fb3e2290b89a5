import { diagnose } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { templateEnvironment } from '../template/compileTemplates.js';
import { parseTemplate } from '../template/parseTemplate.js';
import { partialName, type TemplateSource } from '../template/templateSources.js';
import { nearest } from './describe.js';
import { at, literalHtml } from './literalHtml.js';

type Node = hbs.AST.Node;

/** Handlebars' own helpers that a template does not call by name. */
const internal = new Set(['helperMissing', 'blockHelperMissing']);

const candidates = (list: readonly string[]): string => list.map((n) => `„${n}“`).join(', ');

const suggest = (word: string, list: readonly string[]): string => {
  const guess = nearest(word, list);
  return guess ? `Meinten Sie „${guess}“? ` : '';
};

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
      diagnose('RM902', file, at(path.loc), {
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
        out.push(diagnose('RM906', file, at(m.loc), { expression, name }));
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
            diagnose('RM903', file, at(p.loc), {
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
      out.push(diagnose('RM901', source.file, { line, column }, { detail }));
      continue;
    }
    walk(source.file, parsed.ast, { helpers, partials, lines: source.text.split('\n') }, out);
  }
  return out;
}

/** Own files in templates/ that replace no built-in template (and are no new partial): RM909. */
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
        'RM909',
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
