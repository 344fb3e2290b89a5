import { expect } from 'chai';
import fc from 'fast-check';
import { stringify } from 'yaml';
import type { Block, Inline, TableCell } from '../src/model/types.js';
import { checkAndCompose } from '../src/build.js';
import { vorlageDocument } from '../src/template/vorlageDocument.js';
import { catalogue } from '../src/diagnostics/catalogue.js';
import { readContent, type ContentFiles, type RawFile } from '../src/load/readContent.js';
import { renderDocx } from '../src/render/docx/renderDocx.js';
import { renderPdf } from '../src/render/pdf/renderPdf.js';
import { withoutLetterhead } from '../src/packet/packetPlan.js';
import { loadTemplates } from '../src/template/loadTemplates.js';
import { expectDocxReadsBack } from './helpers/docxExpected.js';
import { ALL_KINDS, documentArbitrary, kindsOf } from './helpers/documentArbitrary.js';
import { exampleContentDir, normalizeSpace } from './helpers/exampleBuild.js';
import { expectPdfReadsBack } from './helpers/pdfReadBack.js';
import { inlinesToPlain as plainText } from '../src/render/pdf/pdfInlines.js';

const allFiles = (c: ContentFiles): RawFile[] => [
  ...c.meetings,
  ...[...c.vorlagen.values()].flat(),
];

function replaceFile(c: ContentFiles, path: string, text: string): ContentFiles {
  const bytes = new TextEncoder().encode(text);
  const swap = (f: RawFile): RawFile => (f.path === path ? { path, size: bytes.length, bytes } : f);
  return {
    ...c,
    meetings: c.meetings.map(swap),
    vorlagen: new Map([...c.vorlagen].map(([k, files]) => [k, files.map(swap)])),
  };
}

/** Edits a clerk's keyboard could make: lose, repeat, swap or re-indent lines, change a value. */
const mutation = fc.record({
  file: fc.nat(),
  line: fc.nat(),
  op: fc.constantFrom(
    'delete',
    'duplicate',
    'swap',
    'indent',
    'dedent',
    'value',
    'insert',
    'truncate',
  ),
  text: fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom(
      '1.300',
      '17.12.2019',
      '976.377,32 €',
      '0468',
      '- ',
      ': ',
      '"',
      '\t',
      '&a',
      '*a',
      '__proto__: 1',
      '{{x}}',
      '<b>',
      '---',
      '[',
      '~',
      'null',
      'true',
    ),
  ),
});

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const i = m.line % Math.max(1, lines.length);
  const line = lines[i] ?? '';
  switch (m.op) {
    case 'delete':
      lines.splice(i, 1);
      break;
    case 'duplicate':
      lines.splice(i, 0, line);
      break;
    case 'swap':
      lines.splice(i, 2, lines[i + 1] ?? '', line);
      break;
    case 'indent':
      lines[i] = `  ${line}`;
      break;
    case 'dedent':
      lines[i] = line.replace(/^ {1,2}/, '');
      break;
    case 'value':
      lines[i] = line.includes(': ')
        ? `${line.slice(0, line.indexOf(': ') + 2)}${m.text}`
        : `${line}${m.text}`;
      break;
    case 'insert':
      lines.splice(i, 0, m.text);
      break;
    case 'truncate':
      return text.slice(0, Math.floor(((m.line % 1000) / 1000) * text.length));
  }
  return lines.join('\n');
}

type TextBlock =
  | string
  | { liste: string[] }
  | { aufzaehlung: string[] }
  | { zitat: string }
  | { zwischenueberschrift: string }
  | { tabelle: { kopf: string[]; zeilen: string[][] } };

/** the model's blocks as the clerk's text blocks they come from (for those it can tell) */
function asTextBlock(block: Block): unknown {
  const text = (inlines: readonly Inline[]): string => normalizeSpace(plainText(inlines));
  const first = (blocks: readonly Block[]): string =>
    blocks[0]?.type === 'paragraph' ? text(blocks[0].children) : '';
  switch (block.type) {
    case 'paragraph':
      return text(block.children);
    case 'list':
      return { [block.ordered ? 'aufzaehlung' : 'liste']: block.items.map(first) };
    case 'quote':
      return { zitat: first(block.children) };
    case 'heading':
      return block.level === 4 ? { zwischenueberschrift: text(block.children) } : block;
    case 'table': {
      const cells = (row: readonly TableCell[]): string[] => row.map((c) => text(c.children));
      return { tabelle: { kopf: cells(block.header ?? []), zeilen: block.rows.map(cells) } };
    }
    default:
      return block;
  }
}

/** the section's title (h3) and its blocks, each of the kind and with the text the clerk wrote */
function expectSection(
  blocks: readonly Block[],
  titel: string,
  inhalt: readonly TextBlock[],
): void {
  const start = blocks.findIndex(
    (b) =>
      b.type === 'heading' &&
      b.level === 3 &&
      normalizeSpace(plainText(b.children)) === normalizeSpace(titel),
  );
  expect(start, `heading "${titel}"`).to.be.at.least(0);
  const normalize = (value: unknown): unknown =>
    typeof value === 'string'
      ? normalizeSpace(value)
      : Array.isArray(value)
        ? value.map(normalize)
        : Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, normalize(v)]));
  expect(blocks.slice(start + 1, start + 1 + inhalt.length).map(asTextBlock)).to.deep.equal(
    inhalt.map(normalize),
  );
}

describe('property: the checker never crashes, valid documents always render', function () {
  this.timeout(300_000);
  let example: ContentFiles;
  before(async () => {
    example = await readContent(exampleContentDir);
  });

  it('random edits of the example content give diagnostics, never an exception', async () => {
    const templates = await loadTemplates();
    const files = allFiles(example);
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (edits) => {
        let content = example;
        for (const m of edits) {
          const file = files[m.file % files.length];
          if (!file?.bytes) continue;
          const current = allFiles(content).find((f) => f.path === file.path);
          const text = new TextDecoder().decode(current?.bytes ?? file.bytes);
          content = replaceFile(content, file.path, mutate(text, m));
        }
        const result = checkAndCompose(content);
        for (const d of result.diagnostics) {
          expect(Object.keys(catalogue)).to.include(d.code);
          expect(d.line).to.be.at.least(1);
          expect(d.column).to.be.at.least(1);
          expect(d.message).to.be.a('string').and.not.equal('');
          expect(d.code, d.cause ?? '').to.not.equal('RM110');
        }
        // Whatever passes the checks must make a document.
        for (const vorlage of result.meetings.flatMap((m) => m.vorlagen)) {
          expect(vorlageDocument(templates, vorlage).blocks.length).to.be.greaterThan(0);
        }
      }),
      { numRuns: 300, seed: Number(process.env.FC_SEED ?? 20200204) },
    );
  });

  it('generated text sections (any characters, every block kind) reach the model and render literally', async () => {
    const templates = await loadTemplates();
    const word = fc.stringMatching(/^[A-Za-zÄÖÜäöüß0-9*_<>&{}"'„“§€%/–-]{1,14}$/);
    const sentence = fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
    const items = fc.array(sentence, { minLength: 1, maxLength: 5 });
    const tabelle = fc.integer({ min: 1, max: 4 }).chain((columns) => {
      const row = fc.array(word, { minLength: columns, maxLength: columns });
      return fc.record({ kopf: row, zeilen: fc.array(row, { minLength: 1, maxLength: 6 }) });
    });
    const block = fc.oneof(
      sentence,
      fc.record({ liste: items }),
      fc.record({ aufzaehlung: items }),
      fc.record({ zitat: sentence }),
      fc.record({ zwischenueberschrift: sentence }),
      fc.record({ tabelle }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(block, { minLength: 1, maxLength: 6 }),
        sentence,
        async (inhalt, titel) => {
          const yaml = stringify({ art: 'text', titel, inhalt });
          const content = replaceFile(example, 'vorlagen/SV-9-1601/binogi.yaml', yaml);
          const result = checkAndCompose(content);
          expect(
            result.diagnostics.filter((d) => d.severity === 'fehler'),
            yaml,
          ).to.deep.equal([]);
          const vorlage = result.meetings[0]?.vorlagen.find((v) => v.nummer === 'SV-9-1601');
          if (!vorlage) throw new Error('SV-9-1601 missing');
          // the body text only: the letterhead (first page) is test/design.test.ts's
          const full = vorlageDocument(templates, vorlage);
          const doc = { ...full, meta: withoutLetterhead(full.meta) };
          expectSection(doc.blocks, titel, inhalt);
          const [pdf, docx] = await Promise.all([renderPdf(doc), renderDocx(doc)]);
          await expectPdfReadsBack(doc, pdf);
          await expectDocxReadsBack(doc, docx);
        },
      ),
      { numRuns: 12, seed: Number(process.env.FC_SEED ?? 20200204) },
    );
  });

  it('generated documents (every block and inline kind) read back from PDF and DOCX', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(documentArbitrary, async (doc) => {
        for (const kind of kindsOf(doc.blocks)) seen.add(kind);
        const [pdf, docx] = await Promise.all([renderPdf(doc), renderDocx(doc)]);
        await expectPdfReadsBack(doc, pdf);
        await expectDocxReadsBack(doc, docx);
      }),
      { numRuns: 60, seed: Number(process.env.FC_SEED ?? 20200204) },
    );
    // the runs did generate what the test claims to check
    expect([...seen].sort()).to.include.members(ALL_KINDS);
  });
});
