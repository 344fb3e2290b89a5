/** The options every body paragraph of the DOCX renderer starts from. */
import type { IParagraphOptions } from 'docx';

import { STYLE } from './docxStyles.js';
import type { Context, RenderState } from './renderState.js';

/** space between a table and the paragraph after it, in twips */
const TABLE_GAP = 160;

/**
 * paragraph options every body paragraph gets: indentation, a pending page break, and some space
 * after a table (headings have their own)
 */
export function paragraphBase(
  state: RenderState,
  context: Context,
  heading = false,
): IParagraphOptions {
  const pageBreakBefore = state.pageBreakPending;
  const afterTable = state.afterTable && !heading && !pageBreakBefore;
  state.pageBreakPending = false;
  state.afterTable = false;
  return {
    ...(pageBreakBefore ? { pageBreakBefore: true } : {}),
    ...(afterTable ? { spacing: { before: TABLE_GAP } } : {}),
    ...(context.quote ? { style: STYLE.quote } : {}),
    ...(context.indent > 0 ? { indent: { left: context.indent } } : {}),
  };
}
