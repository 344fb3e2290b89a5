/**
 * The keep-together rules (renderPdf.ts, keepTogether) checked on every page of a Sitzungsmappe
 * of 100 generated Vorlagen (bench/generateMeeting.ts), in both packets and in each Vorlage's own
 * PDF, from the text lines pdf.js reads back with their positions and fonts (helpers/pdfLines.ts).
 *
 * How a page is read (measured on these PDFs: body lines 11 pt Roboto-Regular 13.28 pt apart,
 * 7 pt more between paragraphs; left margin 70.87 pt; all positions from the top of the page):
 * - page furniture, not content: the footer (below 790 pt) and the packet's TOP line (above 56 pt);
 * - heading line: every run in the bold face (Roboto-Medium, -MediumItalic) at the left margin
 *   without column gaps, at 12 pt or more (h1–h3), or at 11 pt (h4, h5) unless it directly
 *   continues a paragraph line above it (13.28 pt above). A paragraph that is bold throughout
 *   (the Vorlage's "Beratungsfolge", the cover's Körperschaft) counts as a heading here: it looks
 *   like one;
 * - body line: 11 pt at the left margin without a gap wider than 5.5 pt between two runs (such
 *   gaps are table columns: fields and grid tables start at the margin too);
 * - everything else (tables with their padding, the framed box, quotes, list items, which are
 *   indented) is content, but no paragraph;
 * - a paragraph on a page: consecutive body lines exactly one line pitch apart. Whether the first
 *   line of a page continues the paragraph at the bottom of the page before is read from the
 *   document model: the two lines (white space removed) must stand one after the other in one
 *   top-level paragraph of the documents the PDF was made from (positions alone cannot tell a
 *   paragraph that ends in a full line from one that goes on).
 *
 * Rules checked on every page:
 * 1. no heading at the bottom of a page: the last content line of a page is not a heading line
 *    (so every heading is followed on its page by at least one line that is not a heading);
 * 2. no orphan: a paragraph that goes on on the next page leaves at least two lines on this page;
 * 3. a paragraph of up to 4 lines (as laid out) is not split across pages.
 * Not checked: widows (one line at the top of the next page is allowed by the rules); headings
 * inside boxes, quotes and lists (they take no part in the rules); lines of lists, quotes, boxes
 * and tables as paragraphs (tables keep their rows and header rows by pdfmake's own means); a
 * paragraph whose first line on the next page is bold throughout (read as a heading, so such a
 * split would be missed, never reported wrongly); paragraphs running over three pages (long).
 *
 * Also: each packet is its cover, the Vorlagen in agenda order (the members' packet: the
 * separator page between the public and the non-public part), with as many pages as these have;
 * the Tagesordnung names the page each Vorlage starts on; every page says "Seite x von y" with
 * the right numbers; every page of a Vorlage in a packet has, apart from footer and TOP line, the
 * same lines at the same places as that page of the Vorlage's own PDF.
 *
 * The 100 copies are laid out alike, so one Vorlage (SV-9-2001) is also checked in 45 other
 * layouts (0 to 44 one-line paragraphs before its "Begründung" move the page ends onto other
 * lines). The same layouts rendered without the rules (buildPdfDefinition with keepTogether
 * false: no callback, no unbreakable short paragraphs or heading groups, as in
 * render-pdf.test.ts) must break each of the three rules: the check bites.
 *
 * Rule 3 counts the lines as laid out; the renderer decides by an estimate (pdfBlocks.ts: up to
 * 4 lines of 80 characters), so a paragraph that the estimate takes for 5 lines but that is laid
 * out in 4 may be split, and is reported.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { generateMeeting } from '../bench/generateMeeting.js';
import type { MeetingOutput } from '../src/build.js';
import type { ComposedMeeting } from '../src/compose/compose.js';
import type { Block, Document } from '../src/model/types.js';
import { packetPlan, type Fassung } from '../src/packet/packetDocument.js';
import type { PacketPlan } from '../src/packet/packetPlan.js';
import { pageLabel } from '../src/render/pdf/pageFurniture.js';
import { inlinesToPlain } from '../src/render/pdf/pdfInlines.js';
import { buildPdfDefinition, renderPdf, renderPdfDefinition } from '../src/render/pdf/renderPdf.js';
import { loadTemplates, type Templates } from '../src/template/loadTemplates.js';
import { vorlageDocument } from '../src/template/vorlageDocument.js';
import { buildContent } from './helpers/exampleBuild.js';
import { extractPdfLines, type PdfLine, type PdfPageLines } from './helpers/pdfLines.js';

const VORLAGEN = 100;
/** how many other layouts of one Vorlage are checked (and laid out without the rules) */
const LAYOUTS = 45;
/** left margin (25 mm) */
const LEFT = 70.87;
const BODY_SIZE = 11;
/** distance of two body lines (11 pt × Roboto's 1.172 × lineHeight 1.03), measured: 13.28 */
const PITCH = 13.28;
/** the TOP line of the packet stands above this, the footer below FOOTER_TOP (pt from the top) */
const HEADER_BOTTOM = 56;
const FOOTER_TOP = 790;

const near = (a: number, b: number, tolerance: number): boolean => Math.abs(a - b) <= tolerance;
const isFurniture = (line: PdfLine): boolean => line.top < HEADER_BOTTOM || line.top > FOOTER_TOP;
const squash = (text: string): string => text.normalize('NFKC').replace(/[\s\u00ad]+/g, '');

type Kind = 'heading' | 'body' | 'other';

interface ContentLine {
  readonly line: PdfLine;
  readonly kind: Kind;
}

/** The content lines of a page (furniture left out), each as heading, body text or other. */
function classify(page: PdfPageLines): ContentLine[] {
  const out: ContentLine[] = [];
  for (const line of page.lines) {
    if (isFurniture(line)) continue;
    const prev = out.at(-1);
    const atMargin = near(line.x, LEFT, 0.5) && line.widestGap < 5.5;
    const continuesBody =
      prev?.kind === 'body' && near(line.top - prev.line.top, PITCH, 0.6) && line.size <= 11.1;
    const continuesHeading =
      prev?.kind === 'heading' &&
      near(prev.line.size, line.size, 0.1) &&
      line.top - prev.line.top < 1.3 * line.size;
    let kind: Kind = 'other';
    if (atMargin && line.bold && (line.size > 11.5 || continuesHeading || !continuesBody)) {
      kind = 'heading';
    } else if (atMargin && near(line.size, BODY_SIZE, 0.1)) {
      kind = 'body';
    }
    out.push({ line, kind });
  }
  return out;
}

/** Top-level paragraph texts (white space removed) of the documents a PDF was made from. */
class Paragraphs {
  private readonly text: string;
  constructor(blocks: readonly Block[]) {
    const texts = new Set<string>();
    for (const block of blocks) {
      if (block.type === 'paragraph') texts.add(squash(inlinesToPlain(block.children)));
    }
    this.text = [...texts].join('\u0000');
  }
  /** whether the line is text of a paragraph */
  has(line: string): boolean {
    return this.text.includes(squash(line));
  }
  /** whether `next` follows `line` within one paragraph */
  continues(line: string, next: string): boolean {
    return this.text.includes(squash(line) + squash(next));
  }
}

type Rule = 'Überschrift allein am Seitenende' | 'Schusterjunge' | 'kurzer Absatz geteilt';

interface Violation {
  readonly pdf: string;
  /** 1-based */
  readonly page: number;
  readonly rule: Rule;
  readonly lines: readonly string[];
  /** a split paragraph: its lines at the top of the next page */
  readonly next?: readonly string[];
}

const quoted = (lines: readonly string[]): string => lines.map((l) => `„${l}“`).join(' / ');
const describeViolation = (v: Violation): string =>
  `${v.pdf} S. ${String(v.page)}: ${v.rule}: ${quoted(v.lines)}` +
  (v.next === undefined ? '' : ` ‖ S. ${String(v.page + 1)}: ${quoted(v.next)}`);

/** The paragraph at the bottom (or top) of a page: consecutive body lines one pitch apart. */
function run(lines: readonly ContentLine[], fromEnd: boolean): PdfLine[] {
  const ordered = fromEnd ? [...lines].reverse() : [...lines];
  const out: PdfLine[] = [];
  for (const { line, kind } of ordered) {
    const prev = out.at(-1);
    if (kind !== 'body' || (prev !== undefined && !near(Math.abs(line.top - prev.top), PITCH, 0.6)))
      break;
    out.push(line);
  }
  return fromEnd ? out.reverse() : out;
}

interface Checked {
  readonly violations: Violation[];
  /** body lines not found in any paragraph of the model (the reading is off if there are any) */
  readonly unknownLines: string[];
  /** page breaks inside a paragraph */
  readonly splits: number;
}

/** Rules 1–3 on every page of a PDF (page i is checked against page i + 1). */
function checkPages(pdf: string, pages: readonly PdfPageLines[], paragraphs: Paragraphs): Checked {
  const violations: Violation[] = [];
  const unknownLines: string[] = [];
  let splits = 0;
  const classified = pages.map(classify);
  classified.forEach((lines, i) => {
    const page = i + 1;
    for (const { line, kind } of lines) {
      if (kind === 'body' && !paragraphs.has(line.text))
        unknownLines.push(`${pdf} S. ${String(page)}: ${line.text}`);
    }
    const last = lines.at(-1);
    if (last?.kind === 'heading') {
      const headings = lines.slice(lines.findLastIndex((l) => l.kind !== 'heading') + 1);
      violations.push({
        pdf,
        page,
        rule: 'Überschrift allein am Seitenende',
        lines: headings.map((l) => l.line.text),
      });
    }
    const bottom = run(lines, true);
    const top = run(classified[i + 1] ?? [], false);
    const [end, start] = [bottom.at(-1), top[0]];
    if (end === undefined || start === undefined || !paragraphs.continues(end.text, start.text))
      return;
    splits++;
    const split = { pdf, page, lines: bottom.map((l) => l.text), next: top.map((l) => l.text) };
    if (bottom.length < 2) violations.push({ ...split, rule: 'Schusterjunge' });
    if (bottom.length + top.length <= 4)
      violations.push({ ...split, rule: 'kurzer Absatz geteilt' });
  });
  return { violations, unknownLines, splits };
}

/** The text of a page without its furniture, line by line with the line's position. */
const bodyOf = (page: PdfPageLines | undefined): string[] =>
  (page?.lines ?? [])
    .filter((l) => !isFurniture(l))
    .map((l) => `${l.top.toFixed(2)} ${l.x.toFixed(2)} ${l.text}`);

const furnitureOf = (page: PdfPageLines | undefined, header: boolean): string =>
  (page?.lines ?? [])
    .filter((l) => (header ? l.top < HEADER_BOTTOM : l.top > FOOTER_TOP))
    .map((l) => l.text)
    .join(' ');

const fileOf = (output: MeetingOutput, name: string): Uint8Array => {
  const found = output.artifacts.find((a) => a.name === name);
  if (found === undefined) throw new Error(`${name} missing`);
  return found.bytes;
};

/**
 * The document with one-line paragraphs before its heading "Begründung" (as a longer
 * Beschlussvorschlag would stand there): each moves the rest down by 20.28 pt, so that the page
 * ends fall on other lines.
 */
function shifted(doc: Document, fillers: number): Document {
  const at = doc.blocks.findIndex(
    (b) => b.type === 'heading' && inlinesToPlain(b.children) === 'Begründung',
  );
  if (at < 0) throw new Error('no heading Begründung');
  const filler = (i: number): Block => ({
    type: 'paragraph',
    children: [{ type: 'text', text: `Füllabsatz ${String(i + 1)}.` }],
  });
  return {
    ...doc,
    blocks: [
      ...doc.blocks.slice(0, at),
      ...Array.from({ length: fillers }, (_, i) => filler(i)),
      ...doc.blocks.slice(at),
    ],
  };
}

describe('keep-together rules on every page of a Sitzungsmappe of 100 Vorlagen', function () {
  this.timeout(600_000);
  let dir: string;
  let templates: Templates;
  let meeting: ComposedMeeting;
  let output: MeetingOutput;
  /** every Vorlage: its number, model, own PDF's lines */
  let vorlagen: { nummer: string; doc: Document; pdf: string; pages: PdfPageLines[] }[];
  const packets = new Map<Fassung, { pdf: string; plan: PacketPlan; pages: PdfPageLines[] }>();

  before(async function () {
    dir = await mkdtemp(join(tmpdir(), 'ratsmappe-keep-together-'));
    await generateMeeting(dir, VORLAGEN);
    const [built] = await buildContent(dir);
    if (built === undefined) throw new Error('no meeting');
    output = built;
    meeting = built.meeting;
    templates = await loadTemplates();
    const linkziele = meeting.vorlagen.map((v) => v.nummer);
    vorlagen = [];
    for (const v of meeting.vorlagen) {
      const pdf = `${v.kopf.oeffentlich ? 'oeffentlich' : 'nichtoeffentlich'}/${v.nummer}.pdf`;
      vorlagen.push({
        nummer: v.nummer,
        doc: vorlageDocument(templates, v, linkziele),
        pdf,
        pages: await extractPdfLines(fileOf(output, pdf)),
      });
    }
    for (const [fassung, pdf] of [
      ['oeffentlich', 'oeffentlich/sitzungsmappe.pdf'],
      ['mitglieder', 'nichtoeffentlich/sitzungsmappe-mitglieder.pdf'],
    ] as const) {
      packets.set(fassung, {
        pdf,
        plan: packetPlan(templates, meeting, fassung),
        pages: await extractPdfLines(fileOf(output, pdf)),
      });
    }
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const vorlage = (nummer: string) => {
    const found = vorlagen.find((v) => v.nummer === nummer);
    if (found === undefined) throw new Error(`no Vorlage ${nummer}`);
    return found;
  };

  const packet = (fassung: Fassung) => {
    const found = packets.get(fassung);
    if (found === undefined) throw new Error(`no packet ${fassung}`);
    return found;
  };

  /** the blocks of everything a packet is made of */
  const packetBlocks = (fassung: Fassung): Block[] => {
    const { plan } = packet(fassung);
    return [
      ...plan.cover,
      ...(plan.separator?.blocks ?? []),
      ...[...plan.publicTops, ...plan.internalTops].flatMap((t) => vorlage(t.nummer).doc.blocks),
    ];
  };

  const expectClean = (checked: Checked[]): void => {
    const unknown = checked.flatMap((c) => c.unknownLines);
    expect(unknown, 'body lines that are in no paragraph of the model').to.deep.equal([]);
    expect(checked.flatMap((c) => c.violations).map(describeViolation)).to.deep.equal([]);
    // the documents do break inside paragraphs, so rules 2 and 3 were put to the test
    expect(checked.reduce((n, c) => n + c.splits, 0)).to.be.greaterThan(0);
  };

  it('builds 101 Vorlagen (the example SV-9-1600 and 100 copies of SV-9-1601)', () => {
    expect(vorlagen).to.have.length(VORLAGEN + 1);
    expect(vorlagen.filter((v) => v.pdf.startsWith('nichtoeffentlich/'))).to.have.length(10);
  });

  it('keeps the rules on every page of every Vorlage PDF', () => {
    expectClean(vorlagen.map((v) => checkPages(v.pdf, v.pages, new Paragraphs(v.doc.blocks))));
  });

  for (const fassung of ['oeffentlich', 'mitglieder'] as const) {
    it(`keeps the rules on every page of the packet (${fassung})`, () => {
      const { pdf, pages } = packet(fassung);
      expectClean([checkPages(pdf, pages, new Paragraphs(packetBlocks(fassung)))]);
    });

    it(`is cover, Vorlagen (and separator) with their pages, numbered, each page as in the Vorlage's PDF (${fassung})`, () => {
      const { pdf, plan, pages } = packet(fassung);
      const tops = [...plan.publicTops, ...plan.internalTops];
      expect(tops.length).to.equal(fassung === 'mitglieder' ? VORLAGEN + 1 : VORLAGEN + 1 - 10);
      // "Seite x von y" on every page
      pages.forEach((page, i) => {
        expect(furnitureOf(page, false), `${pdf} S. ${String(i + 1)}`).to.equal(
          `${plan.meta.footer} ${pageLabel(i + 1, pages.length)}`,
        );
      });
      // the cover: the pages before the first TOP line
      const coverPages = pages.findIndex((p) => furnitureOf(p, true) !== '');
      expect(coverPages).to.be.within(1, 10);
      expect(bodyOf(pages[0]).join('\n')).to.include('Tagesordnung');
      const separatorPages = plan.separator === null ? 0 : 1;
      const own = tops.map((t) => vorlage(t.nummer).pages.length);
      expect(pages.length, 'page count').to.equal(
        coverPages + own.reduce((a, b) => a + b, 0) + separatorPages,
      );
      // each Vorlage where expected, page by page as in its own PDF, with its TOP line
      const starts = new Map<string, number>();
      let next = coverPages; // 0-based
      tops.forEach((top, k) => {
        if (k === plan.publicTops.length && separatorPages > 0) {
          const separator = pages[next];
          expect(furnitureOf(separator, true), 'separator without TOP line').to.equal('');
          expect(bodyOf(separator).join('\n')).to.include('Nichtöffentlicher Teil');
          next += separatorPages;
        }
        const { pages: ownPages, pdf: ownPdf } = vorlage(top.nummer);
        starts.set(top.nummer, next + 1);
        ownPages.forEach((ownPage, i) => {
          const at = `${pdf} S. ${String(next + i + 1)} = ${ownPdf} S. ${String(i + 1)}`;
          expect(furnitureOf(pages[next + i], true), at).to.equal(
            i === 0 ? top.title : top.running,
          );
          expect(bodyOf(pages[next + i]), at).to.deep.equal(bodyOf(ownPage));
        });
        next += ownPages.length;
      });
      // the Tagesordnung's page column: "<TOP> <Betreff> <Vorlage> <Seite>"
      const listed = new Map<string, number>();
      for (const page of pages.slice(0, coverPages)) {
        for (const line of bodyOf(page)) {
          const m = / (SV-\d+-\d+) (\d+)$/.exec(line);
          if (m?.[1] !== undefined && m[2] !== undefined) listed.set(m[1], Number(m[2]));
        }
      }
      expect(listed).to.deep.equal(starts);
    });
  }

  it("shows every Vorlage PDF's pages numbered 'Seite x von y'", () => {
    for (const v of vorlagen) {
      v.pages.forEach((page, i) => {
        expect(furnitureOf(page, false), `${v.pdf} S. ${String(i + 1)}`).to.equal(
          `${v.doc.meta.footer} ${pageLabel(i + 1, v.pages.length)}`,
        );
      });
    }
  });

  /**
   * Other layouts of one Vorlage (SV-9-2001 with 0 … LAYOUTS - 1 filler paragraphs before
   * "Begründung"), each checked as laid out with the rules and without them.
   */
  let layouts: Promise<{ kept: Checked[]; plain: Violation[] }> | undefined;
  const otherLayouts = () =>
    (layouts ??= (async () => {
      const doc = vorlage('SV-9-2001').doc;
      const kept: Checked[] = [];
      const plain: Violation[] = [];
      for (let fillers = 0; fillers < LAYOUTS; fillers++) {
        const variant = shifted(doc, fillers);
        const paragraphs = new Paragraphs(variant.blocks);
        const name = `SV-9-2001 + ${String(fillers)} Füllabsätze`;
        kept.push(checkPages(name, await extractPdfLines(await renderPdf(variant)), paragraphs));
        const { definition, outline } = buildPdfDefinition(variant, { keepTogether: false });
        const bytes = await renderPdfDefinition(definition, outline, { footer: doc.meta.footer });
        plain.push(...checkPages(name, await extractPdfLines(bytes), paragraphs).violations);
      }
      return { kept, plain };
    })());

  it(`keeps the rules in ${String(LAYOUTS)} other layouts of a Vorlage (filler paragraphs before "Begründung")`, async () => {
    expectClean((await otherLayouts()).kept);
  });

  it('bites: the same layouts without the rules (no callback, no unbreakable groups) break each of the rules', async () => {
    const { plain } = await otherLayouts();
    const rules = new Set(plain.map((v) => v.rule));
    expect([...rules].sort(), plain.map(describeViolation).join('\n')).to.deep.equal([
      'Schusterjunge',
      'kurzer Absatz geteilt',
      'Überschrift allein am Seitenende',
    ]);
  });
});
