import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readContent } from '../src/load/readContent.js';
import { expect } from 'chai';
import { checkAndCompose } from '../src/check/checkAndCompose.js';
import { checkGlyphs, defaultCoverage } from '../src/check/checkGlyphs.js';
import { parseSource } from '../src/load/parseSource.js';
import type { Document } from '../src/model/types.js';
import { renderPdf } from '../src/render/pdf/renderPdf.js';
import { caseContent, listCases } from './helpers/diagnosticCases.js';
import { normalizeSpace } from './helpers/exampleBuild.js';
import { extractPdfText } from './helpers/pdfText.js';

// Issue 10: every character is printed or reported. Scripts the PDF's fonts cover are printed
// and extract as written; the others are a warning (RM601) at the place in the file.

const source = (text: string) => {
  const parsed = parseSource({
    path: 'vorlagen/SV-9-1601/t.yaml',
    size: text.length,
    bytes: new TextEncoder().encode(text),
  });
  if (!parsed.source) throw new Error('does not parse');
  return parsed.source;
};

describe('characters the fonts cannot print', () => {
  it('prints Ukrainian, Turkish, Greek and German typography, extracting as written', async () => {
    const line = 'Українська · Türkçe şğı · Ελληνικά · „Schüler*innen“ – 1.300 € …';
    const doc: Document = {
      meta: {
        title: 'Schriften',
        author: 'ratsmappe',
        subject: 'Schriften',
        keywords: [],
        language: 'de-DE',
        footer: 'Schriften',
        date: '2020-01-01',
      },
      blocks: [{ type: 'paragraph', children: [{ type: 'text', text: line }] }],
    };
    const { text } = await extractPdfText(await renderPdf(doc));
    expect(normalizeSpace(text)).to.include(line);
    expect(checkGlyphs(source(`titel: '${line}'\n`))).to.deep.equal([]);
  });

  it('reports Arabic, Ge’ez, CJK and emoji at the first such word, naming each script', () => {
    const [d, ...rest] = checkGlyphs(
      source(
        "art: text\ntitel: Sprachen\ninhalt:\n  - 'Tigrinya: ትግርኛ, Arabisch: العربية'\n  - 中文\n  - 'Daumen 👍🏽'\n",
      ),
    );
    expect(d?.code).to.equal('RM601');
    expect(d?.severity).to.equal('warnung');
    expect([d?.line, d?.column, d?.endColumn]).to.deep.equal([4, 16, 20]);
    expect(d?.message).to.equal(
      'Diese Zeichen enthält die Schrift Roboto nicht: „ትግርኛ“, „العربية“ (äthiopische Schrift (Ge’ez), arabische Schrift). Im PDF stünden dort leere Kästchen.',
    );
    expect(rest.map((x) => [x.line, x.column])).to.deep.equal([
      [5, 5],
      [6, 13],
    ]);
    expect(rest[0]?.message).to.include('„中文“ (chinesische Schriftzeichen)');
    expect(rest[1]?.message).to.include('„👍🏽“ (Emoji');
  });

  it('knows the fonts: Latin, Cyrillic and Greek are in Roboto, Arabic and Ge’ez are not', () => {
    const fonts = defaultCoverage();
    for (const c of 'AzÄß€„–Жя’Ωλş') expect(fonts.has(c.codePointAt(0) ?? 0), c).to.equal(true);
    for (const c of 'اት中👍') expect(fonts.has(c.codePointAt(0) ?? 0), c).to.equal(false);
  });

  it('the example has no such characters; the fixture case is a warning and the build goes on', async () => {
    const rm601 = listCases().find((c) => c.name.startsWith('rm601'));
    if (!rm601) throw new Error('fixture case rm601 missing');
    const result = checkAndCompose(await caseContent(rm601));
    expect(result.diagnostics.map((x) => x.code)).to.deep.equal(['RM601']);
    expect(result.meetings.length).to.equal(1);
  });
});

describe('characters the body’s own font cannot print', () => {
  it('are reported for the own font (DejaVu Serif of the Stadt fixture), not for Roboto', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ratsmappe-glyphs-'));
    try {
      cpSync(new URL('./fixtures/stadt/', import.meta.url), dir, { recursive: true });
      const folder = join(dir, 'vorlagen', readdirSync(join(dir, 'vorlagen')).sort()[0] ?? '');
      const header = join(folder, 'vorlage.yaml');
      // Georgian: DejaVu Serif has it, Roboto has not; Arabic: neither
      const text = readFileSync(header, 'utf8').replace(
        /^betreff: (.*)$/m,
        "betreff: '$1 ქართული العربية'",
      );
      writeFileSync(header, text);
      const result = checkAndCompose(await readContent(dir));
      const found = result.diagnostics.filter((d) => d.code === 'RM601');
      expect(found.map((d) => d.message)).to.deep.equal([
        'Diese Zeichen enthält die Schrift DejaVu Serif nicht: „العربية“ (arabische Schrift). Im PDF stünden dort leere Kästchen.',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
