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
      'RM114 vorlagen/SV-9-1601/binogi.yaml „binogi.yaml“ ist ein Ordner, keine gewöhnliche Datei.',
    ]);
  });

  // a file or folder moved out of the content folder, a symbolic link left in its place
  const links: [string, string, string][] = [
    ['a section file', 'vorlagen/SV-9-1601/binogi.yaml', 'keine gewöhnliche Datei'],
    ['a Vorlage folder', 'vorlagen/SV-9-1600', 'kein gewöhnlicher Ordner'],
  ];
  for (const [what, path, expected] of links) {
    it(`${what} that is a symbolic link is not followed and is reported as a link`, async () => {
      const name = path.slice(path.lastIndexOf('/') + 1);
      renameSync(join(dir, path), join(dir, `original-${name}`));
      symlinkSync(join(dir, `original-${name}`), join(dir, path));
      expect(await codesOf()).to.deep.equal([
        `RM114 ${path} „${name}“ ist eine Verknüpfung (symbolischer Link), ${expected}.`,
      ]);
    });
  }

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
