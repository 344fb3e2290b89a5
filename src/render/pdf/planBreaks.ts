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
 * from the same start. A decision is only taken where a later node of the window starts on a
 * later page: the rules look at the node, the rest of its page and the next page.
 *
 * The planned breaks are then set on the document, which is laid out once more with the
 * callback in place: if the plan missed a break, pdfmake still adds it (correct, only slower).
 */
import pdfmake from 'pdfmake';
import type { Content, Node, NodeQueries, TDocumentDefinitions } from 'pdfmake/interfaces.js';

type Rule = (node: Node, queries: NodeQueries) => boolean;

/** Documents with fewer top-level nodes (a Vorlage of some pages) are left to pdfmake's own passes: for them the few extra passes cost less than the windows (measured). */
const MIN_NODES = 250;
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
  // layout only: no page furniture, no PDF/A set-up, no metadata
  delete rest.footer;
  delete rest.header;
  delete rest.subset;
  delete rest.info;
  const created = pdfmake.createPdf(
    {
      ...rest,
      content: [{ text: '' }, ...nodes],
      pageBreakBefore: record,
      maxPagesNumber: 1, // render one page only (0 means all)
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
    // the rules look at the node, the rest of its page and whether the next page has content:
    // known once a later node starts on a later page
    const decided = (s: Seen): boolean => reachesEnd || s.page < lastPage;
    const firstBreak = seen.find((s) => s.breaks && s.index > from);
    if (firstBreak !== undefined && decided(firstBreak)) {
      const node = content[firstBreak.index] as { pageBreak?: string };
      node.pageBreak = 'before';
      planned++;
      size = WINDOW;
      from = firstBreak.index;
      continue;
    }
    if (reachesEnd) break;
    // no decided break yet: a longer window from the same break (a page that merely begins
    // with a node lays it out differently from one after a break, so only breaks are restart
    // points); long enough for the page after the break found, or twice as long
    const perPage = (to - from) / Math.max(1, lastPage - 1);
    size =
      firstBreak === undefined
        ? 2 * size
        : Math.max(size + 1, firstBreak.index - from + Math.ceil(3 * perPage));
  }
  return planned;
}
