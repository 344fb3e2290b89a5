/** Renders a box block (e.g. the Beschlussvorschlag) as a framed, shaded one-cell DOCX table. */
import { BorderStyle, Paragraph, Table, TableCell, TableRow } from 'docx';

import type { Block } from '../../model/types.js';
import { COLORS, STYLE } from './docxStyles.js';
import { TOP_LEVEL } from './renderState.js';
import type { Body, Context, RenderBlocks, RenderState } from './renderState.js';
import { shading, tableFrame, twips } from './tableFrame.js';

/** the box, after a paragraph that takes a pending page break; its blocks start at the left */
export function renderBox(
  children: readonly Block[],
  state: RenderState,
  context: Context,
  renderBlocks: RenderBlocks,
): Body[] {
  const border = { style: BorderStyle.SINGLE, size: 8, color: state.look.boxBorder } as const;
  const frame = tableFrame(state, context);
  const inner = renderBlocks(children, state, TOP_LEVEL);
  // a table cell has to end with a paragraph
  if (!(inner.at(-1) instanceof Paragraph)) inner.push(new Paragraph({ style: STYLE.tableText }));
  return [
    ...frame.before,
    new Table({
      ...frame.options,
      columnWidths: [frame.width],
      borders: { top: border, bottom: border, left: border, right: border },
      margins: { top: 120, bottom: 0, left: 170, right: 170 },
      rows: [
        new TableRow({
          children: [
            new TableCell({
              width: twips(frame.width),
              shading: shading(COLORS.boxFill),
              children: inner,
            }),
          ],
        }),
      ],
    }),
  ];
}
