import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'chai';
import { prepareOutputFolder } from '../src/write/outputFolder.js';
import type { HaltStep } from '../src/write/haltPoint.js';
import { ratsmappe, scratchFolders } from './helpers/cli.js';

// Issue 9, point 4: an unusable --out is refused before anything is rendered (exit 2, a German
// message naming the folder), and the swap of old and new meeting folders can be interrupted at
// any step without losing the last good folder; the next build repairs what was left.

const meeting = '2020-02-04-integrationsausschuss';

/** Every file below `dir` with its sha256, by path relative to `dir`. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return files;
}

const dotEntries = (dir: string): string[] => readdirSync(dir).filter((n) => n.startsWith('.'));

/**
 * Root writes into a folder whatever its mode says, so tests of rights run the build as nobody
 * when they run as root (undefined: they do not run as root). Skips the test where root cannot
 * drop its rights. The scratch folder `dir` is made readable for nobody.
 */
function unprivileged(test: Mocha.Context, dir: string): number | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const nobody = 65534;
  if (spawnSync(process.execPath, ['-e', ''], { uid: nobody, gid: nobody }).status !== 0)
    test.skip();
  chmodSync(dir, 0o755);
  return nobody;
}

/** A change to the example that every build writes anew. */
function changeExample(dir: string): void {
  const file = join(dir, 'content/vorlagen/SV-9-1600/vorlage.yaml');
  const text = readFileSync(file, 'utf8');
  expect(text).to.include('Das Netzwerk soll');
  writeFileSync(file, text.replace('Das Netzwerk soll', 'Das neue Netzwerk soll'));
}

describe('the output folder', () => {
  const scratch = scratchFolders();

  /** A build that must stop before rendering: no progress line, no render cache entry. */
  function refused(dir: string, out: string, options: { user?: number } = {}) {
    const cache = join(dir, 'cache');
    const run = ratsmappe(['build', 'content', '--out', out], {
      cwd: dir,
      env: { RATSMAPPE_CACHE: cache },
      timeout: 60_000,
      ...options,
    });
    expect(run.signal, 'the build must not hang').to.equal(null);
    expect(run.status, run.stderr).to.equal(2);
    expect(run.stderr).to.not.match(/ von \d+: /);
    expect(existsSync(join(cache, 'v1')), 'nothing was rendered').to.equal(false);
    expect(run.stdout).to.equal('');
    return run;
  }

  it('refuses an --out that is a file, and leaves the file alone', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'ausgabe.pdf'), 'keine Mappe');
    const run = refused(dir, 'ausgabe.pdf');
    expect(run.stderr).to.equal(
      'Der Ausgabeordner „ausgabe.pdf“ ist eine Datei, kein Ordner.\n' +
        'Wählen Sie mit --out einen Ordner, in dem Sie Dateien anlegen dürfen, z. B. --out ausgabe. Es wurde nichts erzeugt.\n',
    );
    expect(readFileSync(join(dir, 'ausgabe.pdf'), 'utf8')).to.equal('keine Mappe');
  });

  it('refuses an --out below a file, naming the file in the way', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'notiz.txt'), '');
    const run = refused(dir, 'notiz.txt/mappen');
    expect(run.stderr).to.match(
      /^Der Ausgabeordner „notiz\.txt\/mappen“ lässt sich nicht anlegen: „notiz\.txt“ ist eine Datei, kein Ordner\.\n/,
    );
  });

  it('refuses a folder below /proc at once (a recursive mkdir there never returns)', function () {
    if (!existsSync('/proc/self')) this.skip();
    const run = refused(scratch(), '/proc/ratsmappe-test/out');
    expect(run.stderr).to.match(
      /^Im Ausgabeordner „\/proc\/ratsmappe-test\/out“ lassen sich keine Dateien anlegen \(Meldung des Systems: ENOENT\)\.\n/,
    );
  });

  it('refuses a read-only folder and keeps the last good output in it', function () {
    const dir = scratch();
    expect(ratsmappe(['build', 'content', '--quiet'], { cwd: dir }).status).to.equal(0);
    const out = join(dir, 'out');
    const before = snapshot(out);
    const user = unprivileged(this, dir);
    // nobody's own folder: only its mode keeps nobody out
    if (user !== undefined) chownSync(out, user, user);
    chmodSync(out, 0o555);
    try {
      const run = refused(dir, 'out', user === undefined ? {} : { user });
      expect(run.stderr).to.equal(
        'In den Ausgabeordner „out“ darf ratsmappe nicht schreiben (keine Schreibrechte).\n' +
          'Wählen Sie mit --out einen Ordner, in dem Sie Dateien anlegen dürfen, z. B. --out ausgabe. Es wurde nichts erzeugt.\n',
      );
    } finally {
      chmodSync(out, 0o755);
    }
    expect(snapshot(out)).to.deep.equal(before);
  });

  it('a folder that cannot be replaced after rendering: exit 2, the last good one stays', function () {
    const dir = scratch();
    // a folder of another owner in a sticky folder: anyone may add files, only its owner
    // may move it; only root can set that up
    if (process.getuid?.() !== 0) this.skip();
    const user = unprivileged(this, dir);
    expect(ratsmappe(['build', 'content', '--quiet'], { cwd: dir }).status).to.equal(0);
    const out = join(dir, 'out');
    const before = snapshot(out);
    chmodSync(out, 0o1777);
    changeExample(dir);
    const run = ratsmappe(['build', 'content', '--quiet'], {
      cwd: dir,
      env: { RATSMAPPE_CACHE: 'aus' },
      ...(user === undefined ? {} : { user }),
    });
    expect(run.status).to.equal(2);
    expect(run.stderr).to.equal(
      'In den Ausgabeordner „out“ darf ratsmappe nicht schreiben (keine Schreibrechte).\n' +
        'Die bisherigen Dateien in „out“ bleiben unverändert.\n',
    );
    expect(snapshot(out)).to.deep.equal(before);
    expect(dotEntries(out)).to.deep.equal([]);
  });

  it('refuses a folder where even root may not write (/sys)', function () {
    if (!existsSync('/sys/kernel')) this.skip();
    const run = refused(scratch(), '/sys/ratsmappe-test');
    expect(run.stderr).to.match(
      /^In den Ausgabeordner „\/sys\/ratsmappe-test“ darf ratsmappe nicht/,
    );
  });

  it('names the real output folder when a content fault stops the build', () => {
    const dir = scratch();
    const file = join(dir, 'content/vorlagen/SV-9-1601/integrationspauschale.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('betrag: 626377.32', 'betrag: 600000'));
    const run = ratsmappe(['build', 'content', '--out', 'mappen/2020', '--quiet'], { cwd: dir });
    expect(run.status).to.equal(1);
    expect(run.stderr).to.include(
      'Es wurde nichts geschrieben; die bisherigen Dateien in „mappen/2020“ bleiben unverändert.\n',
    );
    expect(existsSync(join(dir, 'mappen'))).to.equal(false);
  });
});

describe('replacing a meeting folder, interrupted at every step (SIGKILL)', () => {
  const scratch = scratchFolders();

  /** A scratch content with a good build in out/, then a change that the next build writes. */
  function setup() {
    const dir = scratch();
    const env = { RATSMAPPE_CACHE: join(dir, 'cache') };
    expect(ratsmappe(['build', 'content', '--quiet'], { cwd: dir, env }).status).to.equal(0);
    const out = join(dir, 'out');
    const old = snapshot(join(out, meeting));
    changeExample(dir);
    return { dir, env, out, old };
  }

  const leftovers = (out: string, kind: 'neu' | 'alt') =>
    dotEntries(out).filter((n) => n.startsWith(`.${meeting}.${kind}-`));

  const steps: readonly {
    step: HaltStep;
    /** what stands in out/<meeting>/ right after the kill */
    inPlace: 'alt' | 'neu' | 'nichts';
    /** which leftovers there are */
    neu: boolean;
    alt: boolean;
  }[] = [
    { step: 'neu-halb', inPlace: 'alt', neu: true, alt: false },
    { step: 'neu-fertig', inPlace: 'alt', neu: true, alt: false },
    { step: 'alt-beiseite', inPlace: 'nichts', neu: true, alt: true },
    { step: 'neu-an-ort', inPlace: 'neu', neu: false, alt: true },
  ];

  for (const { step, inPlace, neu, alt } of steps) {
    it(`killed at „${step}“: the last good folder survives, the next build repairs and cleans up`, async () => {
      const { dir, env, out, old } = setup();
      const killed = ratsmappe(['build', 'content', '--quiet'], {
        cwd: dir,
        env: { ...env, RATSMAPPE_TEST_HALT: step },
      });
      expect(killed.signal, killed.stderr).to.equal('SIGKILL');
      expect(leftovers(out, 'neu').length).to.equal(neu ? 1 : 0);
      expect(leftovers(out, 'alt').length).to.equal(alt ? 1 : 0);
      const target = join(out, meeting);
      if (inPlace === 'alt') expect(snapshot(target)).to.deep.equal(old);
      if (inPlace === 'nichts') expect(existsSync(target)).to.equal(false);
      if (inPlace === 'neu') expect(snapshot(target)).to.not.deep.equal(old);
      // the last good folder set aside is complete
      const [aside] = leftovers(out, 'alt');
      if (aside !== undefined) expect(snapshot(join(out, aside))).to.deep.equal(old);
      const lastGood = inPlace === 'neu' ? snapshot(target) : old;

      // what the next build does before it renders: put the last good folder back, clean up
      await prepareOutputFolder(out);
      expect(dotEntries(out)).to.deep.equal([]);
      expect(snapshot(target)).to.deep.equal(lastGood);

      const next = ratsmappe(['build', 'content', '--quiet'], { cwd: dir, env });
      expect(next.status, next.stderr).to.equal(0);
      expect(dotEntries(out)).to.deep.equal([]);
      expect(snapshot(target)).to.not.deep.equal(old);
      expect(Object.keys(snapshot(target)).sort()).to.deep.equal(Object.keys(old).sort());
    });
  }

  it('the next build puts the last good folder back before it writes anything', () => {
    const { dir, env, out, old } = setup();
    const halted = (step: HaltStep) =>
      ratsmappe(['build', 'content', '--quiet'], {
        cwd: dir,
        env: { ...env, RATSMAPPE_TEST_HALT: step },
      });
    expect(halted('alt-beiseite').signal).to.equal('SIGKILL');
    expect(existsSync(join(out, meeting))).to.equal(false);
    // killed again while writing its new folder: the repaired old one is in place by then
    expect(halted('neu-halb').signal).to.equal('SIGKILL');
    expect(snapshot(join(out, meeting))).to.deep.equal(old);
    expect(leftovers(out, 'alt')).to.deep.equal([]);
    expect(leftovers(out, 'neu').length).to.equal(1);
    const next = ratsmappe(['build', 'content', '--quiet'], { cwd: dir, env });
    expect(next.status, next.stderr).to.equal(0);
    expect(dotEntries(out)).to.deep.equal([]);
    expect(Object.keys(snapshot(join(out, meeting))).sort()).to.deep.equal(Object.keys(old).sort());
  });

  it('leaves the leftovers of a build that still runs alone', async () => {
    const dir = scratch();
    const out = join(dir, 'out');
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    const deadPid = Number(ended.stdout);
    const mine = `.${meeting}.neu-${String(process.pid)}-1`;
    const theirs = `.${meeting}.neu-${String(deadPid)}-1`;
    for (const name of [mine, theirs]) mkdirSync(join(out, name), { recursive: true });
    await prepareOutputFolder(out);
    expect(dotEntries(out)).to.deep.equal([mine]);
    expect(statSync(join(out, mine)).isDirectory()).to.equal(true);
  });
});
