import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { generateTypes } from '../scripts/generateTypes.js';
import { checkAndCompose } from '../src/build.js';
import { schemaFiles } from '../src/check/schemaFiles.js';
import { readContent } from '../src/load/readContent.js';
import { exampleContentDir } from './helpers/exampleBuild.js';

const schema = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../schemas/${file}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;

/** Every property schema below a node, with its path. */
function* properties(node: unknown, path: string): Generator<[string, Record<string, unknown>]> {
  if (Array.isArray(node)) {
    for (const [i, n] of node.entries()) yield* properties(n, `${path}/${i}`);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key === 'properties' && value !== null && typeof value === 'object') {
      for (const [name, prop] of Object.entries(value as Record<string, unknown>))
        yield [`${path}/${name}`, prop as Record<string, unknown>];
    }
    yield* properties(value, `${path}/${key}`);
  }
}

describe('schemas', () => {
  it('are JSON Schema 2020-12 with an $id', () => {
    for (const file of schemaFiles) {
      const s = schema(file);
      expect(s.$schema, file).to.equal('https://json-schema.org/draft/2020-12/schema');
      expect(s.$id, file).to.match(new RegExp(`/${file.replace('.', '\\.')}$`));
    }
  });

  it('give every field a German title and description', () => {
    for (const file of schemaFiles) {
      const s = schema(file);
      const defs = Object.entries((s.$defs ?? {}) as Record<string, Record<string, unknown>>);
      const fields = [...properties(s, file)]
        // a bare reference takes title and description from the referenced definition
        .filter(
          ([path, prop]) =>
            !path.includes('/if/') && !(typeof prop.$ref === 'string' && prop.title === undefined),
        );
      for (const [path, prop] of [
        ...fields,
        ...defs.map(([k, d]) => [`${file}#${k}`, d] as const),
      ]) {
        expect(prop.title ?? '', `${path} title`)
          .to.be.a('string')
          .and.not.equal('');
        expect(prop.description ?? '', `${path} description`).to.match(/[a-zäöüß]{3}/);
      }
    }
  });

  it('the TypeScript types are generated from them and up to date (npm run gen:types)', async () => {
    const committed = readFileSync(new URL('../src/types/content.ts', import.meta.url), 'utf8');
    expect(await generateTypes()).to.equal(committed);
  });

  it('accept the example content without any diagnostic', async () => {
    const result = checkAndCompose(await readContent(exampleContentDir));
    expect(result.diagnostics).to.deep.equal([]);
    expect(result.meetings).to.have.length(1);
    expect(result.meetings[0]?.vorlagen.map((v) => v.nummer)).to.deep.equal([
      'SV-9-1600',
      'SV-9-1601',
    ]);
  });
});
