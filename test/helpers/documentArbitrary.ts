/**
 * fast-check arbitraries for document models with every block and inline kind: headings of all
 * levels (some with ids), paragraphs with strong, emphasis, links, breaks and page numbers, bullet
 * and numbered lists nested up to three deep, quotes, boxes, tables of every variant with and
 * without header, up to six body rows, one to five columns and ragged rows, and page breaks.
 *
 * The text mixes German letters, XML and template syntax, quotes and long words. Table cells are
 * kept short enough to stand on one line in the PDF (so that a row reads as one line), and the
 * longest words still fit a list item three levels deep.
 */
import fc from 'fast-check';

import type { Block, Document, HeadingLevel, Inline, TableCell } from '../../src/model/types.js';
import { sampleDocument } from './sampleDocument.js';

/** one character each (none is a surrogate pair or a combining mark) */
const LETTERS = Array.from(
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789' +
    'ÄÖÜäöüßéèçñłğşİıœ' +
    '&<>"\'„“‚‘»«§€%/–—-*_{}[]()!?.,;:@#+=$^~|\\',
);
const SPECIAL_WORDS = [
  '&amp;',
  '&lt;b&gt;',
  '<w:t>',
  ']]>',
  '{{x}}',
  '<b>fett</b>',
  "O'Brien",
  '"Zitat"',
  'Straße',
  'Schüler*innen',
  '&#x41;',
  'Effizienz',
  'Auffahrt',
  'Grundstücksverkehrsgenehmigungszuständigkeit',
];

const letters = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...LETTERS), minLength, maxLength });
const word = fc.oneof(
  { weight: 8, arbitrary: letters(1, 10) },
  { weight: 1, arbitrary: letters(20, 30) },
  { weight: 2, arbitrary: fc.constantFrom(...SPECIAL_WORDS) },
);
const words = (maxLength: number) =>
  fc.array(word, { minLength: 1, maxLength }).map((w) => w.join(' '));
const text = (value: string): Inline => ({ type: 'text', text: value });

/** link targets; `#` is replaced by a heading's id (see resolveTargets) */
const HREFS = [
  'https://www.kreis-coesfeld.de/',
  'https://example.org/suche?q=a&b=%C3%A4#teil',
  'mailto:info@example.org',
  'ftp://example.org/keine-adresse',
  '#',
];

const inline: fc.Arbitrary<Inline> = fc.oneof(
  { weight: 6, arbitrary: words(6).map((w) => text(`${w} `)) },
  { weight: 2, arbitrary: words(3).map((w): Inline => ({ type: 'strong', children: [text(w)] })) },
  {
    weight: 2,
    arbitrary: words(3).map((w): Inline => ({ type: 'emphasis', children: [text(w)] })),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(words(2), words(2)).map(([a, b]): Inline => ({
      type: 'strong',
      children: [text(`${a} `), { type: 'emphasis', children: [text(b)] }],
    })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ href: fc.constantFrom(...HREFS), label: words(3) })
      .map(({ href, label }): Inline => ({ type: 'link', href, children: [text(label)] })),
  },
  { weight: 1, arbitrary: fc.constant<Inline>({ type: 'break' }) },
  { weight: 1, arbitrary: fc.constant<Inline>({ type: 'pageref', target: '' }) },
);

const paragraph: fc.Arbitrary<Block> = fc
  .tuple(words(8), fc.array(inline, { maxLength: 5 }))
  .map(([first, rest]) => ({ type: 'paragraph', children: [text(`${first} `), ...rest] }));

const heading: fc.Arbitrary<Block> = fc
  .record({
    level: fc.constantFrom<HeadingLevel>(1, 2, 3, 4, 5),
    title: words(5),
    id: fc.boolean(),
  })
  .map(({ level, title, id }) => ({
    type: 'heading',
    level,
    children: [text(title)],
    ...(id ? { id: 'ziel' } : {}), // made unique by resolveTargets
  }));

/** a cell of at most `length` characters, some of it bold or in italics */
const cell = (length: number): fc.Arbitrary<TableCell> =>
  fc
    .record({
      value: letters(0, length),
      split: fc.nat(),
      mark: fc.constantFrom('none', 'strong', 'emphasis'),
      right: fc.boolean(),
    })
    .map(({ value, split, mark, right }) => {
      const at = split % (value.length + 1);
      const [plain, marked] = [value.slice(0, at), value.slice(at)];
      const children: Inline[] =
        mark === 'none' || marked === ''
          ? value === ''
            ? []
            : [text(value)]
          : [...(plain ? [text(plain)] : []), { type: mark, children: [text(marked)] }];
      return { children, align: right ? 'right' : 'left' };
    });

/** a table with `minRows` to six body rows (one that shows nothing stands only at the top level) */
const table = (minRows: number): fc.Arbitrary<Block> =>
  fc
    .record({
      variant: fc.constantFrom('data', 'data', 'grid', 'fields'),
      columns: fc.integer({ min: 1, max: 5 }),
      header: fc.boolean(),
      rows: fc.integer({ min: minRows, max: 6 }),
    })
    .chain(({ variant, columns, header, rows }) => {
      const row = fc
        .integer({ min: 1, max: columns })
        .chain((n) => fc.array(cell(Math.floor(34 / columns)), { minLength: n, maxLength: n }));
      const full = fc.array(cell(Math.floor(34 / columns)), {
        minLength: columns,
        maxLength: columns,
      });
      return fc.record({
        type: fc.constant('table' as const),
        variant: fc.constant(variant),
        header: header ? full : fc.constant(null),
        rows: fc.array(fc.oneof({ weight: 4, arbitrary: full }, { weight: 1, arbitrary: row }), {
          minLength: rows,
          maxLength: rows,
        }),
      });
    });

/** blocks inside a list item or quote, nested at most `depth` more levels */
function innerBlock(depth: number): fc.Arbitrary<Block> {
  if (depth === 0)
    return fc.oneof({ weight: 3, arbitrary: paragraph }, { weight: 1, arbitrary: table(1) });
  return fc.oneof(
    { weight: 4, arbitrary: paragraph },
    { weight: 2, arbitrary: list(depth - 1) },
    { weight: 1, arbitrary: table(1) },
    { weight: 1, arbitrary: quote(depth - 1) },
  );
}

function list(depth: number): fc.Arbitrary<Block> {
  const item = fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(paragraph, fc.array(innerBlock(depth), { maxLength: 2 }))
        .map(([first, rest]) => [first, ...rest]),
    },
    // an item that starts with a list (an item's number stands on the line of its first text)
    ...(depth === 0
      ? []
      : [
          {
            weight: 1,
            arbitrary: fc
              .tuple(list(depth - 1), fc.array(innerBlock(depth), { maxLength: 1 }))
              .map(([first, rest]) => [first, ...rest]),
          },
        ]),
  );
  return fc.record({
    type: fc.constant('list' as const),
    ordered: fc.boolean(),
    items: fc.array(item, { minLength: 1, maxLength: 5 }),
  });
}

function quote(depth: number): fc.Arbitrary<Block> {
  return fc
    .array(innerBlock(depth), { minLength: 1, maxLength: 3 })
    .map((children) => ({ type: 'quote', children }));
}

const box: fc.Arbitrary<Block> = fc
  .array(innerBlock(1), { minLength: 1, maxLength: 3 })
  .map((children) => ({ type: 'box', children }));

const topBlock: fc.Arbitrary<Block> = fc.oneof(
  { weight: 3, arbitrary: heading },
  { weight: 4, arbitrary: paragraph },
  { weight: 3, arbitrary: list(2) },
  { weight: 3, arbitrary: table(0) },
  { weight: 2, arbitrary: quote(2) },
  { weight: 1, arbitrary: box },
  { weight: 1, arbitrary: fc.constant<Block>({ type: 'pagebreak' }) },
);

/**
 * Gives the headings with an id unique ids and points internal links (`#`) and page numbers at
 * them in turn; without such a heading they become an external link and plain text.
 */
function resolveTargets(blocks: readonly Block[]): Block[] {
  let headings = 0;
  const ids: string[] = [];
  const named = (list: readonly Block[]): Block[] =>
    list.map((b) => {
      if (b.type !== 'heading' || b.id === undefined) return b;
      ids.push(`ziel-${String(++headings)}`);
      return { ...b, id: ids.at(-1) ?? '' };
    });
  const top = named(blocks);
  let next = 0;
  const target = (): string | undefined => ids[next++ % Math.max(1, ids.length)];
  const inlines = (list: readonly Inline[]): Inline[] =>
    list.map((i): Inline => {
      if (i.type === 'pageref') {
        const id = target();
        return id === undefined ? text('Seite') : { type: 'pageref', target: id };
      }
      if (i.type === 'link' && i.href === '#') {
        const id = target();
        return { ...i, href: id === undefined ? 'https://example.org/' : `#${id}` };
      }
      return i.type === 'text' || i.type === 'break' ? i : { ...i, children: inlines(i.children) };
    });
  const walk = (list: readonly Block[]): Block[] =>
    list.map((b): Block => {
      switch (b.type) {
        case 'heading':
        case 'paragraph':
          return { ...b, children: inlines(b.children) };
        case 'list':
          return { ...b, items: b.items.map(walk) };
        case 'quote':
        case 'box':
          return { ...b, children: walk(b.children) };
        default:
          return b;
      }
    });
  return walk(top);
}

export const documentArbitrary: fc.Arbitrary<Document> = fc
  .array(topBlock, { minLength: 1, maxLength: 12 })
  .map((blocks) => ({ meta: sampleDocument.meta, blocks: resolveTargets(blocks) }));

/** every kind the arbitrary makes, as kindsOf names them */
export const ALL_KINDS = [
  ...[1, 2, 3, 4, 5].map((level) => `heading ${String(level)}`),
  'heading with id',
  'paragraph',
  'list',
  'ordered list',
  'nested list',
  'quote',
  'box',
  'pagebreak',
  ...['data', 'grid', 'fields'].map((variant) => `table ${variant}`),
  'table with header',
  'table with 3+ rows',
  ...['text', 'strong', 'emphasis', 'link', 'break', 'pageref'].map((type) => `inline ${type}`),
].sort();

/** the kinds of blocks and inlines a document has (see ALL_KINDS) */
export function kindsOf(blocks: readonly Block[], inList = false): Set<string> {
  const kinds = new Set<string>();
  const inlines = (list: readonly Inline[]): void => {
    for (const i of list) {
      kinds.add(`inline ${i.type}`);
      if ('children' in i) inlines(i.children);
    }
  };
  const add = (more: Iterable<string>): void => {
    for (const kind of more) kinds.add(kind);
  };
  for (const b of blocks) {
    kinds.add(b.type);
    if (b.type === 'heading') {
      kinds.add(`heading ${String(b.level)}`);
      if (b.id !== undefined) kinds.add('heading with id');
    }
    if (b.type === 'heading' || b.type === 'paragraph') inlines(b.children);
    if (b.type === 'list') {
      if (b.ordered) kinds.add('ordered list');
      if (inList) kinds.add('nested list');
      for (const item of b.items) add(kindsOf(item, true));
    }
    if (b.type === 'quote' || b.type === 'box') add(kindsOf(b.children, inList));
    if (b.type === 'table') {
      kinds.add(`table ${b.variant}`);
      if (b.header !== null) kinds.add('table with header');
      if (b.rows.length >= 3) kinds.add('table with 3+ rows');
    }
  }
  return kinds;
}
