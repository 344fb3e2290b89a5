import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'chai';
import { copyOfExample, ratsmappe } from './helpers/cli.js';

const hashes = (root: string): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else
        out[relative(root, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(root);
  return out;
};

describe('reproducible builds', function () {
  this.timeout(180_000);

  it('the same content gives byte-identical files whatever the time zone and locale', () => {
    const dir = copyOfExample();
    try {
      const a = ratsmappe(['build', 'content', '--out', 'a', '--quiet'], {
        cwd: dir,
        env: { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' },
      });
      const b = ratsmappe(['build', 'content', '--out', 'b', '--quiet'], {
        cwd: dir,
        env: { TZ: 'Pacific/Kiritimati', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
      });
      expect(a.status, a.stderr).to.equal(0);
      expect(b.status, b.stderr).to.equal(0);
      const first = hashes(join(dir, 'a'));
      expect(Object.keys(first).length).to.equal(8);
      expect(hashes(join(dir, 'b'))).to.deep.equal(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('dates inside the files', function () {
  this.timeout(180_000);

  it('come from the content, or from SOURCE_DATE_EPOCH when it is set', async () => {
    const { pdfInfo } = await import('./helpers/pdfText.js');
    const { docxXml } = await import('./helpers/docxText.js');
    const dir = copyOfExample();
    try {
      const plain = ratsmappe(['build', 'content', '--out', 'a', '--quiet'], { cwd: dir });
      const epoch = ratsmappe(['build', 'content', '--out', 'b', '--quiet'], {
        cwd: dir,
        env: { SOURCE_DATE_EPOCH: '1700000000' },
      });
      expect(plain.status, plain.stderr).to.equal(0);
      expect(epoch.status, epoch.stderr).to.equal(0);
      const folder = (out: string) =>
        join(dir, out, '2020-02-04-integrationsausschuss', 'oeffentlich');
      const created = async (out: string, name: string) =>
        (await pdfInfo(readFileSync(join(folder(out), name)))).info.CreationDate;
      expect(await created('a', 'SV-9-1601.pdf')).to.match(/^D:20200122/);
      expect(await created('a', 'sitzungsmappe.pdf')).to.match(/^D:20200204/);
      expect(await created('b', 'SV-9-1601.pdf')).to.match(/^D:20231114/);
      const core = async (out: string) =>
        (await docxXml(readFileSync(join(folder(out), 'SV-9-1601.docx'))))['docProps/core.xml'] ??
        '';
      expect(await core('a')).to.include('2020-01-22T00:00:00Z');
      expect(await core('b')).to.include('2023-11-14T00:00:00Z');
      const bad = ratsmappe(['build', 'content', '--out', 'c'], {
        cwd: dir,
        env: { SOURCE_DATE_EPOCH: 'gestern' },
      });
      expect(bad.status).to.equal(2);
      expect(bad.stderr).to.include('SOURCE_DATE_EPOCH muss eine Anzahl Sekunden seit 1970 sein');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
