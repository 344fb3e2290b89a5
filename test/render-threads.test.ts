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
