/** Renders a table block as a DOCX table with fixed column widths. */
import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
} from 'docx';
import type { ITableBordersOptions } from 'docx';

import type { Block, Inline, TableCell as ModelCell, TableVariant } from '../../model/types.js';
import { COLORS, STYLE } from './docxStyles.js';
import { renderInlines } from './renderInlines.js';
import type { Body, Context, RenderState } from './renderState.js';
import { shading, tableFrame, twips } from './tableFrame.js';

/** the rules of a data table, in the accent colour or grey */
function dataBorders(color: string): ITableBordersOptions {
  const rule = { style: BorderStyle.SINGLE, size: 4, color } as const;
  return {
    top: rule,
    bottom: rule,
    left: rule,
    right: rule,
    insideHorizontal: rule,
    insideVertical: rule,
  };
}

/** column widths in twips that add up to `width`, weighted by the length of the columns' texts */
function columnWidths(
  variant: TableVariant,
  rows: readonly (readonly ModelCell[])[],
  width: number,
): number[] {
  const count = Math.max(1, ...rows.map((row) => row.length));
  const weights = Array.from({ length: count }, (_, column) => {
    if (variant === 'grid') return 1;
    const longest = Math.max(
      0,
      ...rows.map((row) => inlineText(row[column]?.children ?? []).length),
    );
    if (variant === 'fields') return column === 0 ? Math.min(Math.max(longest, 12), 30) : 40;
    return Math.min(Math.max(longest, 6), 40);
  });
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const widths = weights.map((weight) => Math.floor((width * weight) / total));
  const last = widths.length - 1;
  widths[last] = (widths[last] ?? 0) + width - widths.reduce((sum, w) => sum + w, 0);
  return widths;
}

function inlineText(inlines: readonly Inline[]): string {
  return inlines
    .map((inline) =>
      inline.type === 'text'
        ? inline.text
        : 'children' in inline
          ? inlineText(inline.children)
          : ' ',
    )
    .join('');
}

/** the table, after a paragraph that takes a pending page break; nothing for an empty table */
export function renderTable(
  block: Extract<Block, { type: 'table' }>,
  state: RenderState,
  context: Context,
): Body[] {
  if (block.rows.length === 0 && !block.header) return [];
  const frame = tableFrame(state, context);
  const allRows = block.header ? [block.header, ...block.rows] : block.rows;
  const widths = columnWidths(block.variant, allRows, frame.width);
  const ruled = block.variant === 'data';
  const cell = (model: ModelCell | undefined, column: number, header: boolean): TableCell =>
    new TableCell({
      width: twips(widths[column] ?? 0),
      ...(header ? { shading: shading(COLORS.headerFill) } : {}),
      children: [
        new Paragraph({
          style: STYLE.tableText,
          ...(model?.align === 'right' ? { alignment: AlignmentType.RIGHT } : {}),
          children: renderInlines(model?.children ?? [], {
            ...(header || (block.variant === 'fields' && column === 0) ? { bold: true } : {}),
          }),
        }),
      ],
    });
  const row = (cells: readonly ModelCell[], header: boolean): TableRow =>
    new TableRow({
      cantSplit: true,
      ...(header ? { tableHeader: true } : {}),
      children: widths.map((_, column) => cell(cells[column], column, header)),
    });
  return [
    ...frame.before,
    new Table({
      ...frame.options,
      columnWidths: widths,
      borders: ruled ? dataBorders(state.look.rule) : TableBorders.NONE,
      margins: ruled
        ? { top: 40, bottom: 40, left: 100, right: 100 }
        : { top: 0, bottom: 40, left: 0, right: 170 },
      rows: [
        ...(block.header ? [row(block.header, true)] : []),
        ...block.rows.map((cells) => row(cells, false)),
      ],
    }),
  ];
}
