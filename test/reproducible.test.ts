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
