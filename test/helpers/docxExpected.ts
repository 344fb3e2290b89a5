/**
 * What the DOCX of a document model must read back as (see docxBody.ts), worked out from the model
 * alone: every heading with its level and bookmark, every paragraph with its runs, every list item
 * numbered in its own list, every table row and cell, a page break where the model has one.
 *
 * Indents are counted in steps (quotes and list levels each one step to the right); the blocks in
 * a box start at the left of the box again.
 */
import type { Block, Document, Inline, TableCell } from '../../src/model/types.js';
import { INDENT_STEP } from '../../src/render/docx/docxStyles.js';
import { expect } from 'chai';

import {
  docxHeadingOutlineLevels,
  pushRun,
  readDocxBody,
  type DocxBlock,
  type DocxRun,
} from './docxBody.js';

interface Format {
  readonly bold?: true;
  readonly italics?: true;
  readonly link?: string;
}

const EXTERNAL = /^(https?:|mailto:)/i;

/** the runs of inlines, adjacent ones in the same format joined */
export function expectedRuns(inlines: readonly Inline[], format: Format = {}): DocxRun[] {
  const runs: DocxRun[] = [];
  const add = (run: DocxRun): void => {
    pushRun(runs, run);
  };
  const walk = (list: readonly Inline[], f: Format): void => {
    for (const inline of list) {
      if (inline.type === 'text') add({ ...f, text: inline.text });
      else if (inline.type === 'break') add({ ...f, text: '\n' });
      else if (inline.type === 'pageref') add({ text: '', field: `PAGEREF ${inline.target}` });
      else if (inline.type === 'strong') walk(inline.children, { ...f, bold: true });
      else if (inline.type === 'emphasis') walk(inline.children, { ...f, italics: true });
      else if (f.link !== undefined || !(inline.href.startsWith('#') || EXTERNAL.test(inline.href)))
        walk(inline.children, f); // a link in a link, or to no valid address: plain text
      else walk(inline.children, { ...f, link: inline.href });
    }
  };
  walk(inlines, format);
  return runs;
}

interface State {
  lists: number;
  pageBreak: boolean;
}

interface Where {
  /** indent steps */
  readonly steps: number;
  readonly quote: boolean;
}

const quoteFlag = (where: Where) => (where.quote ? { quote: true as const } : {});

function takePageBreak(state: State): DocxBlock[] {
  const pending = state.pageBreak;
  state.pageBreak = false;
  return pending ? [{ kind: 'pagebreak' }] : [];
}

function expectedCell(cell: TableCell | undefined, bold: boolean): DocxBlock[] {
  const runs = expectedRuns(cell?.children ?? [], bold ? { bold: true } : {});
  if (runs.every((r) => r.text === '' && r.field === undefined)) return [];
  return [
    { kind: 'paragraph', ...(cell?.align === 'right' ? { right: true } : {}), indent: 0, runs },
  ];
}

function expectedTable(block: Extract<Block, { type: 'table' }>, steps: number): DocxBlock[] {
  const rows = block.header ? [block.header, ...block.rows] : block.rows;
  if (rows.length === 0) return [];
  const columns = Math.max(1, ...rows.map((r) => r.length));
  const header = block.header !== null;
  return [
    {
      kind: 'table',
      indent: steps * INDENT_STEP,
      rows: rows.map((cells, r) => ({
        header: header && r === 0,
        cells: Array.from({ length: columns }, (_, c) =>
          expectedCell(cells[c], (header && r === 0) || (block.variant === 'fields' && c === 0)),
        ),
      })),
    },
  ];
}

function expectedBlocks(blocks: readonly Block[], state: State, where: Where): DocxBlock[] {
  return blocks.flatMap((block): DocxBlock[] => {
    const indent = where.steps * INDENT_STEP;
    switch (block.type) {
      case 'heading':
        return [
          ...takePageBreak(state),
          {
            kind: 'heading',
            level: block.level,
            ...(block.id === undefined ? {} : { id: block.id }),
            runs: expectedRuns(block.children),
          },
        ];
      case 'paragraph':
        return [
          ...takePageBreak(state),
          { kind: 'paragraph', ...quoteFlag(where), indent, runs: expectedRuns(block.children) },
        ];
      case 'list': {
        const list = state.lists++;
        const inner: Where = { steps: where.steps + 1, quote: where.quote };
        return block.items.flatMap(([first, ...rest]) => {
          const runs = first?.type === 'paragraph' ? expectedRuns(first.children) : [];
          const item: DocxBlock = {
            kind: 'item',
            ordered: block.ordered,
            list,
            ...quoteFlag(where),
            indent: inner.steps * INDENT_STEP,
            runs,
          };
          const others = first?.type === 'paragraph' ? rest : [first, ...rest];
          return [
            ...takePageBreak(state),
            item,
            ...expectedBlocks(
              others.filter((b) => b !== undefined),
              state,
              inner,
            ),
          ];
        });
      }
      case 'quote':
        return expectedBlocks(block.children, state, { steps: where.steps + 1, quote: true });
      case 'box': {
        const before = takePageBreak(state);
        const cell = expectedBlocks(block.children, state, { steps: 0, quote: false });
        return [...before, { kind: 'table', indent, rows: [{ header: false, cells: [cell] }] }];
      }
      case 'table': {
        const table = expectedTable(block, where.steps);
        return table.length === 0 ? [] : [...takePageBreak(state), ...table];
      }
      case 'pagebreak':
        state.pageBreak = true;
        return [];
      // documentArbitrary generates none; the example content has a chart (renderFigure.ts);
      // a paragraph with a picture only reads as none
      case 'chart':
        return [
          ...takePageBreak(state),
          {
            kind: 'paragraph',
            ...quoteFlag(where),
            indent,
            runs: [{ text: block.title, bold: true }],
          },
        ];
      case 'image':
        return [
          ...takePageBreak(state),
          // the picture's paragraph has no text and reads as none
          ...(block.caption === undefined
            ? []
            : [
                {
                  kind: 'paragraph' as const,
                  indent: 0,
                  runs: [{ text: block.caption, italics: true as const }],
                },
              ]),
        ];
    }
  });
}

/** what readDocxBody must give for the document */
export function expectedDocxBody(doc: Document): DocxBlock[] {
  return expectedBlocks(doc.blocks, { lists: 0, pageBreak: false }, { steps: 0, quote: false });
}

const show = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value));

/** where two read-backs first differ (a path like `[3].rows[2].cells[0]`), with both values */
function firstDifference(actual: unknown, expected: unknown, path = ''): string | undefined {
  if (typeof actual !== 'object' || typeof expected !== 'object' || !actual || !expected)
    return actual === expected ? undefined : `${path}: ${show(actual)}, expected ${show(expected)}`;
  const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
  for (const key of keys) {
    const step = Array.isArray(expected) ? `[${key}]` : `.${key}`;
    const found = firstDifference(
      (actual as Record<string, unknown>)[key],
      (expected as Record<string, unknown>)[key],
      `${path}${step}`,
    );
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Checks the DOCX of `doc` against the model: its body as expectedDocxBody says, and the heading
 * styles with their outline levels. Fails with the first place where they differ.
 */
export async function expectDocxReadsBack(doc: Document, docx: Uint8Array): Promise<void> {
  const difference = firstDifference(await readDocxBody(docx), expectedDocxBody(doc));
  if (difference !== undefined)
    expect.fail(`the DOCX body differs from the model at ${difference}`);
  const outline = await docxHeadingOutlineLevels(docx);
  for (const level of [1, 2, 3, 4, 5])
    expect(
      outline.get(`Heading${String(level)}`),
      `outline level of heading ${String(level)}`,
    ).to.equal(level - 1);
}
