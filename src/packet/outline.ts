/**
 * The document outline (bookmarks) of an assembled PDF, written as pdf-lib objects (ISO
 * 32000-1 12.3.3); pdf-lib has no outline API. Each item points at a named destination.
 * Items with children are open at the top level of a short outline and closed below a TOP,
 * so that a packet of 100 Vorlagen opens with its Tagesordnung, not with 2,000 bookmarks.
 */
import {
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFString,
  type PDFDocument,
  type PDFRef,
} from 'pdf-lib';

export interface OutlineItem {
  readonly title: string;
  /** 1 = top level */
  readonly level: number;
  /** named destination */
  readonly dest: string;
}

interface Node {
  readonly item: OutlineItem | null;
  readonly children: Node[];
  ref?: PDFRef;
}

function tree(items: readonly OutlineItem[]): Node {
  const root: Node = { item: null, children: [] };
  const stack: { level: number; node: Node }[] = [{ level: 0, node: root }];
  for (const item of items) {
    while ((stack.at(-1)?.level ?? 0) >= item.level) stack.pop();
    const parent = stack.at(-1)?.node ?? root;
    const node: Node = { item, children: [] };
    parent.children.push(node);
    stack.push({ level: item.level, node });
  }
  return root;
}

/** visible descendants of an open node */
const visible = (node: Node, open: (n: Node) => boolean): number =>
  node.children.reduce((sum, c) => sum + 1 + (open(c) ? visible(c, open) : 0), 0);

/** Writes /Outlines into the catalog (nothing when there are no items). */
export function writeOutline(doc: PDFDocument, items: readonly OutlineItem[]): void {
  if (items.length === 0) return;
  const { context } = doc;
  const root = tree(items);
  const open = (n: Node): boolean => n.children.length > 0 && items.length <= 60;
  const assign = (node: Node): void => {
    node.ref = context.nextRef();
    node.children.forEach(assign);
  };
  assign(root);
  const write = (node: Node, parent: Node | null, index: number, siblings: Node[]): void => {
    const dict: Record<string, unknown> = {};
    if (node.item !== null) {
      dict.Title = PDFHexString.fromText(node.item.title);
      dict.Dest = PDFString.of(node.item.dest);
      dict.Parent = parent?.ref;
      const prev = siblings[index - 1];
      const next = siblings[index + 1];
      if (prev?.ref) dict.Prev = prev.ref;
      if (next?.ref) dict.Next = next.ref;
    } else {
      dict.Type = PDFName.of('Outlines');
    }
    const first = node.children[0];
    const last = node.children.at(-1);
    if (first?.ref && last?.ref) {
      dict.First = first.ref;
      dict.Last = last.ref;
      const count = visible(node, open);
      dict.Count = PDFNumber.of(node.item === null || open(node) ? count : -node.children.length);
    }
    if (node.ref) context.assign(node.ref, context.obj(dict as Record<string, never>));
    node.children.forEach((child, i) => {
      write(child, node, i, node.children);
    });
  };
  write(root, null, 0, []);
  if (root.ref) doc.catalog.set(PDFName.of('Outlines'), root.ref);
}
