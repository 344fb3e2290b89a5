/**
 * What the block renderers of the DOCX renderer share: the elements they return, the state of the
 * whole document and the context the blocks sit in.
 */
import type { Paragraph, Table } from 'docx';

import type { Block } from '../../model/types.js';
import type { ChartStyle } from '../chart/chartStyle.js';
import { docxLook, type DocxLook } from './docxStyles.js';

/** what the body of a document, a box or a list item is made of */
export type Body = Paragraph | Table;

/** state shared by the whole document while its blocks are rendered */
export interface RenderState {
  /** list instances handed out so far; each list gets the next one, so it starts anew */
  listInstances: number;
  /** numbering definitions (by reference) the document's lists use */
  readonly listReferences: Set<string>;
  /** a pagebreak block was seen and the next paragraph has to start a new page */
  pageBreakPending: boolean;
  /** the last block was a table: the next paragraph keeps some distance from it */
  afterTable: boolean;
  /** the design's font and colours */
  readonly look: DocxLook;
  /** what charts and SVG pictures are drawn with (the document's font and accent colour) */
  chart?: ChartStyle;
}

/** where the blocks being rendered sit */
export interface Context {
  /** left indent of the blocks, from quotes and list items */
  readonly indent: number;
  /** nesting depth of lists around the blocks */
  readonly listDepth: number;
  readonly quote: boolean;
}

/** renders blocks; lists and boxes get it passed in to render the blocks inside them */
export type RenderBlocks = (
  blocks: readonly Block[],
  state: RenderState,
  context: Context,
) => Body[];

/** the context of the document's own blocks and of the blocks inside a box */
export const TOP_LEVEL: Context = { indent: 0, listDepth: 0, quote: false };

/** the state at the start of a document */
export function createRenderState(look: DocxLook = docxLook(undefined)): RenderState {
  return {
    look,
    listInstances: 0,
    listReferences: new Set(),
    pageBreakPending: false,
    afterTable: false,
  };
}
