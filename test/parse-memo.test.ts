/**
 * build --watch and the preview keep the parses of unchanged files for the next build
 * (src/load/parseMemo.ts). The kept parse must give exactly what a fresh check gives, a
 * changed or deleted file must never be answered from the memo, and no stage may write into
 * a parsed value (they are frozen).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { checkAndCompose } from '../src/check/checkAndCompose.js';
import { ParseMemo } from '../src/load/parseMemo.js';
import { readContent } from '../src/load/readContent.js';
import { exampleContentDir } from './helpers/exampleBuild.js';

describe('parses kept between builds (build --watch, vorschau)', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ratsmappe-memo-'));
    cpSync(exampleContentDir, dir, { recursive: true });
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** the check with the memo equals a fresh one: meetings and diagnostics */
  async function expectSameAsFresh(memo: ParseMemo) {
    const files = await readContent(dir);
    const kept = checkAndCompose(files, memo);
    const fresh = checkAndCompose(await readContent(dir));
    expect(JSON.stringify(kept.meetings)).to.equal(JSON.stringify(fresh.meetings));
    expect(kept.diagnostics).to.deep.equal(fresh.diagnostics);
    return kept;
  }

  it('answers an unchanged file from the memo, a changed one by parsing it again', async () => {
    const memo = new ParseMemo();
    const first = await expectSameAsFresh(memo);
    const file = 'vorlagen/SV-9-1601/sprachmittlerpool.yaml';
    const before = first.content.vorlagen.get('SV-9-1601')?.sections.get('sprachmittlerpool.yaml');
    const header = first.content.vorlagen.get('SV-9-1601')?.header;
    const path = join(dir, ...file.split('/'));
    writeFileSync(path, readFileSync(path, 'utf8').replace(/anzahl: 30\b/, 'anzahl: 31'));
    const second = await expectSameAsFresh(memo);
    const after = second.content.vorlagen.get('SV-9-1601')?.sections.get('sprachmittlerpool.yaml');
    expect(after, 'parsed again').to.not.equal(before);
    expect(JSON.stringify(after?.value)).to.include('31');
    expect(second.content.vorlagen.get('SV-9-1601')?.header, 'kept').to.equal(header);
  });

  it('forgets a deleted file, and gives back neither a fault nor its repair from before', async () => {
    const memo = new ParseMemo();
    await expectSameAsFresh(memo);
    const kept = memo.size;
    rmSync(join(dir, 'vorlagen', 'SV-9-1600', 'netzwerk.yaml'));
    await expectSameAsFresh(memo);
    expect(memo.size).to.equal(kept - 1);
    // a fault in a file, then the file as it was: the memo gives back neither stale state
    const path = join(dir, 'vorlagen', 'SV-9-1601', 'binogi.yaml');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, `${text}\nart: text\n`); // a duplicate key
    const faulty = await expectSameAsFresh(memo);
    expect(faulty.diagnostics.map((d) => d.code)).to.include('RM103');
    writeFileSync(path, text);
    const repaired = await expectSameAsFresh(memo);
    expect(repaired.diagnostics.map((d) => d.code)).to.not.include('RM103');
  });

  it('freezes what a file says: a stage that wrote into it would fail at once', async () => {
    const { content } = checkAndCompose(await readContent(dir));
    const section = content.vorlagen.get('SV-9-1601')?.sections.get('sprachmittlerpool.yaml');
    const value = section?.value as Record<string, unknown>;
    expect(Object.isFrozen(value)).to.equal(true);
    expect(() => {
      value.titel = 'anders';
    }).to.throw(TypeError);
  });
});
