import { expect } from 'chai';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { checkAndCompose } from '../src/build.js';
import { vorlageDocument } from '../src/template/vorlageDocument.js';
import { catalogue } from '../src/diagnostics/catalogue.js';
import { readContent, type ContentFiles, type RawFile } from '../src/load/readContent.js';
import { renderDocx } from '../src/render/docx/renderDocx.js';
import { renderPdf } from '../src/render/pdf/renderPdf.js';
import { loadTemplates } from '../src/template/loadTemplates.js';
import { extractDocxText } from './helpers/docxText.js';
import { exampleContentDir, normalizeSpace } from './helpers/exampleBuild.js';

const allFiles = (c: ContentFiles): RawFile[] => [
  ...c.meetings,
  ...[...c.vorlagen.values()].flat(),
];

function replaceFile(c: ContentFiles, path: string, text: string): ContentFiles {
  const bytes = new TextEncoder().encode(text);
  const swap = (f: RawFile): RawFile => (f.path === path ? { path, size: bytes.length, bytes } : f);
  return {
    root: c.root,
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

  it('generated text sections (any characters, every block kind) render literally to PDF and DOCX', async () => {
    const templates = await loadTemplates();
    const word = fc.stringMatching(/^[A-Za-zÄÖÜäöüß0-9*_<>&{}"'„“§€%/–-]{1,14}$/);
    const sentence = fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
    const block = fc.oneof(
      sentence,
      fc.record({ liste: fc.array(sentence, { minLength: 1, maxLength: 3 }) }),
      fc.record({ aufzaehlung: fc.array(sentence, { minLength: 1, maxLength: 3 }) }),
      fc.record({ zitat: sentence }),
      fc.record({ zwischenueberschrift: sentence }),
      fc.record({
        tabelle: fc.record({
          kopf: fc.array(word, { minLength: 2, maxLength: 2 }),
          zeilen: fc.array(fc.array(word, { minLength: 2, maxLength: 2 }), {
            minLength: 1,
            maxLength: 3,
          }),
        }),
      }),
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
          const doc = vorlageDocument(templates, vorlage);
          const [pdf, docx] = await Promise.all([renderPdf(doc), renderDocx(doc)]);
          expect(Buffer.from(pdf.subarray(0, 5)).toString()).to.equal('%PDF-');
          const text = normalizeSpace(await extractDocxText(docx));
          expect(text).to.include(normalizeSpace(titel));
          for (const b of inhalt)
            if (typeof b === 'string') expect(text).to.include(normalizeSpace(b));
        },
      ),
      { numRuns: 12, seed: Number(process.env.FC_SEED ?? 20200204) },
    );
  });
});
