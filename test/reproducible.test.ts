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

describe('rendering does not depend on what the thread rendered before', function () {
  this.timeout(120_000);

  it('gives a Vorlage the same bytes in a fresh process and after other Vorlagen', async () => {
    const { spawnSync } = await import('node:child_process');
    const { createHash } = await import('node:crypto');
    const { checkAndCompose } = await import('../src/build.js');
    const { readContent } = await import('../src/load/readContent.js');
    const { loadTemplates } = await import('../src/template/loadTemplates.js');
    const { vorlageDocument } = await import('../src/template/vorlageDocument.js');
    const { renderVorlagePdf } = await import('../src/render/renderVorlage.js');
    const { exampleContentDir } = await import('./helpers/exampleBuild.js');
    const { extractPdfText } = await import('./helpers/pdfText.js');
    const script = `
      import { checkAndCompose } from './src/build.js';
      import { readContent } from './src/load/readContent.js';
      import { loadTemplates } from './src/template/loadTemplates.js';
      import { vorlageDocument } from './src/template/vorlageDocument.js';
      import { renderVorlagePdf } from './src/render/renderVorlage.js';
      import { createHash } from 'node:crypto';
      const meeting = checkAndCompose(await readContent(${JSON.stringify(exampleContentDir)})).meetings[0];
      const templates = await loadTemplates();
      const links = meeting.vorlagen.map((v) => v.nummer);
      const doc = vorlageDocument(templates, meeting.vorlagen[0], links);
      const { pdf } = await renderVorlagePdf(doc);
      process.stdout.write(createHash('sha256').update(pdf).digest('hex'));
    `;
    const fresh = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        encoding: 'utf8',
        cwd: new URL('..', import.meta.url).pathname,
      },
    );
    expect(fresh.status, fresh.stderr).to.equal(0);
    const meeting = checkAndCompose(await readContent(exampleContentDir)).meetings[0];
    if (meeting === undefined) throw new Error('no meeting');
    const templates = await loadTemplates();
    const links = meeting.vorlagen.map((v) => v.nummer);
    const [first, ...others] = meeting.vorlagen;
    if (first === undefined) throw new Error('no Vorlage');
    // first what a render thread does before: the warm-up (a probe document and packet, whose
    // embedded subsets once left glyphs without characters in the shared font: a full stop
    // lost from the text layer) and other Vorlagen
    const { run } = await import('../src/render/renderWorker.js');
    await run({ kind: 'warmup' });
    for (const other of others) await renderVorlagePdf(vorlageDocument(templates, other, links));
    const { pdf } = await renderVorlagePdf(vorlageDocument(templates, first, links));
    expect(createHash('sha256').update(pdf).digest('hex')).to.equal(fresh.stdout);
    // and every character is in the text layer (ToUnicode), full stops included
    expect((await extractPdfText(pdf)).text).to.include('berichtet.');
  });
});
