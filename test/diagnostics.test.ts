import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { catalogue } from '../src/diagnostics/catalogue.js';
import { printDiagnostics } from '../src/diagnostics/print.js';
import { compareDiagnostics } from '../src/diagnostics/diagnostic.js';
import { listCases, runCase } from './helpers/diagnosticCases.js';

const update = process.env.UPDATE === '1';

interface Expected {
  readonly code: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** the German message exactly as a clerk reads it */
  readonly message: string;
  /** the German hint; absent only where the diagnostic has none */
  readonly hint?: string;
}

describe('diagnostics: one fixture per clerk mistake (test/fixtures/diagnostics)', () => {
  const cases = listCases();
  const seenCodes = new Set<string>();

  it('there are at least 40 cases', () => {
    expect(cases.length).to.be.at.least(40);
  });

  for (const c of cases) {
    it(c.name, async () => {
      const result = await runCase(c);
      const actual: Expected[] = [...result.diagnostics]
        .sort(compareDiagnostics)
        .map(({ code, file, line, column, message, hint }) => ({
          code,
          file,
          line,
          column,
          message,
          ...(hint === undefined ? {} : { hint }),
        }));
      actual.forEach((d) => seenCodes.add(d.code));
      const expectedFile = join(c.dir, 'erwartet.json');
      if (update) writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
      const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as Expected[];
      expect(expected.length, 'a case must expect at least one diagnostic').to.be.greaterThan(0);
      for (const e of expected) {
        // wording is pinned on every entry: a wrong message must fail, not pass unnoticed
        expect(e.message, `${e.code}: "message" missing in erwartet.json`).to.be.a('string');
        expect(e.message.trim(), e.code).to.not.equal('');
        if ('hint' in e) expect(e.hint, `${e.code}: "hint"`).to.be.a('string');
      }
      expect(actual).to.deep.equal(expected);
      for (const d of result.diagnostics) {
        expect(d.message, d.code).to.not.match(
          /must|should|property|instancePath|undefined|\[object/i,
        );
        expect(d.line).to.be.at.least(1);
        expect(d.column).to.be.at.least(1);
      }
      const golden = join(c.dir, 'ausgabe.txt');
      if (existsSync(golden)) {
        const printed = printDiagnostics(result.diagnostics, {
          color: false,
          texts: result.content.texts,
        });
        if (update) writeFileSync(golden, printed);
        expect(printed).to.equal(readFileSync(golden, 'utf8'));
      }
    });
  }

  it('every code of the catalogue is covered by a case', () => {
    const missing = Object.keys(catalogue).filter(
      (code) => !seenCodes.has(code) && code !== 'RM110',
    );
    expect(missing).to.deep.equal([]);
  });
});
