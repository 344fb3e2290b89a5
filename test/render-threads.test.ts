/**
 * The render threads' heap limit (src/render/renderer.ts): a task that runs out of memory in
 * its thread is rendered again in the main thread, so a limit that keeps a large meeting's
 * memory low never costs a build. Tried with a limit far too small for any Vorlage.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { packetsOneAfterTheOther } from '../src/build.js';
import { exampleContentDir } from './helpers/exampleBuild.js';
import { extractPdfText } from './helpers/pdfText.js';

const bin = fileURLToPath(new URL('../bin/ratsmappe.js', import.meta.url));

function build(out: string, env: Record<string, string>) {
  return spawnSync(process.execPath, [bin, 'build', exampleContentDir, '--out', out, '--quiet'], {
    encoding: 'utf8',
    env: { ...process.env, ...env, RATSMAPPE_CACHE: `${out}-cache` },
  });
}

const filesOf = (dir: string): Map<string, string> =>
  new Map(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => {
        const path = join(e.parentPath, e.name);
        return [path.slice(dir.length), readFileSync(path).toString('base64')];
      }),
  );

describe('render threads: a task out of memory in its thread', function () {
  this.timeout(300_000);
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'ratsmappe-threads-'));
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
  });

  let expected: Map<string, string>;
  before(() => {
    const normal = join(root, 'normal');
    const first = build(normal, {});
    expect(first.status, first.stderr).to.equal(0);
    expected = filesOf(normal);
    expect(expected.size).to.be.greaterThan(5);
  });

  // 4 MB: no thread can even load the render stack (piscina settles none of its tasks);
  // 40 MB: the threads load, the Vorlage's PDF and DOCX do not fit (measured on Node 20)
  for (const mb of ['4', '40']) {
    it(`is rendered in the main thread: the same files as with room enough (limit ${mb} MB)`, async () => {
      const tight = join(root, `tight-${mb}`);
      const run = build(tight, { RATSMAPPE_THREAD_HEAP_MB: mb });
      expect(run.stderr).to.equal('');
      expect(run.status).to.equal(0);
      expect(filesOf(tight)).to.deep.equal(expected);
      const packet = readFileSync(
        join(tight, '2020-02-04-integrationsausschuss', 'oeffentlich', 'sitzungsmappe.pdf'),
      );
      expect((await extractPdfText(packet)).text).to.include('Sprachmittler');
    });
  }
});

describe('the two packets one after the other, for memory (build.ts)', () => {
  const parts = (count: number, pages: number, anlagePages: number[] = []) =>
    Array.from({ length: count }, () => ({
      pages,
      anlagen: anlagePages.map((p, i) => ({
        nummer: i + 1,
        pdf: new Uint8Array(),
        pages: p,
        pdfa: true,
      })),
    }));

  it('at once for 100 Vorlagen of 10 pages (2,000 packet pages), as measured', () => {
    expect(packetsOneAfterTheOther(parts(100, 10), 100)).to.equal(false);
  });

  it('one after the other above 3,000 packet pages, Anlagen counted', () => {
    // 100 × (10 + 5) pages in each of the two packets: exactly 3,000, still at once
    expect(packetsOneAfterTheOther(parts(100, 10, [5]), 100)).to.equal(false);
    // one more Anlage page: above the limit
    const more = parts(100, 10, [5]);
    more.push({ pages: 0, anlagen: [{ nummer: 1, pdf: new Uint8Array(), pages: 1, pdfa: true }] });
    expect(packetsOneAfterTheOther(more, 101)).to.equal(true);
  });

  it('one after the other above 150 Vorlagen, however short', () => {
    expect(packetsOneAfterTheOther(parts(150, 1), 150)).to.equal(false);
    expect(packetsOneAfterTheOther(parts(151, 1), 151)).to.equal(true);
  });
});
