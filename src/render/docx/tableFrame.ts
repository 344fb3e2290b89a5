/**
 * What tables and boxes share: they fill the text column right of the blocks' indent, with a fixed
 * layout, and as a table cannot start a new page itself, a small paragraph before it takes a pending
 * page break.
 */
import { Paragraph, ShadingType, TableLayoutType, WidthType } from 'docx';
import type { IShadingAttributesProperties, ITableOptions, ITableWidthProperties } from 'docx';

import { STYLE, TEXT_WIDTH } from './docxStyles.js';
import { paragraphBase } from './paragraphBase.js';
import type { Body, Context, RenderState } from './renderState.js';

export interface TableFrame {
  /** the paragraph that takes a pending page break, if there is one */
  readonly before: readonly Body[];
  /** width of the table in twips */
  readonly width: number;
  /** the table's width, layout and indent */
  readonly options: Pick<ITableOptions, 'width' | 'layout' | 'indent'>;
}

/** a width in twips */
export const twips = (size: number): ITableWidthProperties => ({ size, type: WidthType.DXA });

/** a plain background colour for a table cell */
export const shading = (fill: string): IShadingAttributesProperties => ({
  fill,
  type: ShadingType.CLEAR,
  color: 'auto',
});

/** call before the table's contents are rendered: it takes the pending page break from the state */
export function tableFrame(state: RenderState, context: Context): TableFrame {
  const before = state.pageBreakPending
    ? [new Paragraph({ ...paragraphBase(state, context), style: STYLE.tableText })]
    : [];
  const width = TEXT_WIDTH - context.indent;
  return {
    before,
    width,
    options: {
      width: twips(width),
      layout: TableLayoutType.FIXED,
      ...(context.indent > 0 ? { indent: twips(context.indent) } : {}),
    },
  };
}
