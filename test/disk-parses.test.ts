/**
 * A new process takes the parses of unchanged files from the cache folder
 * (src/load/diskParses.ts). A stored parse must give exactly what a fresh check gives, also the
 * positions of diagnostics in a stored file (its syntax tree is parsed when one is needed), a
 * changed file is parsed anew, and a damaged store is no store.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { checkAndCompose } from '../src/check/checkAndCompose.js';
import { deserialize } from 'node:v8';
import { schemaHash } from '../src/check/validateSchema.js';
import { DiskParses } from '../src/load/diskParses.js';
import { readContent } from '../src/load/readContent.js';
import { exampleContentDir } from './helpers/exampleBuild.js';

describe('parses kept on disk between builds (a new process)', function () {
  this.timeout(60_000);
  let root: string;
  let dir: string;
  let cache: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ratsmappe-parses-'));
    dir = join(root, 'content');
    cache = join(root, 'cache');
    cpSync(exampleContentDir, dir, { recursive: true });
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  /** a check as a new process runs it: the store opened, used, saved */
  async function checkWithStore(tool = 'tool-1') {
    const store = await DiskParses.open(cache, dir, tool);
    const result = checkAndCompose(await readContent(dir), store);
    await store.save();
    return result;
  }

  /** the check with the store equals a fresh one: meetings and diagnostics */
  async function expectSameAsFresh(tool?: string) {
    const stored = await checkWithStore(tool);
    const fresh = checkAndCompose(await readContent(dir));
    expect(JSON.stringify(stored.meetings)).to.equal(JSON.stringify(fresh.meetings));
    expect(stored.diagnostics).to.deep.equal(fresh.diagnostics);
    return stored;
  }

  const write = (file: string, change: (text: string) => string): void => {
    const path = join(dir, ...file.split('/'));
    writeFileSync(path, change(readFileSync(path, 'utf8')));
  };

  it('gives an unchanged file its stored value, and parses a changed one again', async () => {
    await expectSameAsFresh();
    write('vorlagen/SV-9-1601/sprachmittlerpool.yaml', (t) =>
      t.replace(/anzahl: 30\b/, 'anzahl: 31'),
    );
    const second = await expectSameAsFresh();
    const section = second.content.vorlagen
      .get('SV-9-1601')
      ?.sections.get('sprachmittlerpool.yaml');
    expect(JSON.stringify(section?.value)).to.include('"anzahl":31');
    expect(Object.isFrozen(section?.value)).to.equal(true);
    // from the store: its syntax tree is parsed only on demand (a getter); the changed file's
    // parse is a fresh one (a plain property)
    const header = second.content.vorlagen.get('SV-9-1601')?.header;
    const lazy = (source: object | null | undefined) =>
      source ? Object.getOwnPropertyDescriptor(source, 'doc')?.get !== undefined : undefined;
    expect(lazy(header), 'vorlage.yaml from the store').to.equal(true);
    expect(lazy(section), 'the changed file parsed').to.equal(false);
    expect(header?.doc.get('nummer')).to.equal('SV-9-1601');
  });

  it('keeps a stored file’s warnings, and points a new fault into it at the right place', async () => {
    // a warning of the parse itself (yamlTraps.ts: 350.000 read as 350)
    write('vorlagen/SV-9-1601/sprachmittlerpool.yaml', (t) =>
      t.replace(/anzahl: 30\b/, 'anzahl: 30.000'),
    );
    const first = await expectSameAsFresh();
    expect(first.diagnostics.map((d) => d.code)).to.include('RM201');
    const again = await expectSameAsFresh();
    expect(again.diagnostics.map((d) => d.code)).to.include('RM201');
    // SV-9-1601 mentions SV-9-1600 in its text: without that Vorlage, the mention in the
    // stored (unchanged) file is a fault, at its line and column
    rmSync(join(dir, 'vorlagen', 'SV-9-1600'), { recursive: true });
    write('sitzungen/2020-02-04-integrationsausschuss.yaml', (t) =>
      t.replace(/\n {4}vorlage: SV-9-1600/, ''),
    );
    const broken = await expectSameAsFresh();
    const mention = broken.diagnostics.find((d) => d.code === 'RM506');
    expect(mention?.file).to.match(/^vorlagen\/SV-9-1601\//);
    expect(mention?.line).to.be.greaterThan(1);
  });

  it('is no store when it is damaged or of another tool', async () => {
    await expectSameAsFresh();
    const [file] = readdirSync(join(cache, 'parses'));
    if (file === undefined) throw new Error('no store written');
    writeFileSync(join(cache, 'parses', file), 'kaputt');
    await expectSameAsFresh();
    // another tool version keys its own store
    await expectSameAsFresh('tool-2');
    expect(readdirSync(join(cache, 'parses')).filter((f) => f.endsWith('.v8'))).to.have.length(2);
  });

  it('`ratsmappe check` keeps them too, and reports a fault in a stored file at its place', () => {
    const bin = fileURLToPath(new URL('../bin/ratsmappe.js', import.meta.url));
    const check = (cacheDir: string) =>
      spawnSync(process.execPath, [bin, 'check', dir], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', RATSMAPPE_CACHE: cacheDir },
      });
    const first = check(cache);
    expect(first.stdout).to.contain('Keine Fehler gefunden.');
    expect(readdirSync(join(cache, 'parses')).filter((f) => f.endsWith('.v8'))).to.have.length(1);
    // the meeting file stays as stored; the Vorlage it puts on the agenda is gone
    rmSync(join(dir, 'vorlagen', 'SV-9-1600'), { recursive: true });
    const stored = check(cache);
    const fresh = check('aus');
    expect(stored.status).to.equal(1);
    expect(stored.stdout).to.match(/sitzungen\/2020-02-04-integrationsausschuss\.yaml:\d+:\d+/);
    expect(stored.stdout).to.contain('SV-9-1600');
    expect(stored.stdout).to.equal(fresh.stdout);
  });

  /** the checks the store keeps as passed, by file */
  const passedIn = (): Map<string, readonly string[]> => {
    const [file] = readdirSync(join(cache, 'parses')).filter((f) => f.endsWith('.v8'));
    if (file === undefined) throw new Error('no store written');
    const stored = deserialize(readFileSync(join(cache, 'parses', file))) as Map<
      string,
      { value: { nummer?: string }; passed?: readonly string[] }
    >;
    return new Map([...stored.values()].map((s) => [JSON.stringify(s.value), s.passed ?? []]));
  };

  it('keeps the checks a file passed, under the schemas’ digest, and no check that found a fault', async () => {
    await expectSameAsFresh();
    const passed = [...passedIn().values()];
    expect(passed.filter((p) => p.includes(`schema:vorlage:${schemaHash()}`))).to.have.length(2);
    expect(passed.every((p) => p.some((c) => c.startsWith('zeichen:')))).to.equal(true);
    // a fault in a section: found again at every build, at its place, and kept as no pass
    write('vorlagen/SV-9-1601/sprachmittlerpool.yaml', (t) =>
      t.replace(/anzahl: 30\b/, 'anzahl: dreißig'),
    );
    for (let build = 0; build < 2; build++) {
      const faulty = await expectSameAsFresh();
      const fault = faulty.diagnostics.find((d) => d.file.endsWith('sprachmittlerpool.yaml'));
      expect(fault?.severity, `build ${String(build)}`).to.equal('fehler');
      expect(fault?.line).to.be.greaterThan(1);
    }
    const [faultyPassed] = [...passedIn()].filter(([value]) => value.includes('dreißig'));
    expect(faultyPassed?.[1].filter((c) => c.startsWith('schema:'))).to.deep.equal([]);
  });

  it('checks the characters of an unchanged file again when the body’s font changed', async () => {
    rmSync(dir, { recursive: true, force: true });
    cpSync(new URL('./fixtures/stadt/', import.meta.url), dir, { recursive: true });
    const folder = readdirSync(join(dir, 'vorlagen')).sort()[0] ?? '';
    // Georgian: the Stadt's own font (DejaVu Serif) has it, Roboto has not
    write(`vorlagen/${folder}/vorlage.yaml`, (t) =>
      t.replace(/^betreff: (.*)$/m, "betreff: '$1 ქართული'"),
    );
    const ownFont = await expectSameAsFresh();
    expect(ownFont.diagnostics.filter((d) => d.code === 'RM601')).to.deep.equal([]);
    // the same vorlage.yaml with Roboto: its Georgian is reported
    write('koerperschaft.yaml', (t) => t.replace(/\n {2}schrift:\n(?: {4}.*\n)+/, '\n'));
    const roboto = await expectSameAsFresh();
    const found = roboto.diagnostics.filter((d) => d.code === 'RM601');
    expect(found.map((d) => d.file)).to.deep.equal([`vorlagen/${folder}/vorlage.yaml`]);
    expect(found[0]?.message).to.include('Roboto');
  });
});
