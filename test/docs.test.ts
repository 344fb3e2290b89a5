import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { generateDocs } from '../scripts/generateDocs.js';
import { catalogue } from '../src/diagnostics/catalogue.js';

describe('docs/fehlercodes.md (the clerks’ page of codes)', () => {
  const page = readFileSync(new URL('../docs/fehlercodes.md', import.meta.url), 'utf8');

  it('lists every code with a real example', () => {
    for (const code of Object.keys(catalogue)) {
      expect(page, code).to.include(`### ${code} `);
      if (code !== 'RM110')
        expect(page).to.match(new RegExp(`\\d+:\\d+  (fehler|warnung)  ${code}  `));
    }
  });

  it('is up to date with the catalogue and the fixture cases (npm run gen:docs)', async () => {
    expect(await generateDocs()).to.equal(page);
  });
});
