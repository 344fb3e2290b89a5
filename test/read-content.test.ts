import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { checkAndCompose } from '../src/build.js';
import { readContent } from '../src/load/readContent.js';
import { exampleContentDir } from './helpers/exampleBuild.js';

/** readContent on a real folder: what the fixture cases' keine-dateien.txt stands in for. */
describe('readContent: names that are no ordinary file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ratsmappe-lesen-'));
    cpSync(exampleContentDir, dir, { recursive: true });
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const codesOf = async (): Promise<string[]> =>
    checkAndCompose(await readContent(dir)).diagnostics.map(
      (d) => `${d.code} ${d.file} ${d.message}`,
    );

  it('a section file that is a folder is reported as a folder, not as missing', async () => {
    const section = join(dir, 'vorlagen/SV-9-1601/binogi.yaml');
    rmSync(section);
    mkdirSync(section);
    const files = await readContent(dir);
    const raw = files.vorlagen.get('SV-9-1601')?.find((f) => f.path.endsWith('/binogi.yaml'));
    expect(raw).to.deep.include({ notAFile: 'folder', bytes: null });
    expect(await codesOf()).to.deep.equal([
      'RM114 vorlagen/SV-9-1601/binogi.yaml „binogi.yaml“ ist ein Ordner, keine Datei; ratsmappe liest nur gewöhnliche Dateien.',
    ]);
  });

  it('a section file that is a symbolic link is not followed and is reported as a link', async () => {
    const section = join(dir, 'vorlagen/SV-9-1601/binogi.yaml');
    renameSync(section, join(dir, 'binogi-original.yaml'));
    symlinkSync(join(dir, 'binogi-original.yaml'), section);
    expect(await codesOf()).to.deep.equal([
      'RM114 vorlagen/SV-9-1601/binogi.yaml „binogi.yaml“ ist eine Verknüpfung (symbolischer Link), keine Datei; ratsmappe liest nur gewöhnliche Dateien.',
    ]);
  });

  it('a meeting as X.yaml and X.yml is an error, not two packets in one folder', async () => {
    const meeting = join(dir, 'sitzungen/2020-02-04-integrationsausschuss');
    cpSync(`${meeting}.yaml`, `${meeting}.yml`);
    const result = checkAndCompose(await readContent(dir));
    expect(result.meetings).to.deep.equal([]);
    expect(result.diagnostics.map((d) => [d.code, d.file])).to.deep.equal([
      ['RM113', 'sitzungen/2020-02-04-integrationsausschuss.yml'],
    ]);
  });
});
