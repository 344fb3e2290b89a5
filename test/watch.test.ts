import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { copyOfExample } from './helpers/cli.js';
import { extractPdfText } from './helpers/pdfText.js';

// Issue 12: `ratsmappe build --watch` builds, then builds again after every change of the
// content (same process, threads and cache), one line per rebuild with its time.

const bin = fileURLToPath(new URL('../bin/ratsmappe.js', import.meta.url));
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('ratsmappe build --watch', function () {
  this.timeout(120_000);
  it('rebuilds after a change, says so in one line with its time, and writes nothing while a fault stands', async () => {
    const dir = copyOfExample();
    const child = spawn(process.execPath, [bin, 'build', 'content', '--out', 'out', '--watch'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', RATSMAPPE_CACHE: join(dir, 'cache') },
    });
    let stderr = '';
    const lines: string[] = [];
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      lines.push(...chunk.split('\n').filter(Boolean));
    });
    const waitFor = async (pattern: RegExp, from: number): Promise<string> => {
      for (let i = 0; i < 600; i++) {
        const line = lines.slice(from).find((l) => pattern.test(l));
        if (line !== undefined) return line;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no line ${String(pattern)} in:\n${stderr}`);
    };
    const pdf = join(
      dir,
      'out',
      '2020-02-04-integrationsausschuss',
      'oeffentlich',
      'SV-9-1601.pdf',
    );
    const pool = join(dir, 'content', 'vorlagen', 'SV-9-1601', 'sprachmittlerpool.yaml');
    try {
      await waitFor(/^Beobachte content: /, 0);
      const first = sha(pdf);

      let mark = lines.length;
      writeFileSync(
        pool,
        readFileSync(pool, 'utf8').replace('anzahl: 30\n  ca: true', 'anzahl: 31\n  ca: true'),
      );
      const rebuilt = await waitFor(
        /neu erzeugt in \d+,\d s: 1 Vorlage und 2 Sitzungsmappen neu gesetzt$/,
        mark,
      );
      expect(rebuilt).to.match(/^\d\d:\d\d:\d\d /);
      expect(sha(pdf)).to.not.equal(first);
      expect((await extractPdfText(readFileSync(pdf))).text).to.include('ca. 31');

      mark = lines.length;
      const good = sha(pdf);
      writeFileSync(
        pool,
        readFileSync(pool, 'utf8').replace('anzahl: 31\n  ca: true', 'anzahl: 3.100\n  ca: true'),
      );
      await waitFor(/Fehler im Inhalt \(\d+,\d s\), nichts geschrieben$/, mark);
      expect(stderr).to.include('content/vorlagen/SV-9-1601/sprachmittlerpool.yaml:');
      expect(sha(pdf)).to.equal(good);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    }
    expect(child.exitCode).to.equal(1);
  });
});
