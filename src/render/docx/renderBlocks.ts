/** Renders blocks as the paragraphs and tables of a DOCX body. */
import { Bookmark, Paragraph, Table } from 'docx';

import type { Block } from '../../model/types.js';
import { INDENT_STEP, STYLE } from './docxStyles.js';
import { paragraphBase } from './paragraphBase.js';
import { renderBox } from './renderBox.js';
import { renderFigure } from './renderFigure.js';
import { renderInlines } from './renderInlines.js';
import { renderList } from './renderList.js';
import type { Body, Context, RenderState } from './renderState.js';
import { renderTable } from './renderTable.js';

export function renderBlocks(
  blocks: readonly Block[],
  state: RenderState,
  context: Context,
): Body[] {
  const out: Body[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'heading': {
        const runs = renderInlines(block.children, {});
        out.push(
          new Paragraph({
            ...paragraphBase(state, context, true),
            style: `Heading${block.level}`,
            children:
              block.id === undefined ? runs : [new Bookmark({ id: block.id, children: runs })],
          }),
        );
        break;
      }
      case 'paragraph':
        out.push(
          new Paragraph({
            ...paragraphBase(state, context),
            children: renderInlines(block.children, {}),
          }),
        );
        break;
      case 'list':
        out.push(...renderList(block, state, context, renderBlocks));
        break;
      case 'table':
        out.push(...renderTable(block, state, context));
        state.afterTable = true;
        break;
      case 'quote':
        out.push(
          ...renderBlocks(block.children, state, {
            ...context,
            indent: context.indent + INDENT_STEP,
            quote: true,
          }),
        );
        break;
      case 'box':
        out.push(...renderBox(block.children, state, context, renderBlocks));
        state.afterTable = true;
        break;
      case 'pagebreak':
        state.pageBreakPending = true;
        break;
      case 'chart':
      case 'image':
        out.push(...renderFigure(block, state, context));
        break;
    }
  }
  return separateTables(out);
}

/** Word joins tables that follow each other into one, so a small paragraph goes between them */
function separateTables(elements: readonly Body[]): Body[] {
  return elements.flatMap((element, index) =>
    element instanceof Table && elements[index - 1] instanceof Table
      ? [new Paragraph({ style: STYLE.tableText }), element]
      : [element],
  );
}
