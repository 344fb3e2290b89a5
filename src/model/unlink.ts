import type { Block, Inline } from './types.js';

/**
 * The document without its links to the named destinations that `keep` rejects (their text
 * stays). A Vorlage links other Vorlagen of its meeting (`#vorlage-<Nummer>`); in its own DOCX
 * those targets do not exist.
 */
export function unlinkBlocks(blocks: readonly Block[], keep: (dest: string) => boolean): Block[] {
  const inlines = (list: readonly Inline[]): Inline[] =>
    list.flatMap((i): Inline[] => {
      if (i.type === 'link') {
        const children = inlines(i.children);
        return i.href.startsWith('#') && !keep(i.href.slice(1)) ? children : [{ ...i, children }];
      }
      if (i.type === 'strong' || i.type === 'emphasis')
        return [{ ...i, children: inlines(i.children) }];
      return [i];
    });
  return mapInlines(blocks, inlines);
}

/**
 * The blocks with every inline sequence (of headings, paragraphs, table cells, also inside
 * quotes, boxes and list items) replaced by `map` of it.
 */
export function mapInlines(
  blocks: readonly Block[],
  map: (inlines: readonly Inline[]) => Inline[],
): Block[] {
  const cells = <T extends { readonly children: readonly Inline[] }>(c: T): T => ({
    ...c,
    children: map(c.children),
  });
  return blocks.map((b): Block => {
    switch (b.type) {
      case 'heading':
      case 'paragraph':
        return { ...b, children: map(b.children) };
      case 'table':
        return {
          ...b,
          header: b.header?.map(cells) ?? null,
          rows: b.rows.map((r) => r.map(cells)),
        };
      case 'quote':
      case 'box':
        return { ...b, children: mapInlines(b.children, map) };
      case 'list':
        return { ...b, items: b.items.map((item) => mapInlines(item, map)) };
      default:
        return b;
    }
  });
}

/** Internal link targets of a document. */
export function linkTargets(blocks: readonly Block[]): Set<string> {
  const found = new Set<string>();
  const inlines = (list: readonly Inline[]): void => {
    for (const i of list) {
      if (i.type === 'link' && i.href.startsWith('#')) found.add(i.href.slice(1));
      if (i.type === 'link' || i.type === 'strong' || i.type === 'emphasis') inlines(i.children);
    }
  };
  const visit = (list: readonly Block[]): void => {
    for (const b of list) {
      if (b.type === 'heading' || b.type === 'paragraph') inlines(b.children);
      else if (b.type === 'table')
        [b.header ?? [], ...b.rows].flat().forEach((c) => {
          inlines(c.children);
        });
      else if (b.type === 'quote' || b.type === 'box') visit(b.children);
      else if (b.type === 'list') b.items.forEach(visit);
    }
  };
  visit(blocks);
  return found;
}

/** Ids of the headings of a document (its named destinations). */
export function headingIdsOf(blocks: readonly Block[]): Set<string> {
  const ids = new Set<string>();
  const visit = (list: readonly Block[]): void => {
    for (const b of list) {
      if (b.type === 'heading' && b.id !== undefined) ids.add(b.id);
      else if (b.type === 'quote' || b.type === 'box') visit(b.children);
      else if (b.type === 'list') b.items.forEach(visit);
    }
  };
  visit(blocks);
  return ids;
}
