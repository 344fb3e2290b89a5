/**
 * The keep-together page breaks of a long document, found in linear time.
 *
 * pdfmake's `pageBreakBefore` callback lays the whole document out again after every break it
 * adds (LayoutBuilder.layoutDocument), so a document with b breaks and p pages costs b × p page
 * layouts: a 240-page text section took minutes. But a break only depends on what comes before
 * it, and a node that starts at the top of a page is laid out the same whether the pages before
 * it exist or not. So the breaks are planned window by window: a few pages from a node at the
 * top of a page are laid out (layout only, nothing rendered, the callback only records), the
 * first node where the rules ask for a break becomes a break — it now starts a page, and the
 * next window starts there, after a page break as in the document. A window with no break grows
 * (doubles) from the same start. A decision is only taken where the window holds the page after
 * the node, which the rules look at.
 *
 * The planned breaks are then set on the document, which is laid out once more with the
 * callback in place: if the plan missed a break, pdfmake still adds it (correct, only slower).
 */
import pdfmake from 'pdfmake';
import type { Content, Node, NodeQueries, TDocumentDefinitions } from 'pdfmake/interfaces.js';

type Rule = (node: Node, queries: NodeQueries) => boolean;

/** Documents with fewer top-level nodes are left to pdfmake's own passes. */
const MIN_NODES = 40;
/** top-level nodes in a first window (about three pages of running text) */
const WINDOW = 24;
const MARKER = 'rm-plan-';

/** Copies plain data (objects, arrays), keeps functions and other values as they are. */
function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clone) as T;
  if (
    value !== null &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = clone(v);
    return out as T;
  }
  return value;
}

interface Seen {
  readonly index: number;
  readonly page: number;
  readonly breaks: boolean;
}

async function layoutWindow(
  definition: TDocumentDefinitions,
  content: readonly Content[],
  from: number,
  to: number,
  rule: Rule,
): Promise<Seen[]> {
  const seen: Seen[] = [];
  const nodes = content.slice(from, to).map((node, i) => {
    const copy = clone(node) as Content & { id?: string; pageBreak?: unknown };
    if (typeof copy === 'object' && !Array.isArray(copy)) {
      copy.id = `${MARKER}${String(from + i)}`;
      // the window's first node follows a page break, as it does in the document (pdfmake
      // lays a node out differently at the top of the first page: with its top margin)
      if (i === 0) copy.pageBreak = 'before';
    }
    return copy;
  });
  const record: Rule = (node, queries) => {
    const id = (node as Node & { id?: unknown }).id;
    if (typeof id === 'string' && id.startsWith(MARKER)) {
      seen.push({
        index: Number(id.slice(MARKER.length)),
        page: node.pageNumbers[0] ?? 0,
        breaks: rule(node, queries),
      });
    }
    return false; // record only: every node is asked once, in one layout pass
  };
  const rest: TDocumentDefinitions = { ...definition };
  delete rest.footer;
  delete rest.header;
  const created = pdfmake.createPdf(
    {
      ...rest,
      content: [{ text: '' }, ...nodes],
      pageBreakBefore: record,
      maxPagesNumber: 0,
    } as TDocumentDefinitions,
    {},
  );
  const kit = await created.getStream();
  kit.end();
  return seen.sort((a, b) => a.index - b.index);
}

/**
 * Sets `pageBreak: 'before'` on the top-level nodes where the rule breaks; returns how many.
 * `content` is the definition's top-level array (modified in place).
 */
export async function planBreaks(
  definition: TDocumentDefinitions & { content: Content[] },
  rule: Rule,
): Promise<number> {
  const { content } = definition;
  if (content.length < MIN_NODES) return 0;
  let planned = 0;
  let from = 0;
  let size = WINDOW;
  while (from < content.length) {
    const to = Math.min(content.length, from + size);
    const seen = await layoutWindow(definition, content, from, to, rule);
    const reachesEnd = to === content.length;
    const lastPage = Math.max(0, ...seen.map((s) => s.page));
    const decided = (s: Seen): boolean => reachesEnd || s.page <= lastPage - 2;
    const firstBreak = seen.find((s) => s.breaks && s.index > from);
    if (firstBreak !== undefined && decided(firstBreak)) {
      const node = content[firstBreak.index] as { pageBreak?: string };
      node.pageBreak = 'before';
      planned++;
      from = firstBreak.index;
      size = WINDOW;
      continue;
    }
    if (reachesEnd) break;
    // no break yet: a longer window from the same break (a page that merely begins with a
    // node lays it out differently from one after a break, so only breaks are restart points)
    size *= 2;
  }
  return planned;
}
