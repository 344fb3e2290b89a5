/** The page of every ratsmappe PDF: A4 portrait, DIN 5008 margins (left 25 mm, right 20 mm). */
export const MM = 72 / 25.4;
export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;
export const MARGIN = { left: 25 * MM, top: 20 * MM, right: 20 * MM, bottom: 25 * MM } as const;
export const TEXT_WIDTH = PAGE_WIDTH - MARGIN.left - MARGIN.right;
