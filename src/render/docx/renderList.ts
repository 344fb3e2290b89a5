/** Renders a list block as numbered DOCX paragraphs, each list a new instance of its numbering. */
import { Paragraph } from 'docx';

import type { Block } from '../../model/types.js';
import { INDENT_STEP, LIST_HANGING, listReference } from './docxStyles.js';
import { paragraphBase } from './paragraphBase.js';
import { renderInlines } from './renderInlines.js';
import type { Body, Context, RenderBlocks, RenderState } from './renderState.js';

/**
 * an item's first paragraph gets the bullet or number; its other blocks follow, indented like its
 * text (an item that does not start with a paragraph gets an empty numbered one)
 */
export function renderList(
  block: Extract<Block, { type: 'list' }>,
  state: RenderState,
  context: Context,
  renderBlocks: RenderBlocks,
): Body[] {
  const reference = listReference(block.ordered, context.listDepth);
  state.listReferences.add(reference);
  state.listInstances += 1;
  const numbering = { reference, level: 0, instance: state.listInstances } as const;
  // the item's text starts one step right of the blocks around the list, its bullet hangs left of it
  const indent = { left: context.indent + INDENT_STEP, hanging: LIST_HANGING };
  // the blocks of an item in a quote are part of the quote, like its first paragraph
  const itemContext: Context = {
    indent: indent.left,
    listDepth: context.listDepth + 1,
    quote: context.quote,
  };
  const out: Body[] = [];
  for (const item of block.items) {
    const [first, ...rest] = item;
    const base = paragraphBase(state, context);
    const inlines = first?.type === 'paragraph' ? first.children : [];
    out.push(new Paragraph({ ...base, indent, numbering, children: renderInlines(inlines, {}) }));
    out.push(...renderBlocks(first?.type === 'paragraph' ? rest : item, state, itemContext));
  }
  return out;
}
