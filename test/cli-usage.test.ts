import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { expect } from 'chai';
import { main, type Io } from '../src/cli/main.js';
import { colorFor, escapeControls } from '../src/format/terminalText.js';
import { toolVersion } from '../src/version.js';
import { copyOfExample, ratsmappe } from './helpers/cli.js';

// Issue 9: the command line as clerks expect one: German help per command, German misuse
// messages with a did-you-mean (exit 2), --json where a command reports, colour per stream,
// control characters from content never reaching the terminal, clickable relative paths.

const commands = ['check', 'build', 'archive', 'verify', 'diff', 'vorschau'] as const;
/** words of commander's own (English) texts that must never reach a clerk */
const english = /\b(error|unknown|missing|argument|Usage|Options|Commands|default|display)\b/;

/** main() in this process, with the streams captured and their terminal state chosen. */
async function captured(
  argv: readonly string[],
  {
    env = {},
    tty = { stdout: false, stderr: false },
    cwd,
  }: Partial<Pick<Io, 'env' | 'tty' | 'cwd'>> = {},
) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env,
    tty,
    ...(cwd === undefined ? {} : { cwd }),
  });
  return { code, stdout, stderr };
}

describe('command line: help and version', () => {
  it('shows German help for the program and for every command, with examples', async () => {
    const top = await captured(['--help']);
    expect(top.code).to.equal(0);
    expect(top.stdout).to.match(/^Aufruf: ratsmappe \[optionen\] <befehl>/);
    for (const c of commands)
      expect(top.stdout).to.match(new RegExp(`^  ${c} \\[optionen\\]`, 'm'));
    expect(top.stdout).to.include('help [befehl]');
    expect(top.stdout).to.not.match(english);
    for (const c of commands) {
      const help = await captured([c, '--help']);
      expect(help.code, c).to.equal(0);
      expect(help.stdout, c).to.match(new RegExp(`^Aufruf: ratsmappe ${c} \\[optionen\\]`));
      expect(help.stdout, c).to.include('Optionen:');
      expect(help.stdout, c).to.match(/Beispiele:\n {2}npx ratsmappe /);
      expect(help.stdout, c).to.match(/Rückgabewert: 0 /);
      expect(help.stdout, c).to.not.match(english);
      // `help <befehl>` says the same
      expect((await captured(['help', c])).stdout, c).to.equal(help.stdout);
    }
    const build = await captured(['build', '-h']);
    expect(build.stdout).to.include('-o, --out <ordner>  Zielordner (Standard: out)');
    expect(build.stdout).to.include(
      'inhalt              Ordner mit sitzungen/ und vorlagen/ (Standard: content)',
    );
  });

  it('prints the version with -V and --version', async () => {
    for (const flag of ['-V', '--version']) {
      const run = await captured([flag]);
      expect(run.code).to.equal(0);
      expect(run.stdout).to.equal(`ratsmappe ${toolVersion}\n`);
    }
  });
});

describe('command line: misuse is a German message with exit 2', () => {
  const cases: [string[], string][] = [
    [['buidl'], 'Unbekannter Befehl „buidl“. Meinten Sie „build“?\nHilfe: ratsmappe --help\n'],
    [
      ['help', 'chekc'],
      'Unbekannter Befehl „chekc“. Meinten Sie „check“?\nHilfe: ratsmappe --help\n',
    ],
    [['drucken'], 'Unbekannter Befehl „drucken“.\nHilfe: ratsmappe --help\n'],
    [
      ['check', '--pdfa3'],
      'Unbekannte Option „--pdfa3“ für „ratsmappe check“.\nHilfe: ratsmappe check --help\n',
    ],
    [
      ['build', '--otu', 'x'],
      'Unbekannte Option „--otu“ für „ratsmappe build“. Meinten Sie „--out“?\nHilfe: ratsmappe build --help\n',
    ],
    [
      ['build', '--out'],
      'Die Option „--out“ braucht einen Wert: -o, --out <ordner>.\nHilfe: ratsmappe build --help\n',
    ],
    [['diff', 'a'], 'Für „ratsmappe diff“ fehlt die Angabe <neu>.\nHilfe: ratsmappe diff --help\n'],
    [
      ['check', 'a', 'b'],
      'Zu viele Angaben für „ratsmappe check“: b (erwartet: [inhalt]).\nHilfe: ratsmappe check --help\n',
    ],
    [
      ['verify', 'a', 'b'],
      'Zu viele Angaben für „ratsmappe verify“: b (erwartet: <archiv>).\nHilfe: ratsmappe verify --help\n',
    ],
    [
      ['archive', 'content'],
      'Für „ratsmappe archive“ fehlt die Option --to <archiv>.\nHilfe: ratsmappe archive --help\n',
    ],
    [[], 'Es fehlt der Befehl.\nHilfe: ratsmappe --help\n'],
    [
      ['vorschau', '--port', 'acht'],
      'Der Port „acht“ ist keine Zahl von 0 bis 65535.\nHilfe: ratsmappe vorschau --help\n',
    ],
  ];
  for (const [argv, message] of cases) {
    it(`ratsmappe ${argv.join(' ') || '(nichts)'}`, async () => {
      const run = await captured(argv);
      expect(run.code).to.equal(2);
      expect(run.stderr).to.equal(message);
      expect(run.stdout).to.equal('');
    });
  }

  it('is the same from the installed command (a child process)', () => {
    const run = ratsmappe(['check', '--jsno']);
    expect(run.status).to.equal(2);
    expect(run.stderr).to.equal(
      'Unbekannte Option „--jsno“ für „ratsmappe check“. Meinten Sie „--json“?\nHilfe: ratsmappe check --help\n',
    );
  });
});

describe('command line: --json, colours, control characters, paths', () => {
  let dir = '';
  let pool = '';
  beforeEach(() => {
    dir = copyOfExample();
    pool = join(dir, 'content/vorlagen/SV-9-1601/sprachmittlerpool.yaml');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  /** a fault (a thousands point) in the pool file; returns its line */
  const breakPool = (comment = ''): number => {
    const text = readFileSync(pool, 'utf8');
    const broken = text.replace(
      /^( *)anzahl: 1300/m,
      comment === '' ? '$1anzahl: 1.300' : `$1# ${comment}\n$1anzahl: 1.300`,
    );
    writeFileSync(pool, broken);
    return broken.split('\n').findIndex((l) => l.includes('anzahl: 1.300')) + 1;
  };

  it('gives paths relative to the current folder, in text and JSON', async () => {
    const line = breakPool();
    const text = await captured(['check', join(dir, 'content')], { cwd: dir });
    expect(text.code).to.equal(1);
    expect(text.stdout).to.match(
      new RegExp(
        `^content/vorlagen/SV-9-1601/sprachmittlerpool\\.yaml:${line}:\\d+  fehler  RM201`,
        'm',
      ),
    );
    const json = await captured(['check', join(dir, 'content'), '--json'], {
      cwd: join(dir, 'content', 'vorlagen'),
    });
    const [d] = JSON.parse(json.stdout) as { file: string; line: number }[];
    expect(d?.file).to.equal('SV-9-1601/sprachmittlerpool.yaml');
    expect(d?.line).to.equal(line);
    const child = ratsmappe(['check', 'content'], { cwd: dir });
    expect(child.stdout).to.include(`content/vorlagen/SV-9-1601/sprachmittlerpool.yaml:${line}:`);
  });

  it('decides colour per stream: check > file in a terminal writes no escape codes', async () => {
    breakPool();
    const content = join(dir, 'content');
    const toFile = await captured(['check', content], { tty: { stdout: false, stderr: true } });
    expect(toFile.stdout).to.include('fehler  RM201');
    expect(toFile.stdout).to.not.include('\u001b');
    const onTerminal = await captured(['check', content], { tty: { stdout: true, stderr: false } });
    expect(onTerminal.stdout).to.include('\u001b[31;1mfehler\u001b[0m');
    // build reports on stderr: its colour follows stderr
    const build = await captured(['build', content, '--out', join(dir, 'out')], {
      tty: { stdout: false, stderr: true },
    });
    expect(build.code).to.equal(1);
    expect(build.stderr).to.include('\u001b[31;1mfehler\u001b[0m');
  });

  it('follows NO_COLOR (an empty value does not count) and FORCE_COLOR', () => {
    expect(colorFor(true, {})).to.equal(true);
    expect(colorFor(false, {})).to.equal(false);
    expect(colorFor(true, { NO_COLOR: '1' })).to.equal(false);
    expect(colorFor(true, { NO_COLOR: '' })).to.equal(true);
    expect(colorFor(false, { FORCE_COLOR: '1' })).to.equal(true);
    expect(colorFor(false, { FORCE_COLOR: '' })).to.equal(true);
    expect(colorFor(true, { FORCE_COLOR: '0' })).to.equal(false);
    expect(colorFor(true, { FORCE_COLOR: 'false' })).to.equal(false);
    expect(colorFor(false, { FORCE_COLOR: '1', NO_COLOR: '1' })).to.equal(true);
    expect(colorFor(true, { TERM: 'dumb' })).to.equal(false);
    const piped = ratsmappe(['check', '--pdfa3'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(piped.status).to.equal(2);
  });

  it('shows control characters from a content file escaped, never raw', async () => {
    // a comment that would clear the screen and ring the bell, and a right-to-left override
    breakPool('\u001b[2J\u001b[H\u0007 Kommentar \u202e');
    const run = await captured(['check', join(dir, 'content')], {
      tty: { stdout: true, stderr: true },
    });
    expect(run.code).to.equal(1);
    for (const raw of ['\u001b[2J', '\u001b[H', '\u0007', '\u202e'])
      expect(run.stdout).to.not.include(raw);
    // the comment is the line above the fault: it is in the code frame, escaped
    expect(run.stdout).to.include('# \\x1B[2J\\x1B[H\\x07 Kommentar \\u{202E}');
    // the same file with the fault next to the control characters: the marker stays under it
    const text = readFileSync(pool, 'utf8').replace(
      'anzahl: 1.300',
      'anzahl: 1.300 # \u001b[31mrot',
    );
    writeFileSync(pool, text);
    const near = await captured(['check', join(dir, 'content')]);
    expect(near.stdout).to.include('# \\x1B[31mrot');
    expect(near.stdout).to.not.include('\u001b');
  });

  it('escapes every control character but tab and newline', () => {
    expect(escapeControls('a\u0000b\u0008c\td\ne\u000bf\u001bg\u007fh\u009bi\u2066j')).to.equal(
      'a\\x00b\\x08c\td\ne\\x0Bf\\x1Bg\\x7Fh\\x9Bi\\u{2066}j',
    );
    expect(escapeControls('Größe: 1.300 € – „gut“')).to.equal('Größe: 1.300 € – „gut“');
  });

  it('writes JSON for check, build, verify and diff', async () => {
    const content = join(dir, 'content');
    const check = await captured(['check', content, '--json']);
    expect(check.code).to.equal(0);
    expect(JSON.parse(check.stdout)).to.deep.equal([]);
    const build = await captured(['build', content, '--out', join(dir, 'out'), '--json'], {
      env: { RATSMAPPE_CACHE: 'aus' },
    });
    expect(build.code, build.stderr).to.equal(0);
    expect(build.stderr).to.equal('');
    const summary = JSON.parse(build.stdout) as {
      ok: boolean;
      diagnostics: unknown[];
      meetings: { id: string; folder: string; files: Record<string, string[]>; changed: boolean }[];
    };
    expect(summary.ok).to.equal(true);
    expect(summary.meetings.map((m) => m.id)).to.deep.equal(['2020-02-04-integrationsausschuss']);
    expect(summary.meetings[0]?.files.oeffentlich).to.include('sitzungsmappe.pdf');
    expect(summary.meetings[0]?.files.nichtoeffentlich).to.include('sitzungsmappe-mitglieder.pdf');
    expect(summary.meetings[0]?.changed).to.equal(true);
    breakPool();
    const failed = await captured(['build', content, '--out', join(dir, 'out'), '--json']);
    expect(failed.code).to.equal(1);
    const failure = JSON.parse(failed.stdout) as {
      ok: boolean;
      diagnostics: { code: string; file: string }[];
    };
    expect(failure.ok).to.equal(false);
    expect(failure.diagnostics.map((d) => d.code)).to.deep.equal(['RM201']);

    const archive = join(dir, 'archiv');
    mkdirSync(archive);
    const verify = await captured(['verify', archive, '--json']);
    const verified = JSON.parse(verify.stdout) as { ok: boolean; entries: number };
    expect(verified.entries).to.equal(0);
    const vorlage = join(content, 'vorlagen', 'SV-9-1601');
    const diff = await captured(['diff', vorlage, vorlage, '--json']);
    expect(diff.code).to.equal(0);
    expect(JSON.parse(diff.stdout)).to.deep.equal({ same: true, changes: [] });
  });
});

describe('command line: output into a pipe its reader closes', () => {
  const bin = fileURLToPath(new URL('../bin/ratsmappe.js', import.meta.url));
  /** the command with its output into a pipe that is closed before it writes (`| head -1`) */
  async function closedPipe(args: readonly string[]) {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, NO_COLOR: '1', RATSMAPPE_CACHE: 'aus' },
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { code, stderr };
  }

  it('ends as it would have, without a stack trace', async () => {
    const help = await closedPipe(['--help']);
    expect(help.stderr).to.equal('');
    expect(help.code).to.equal(0);
    // a check with faults: its exit code stays 1
    const dir = copyOfExample();
    try {
      const header = join(dir, 'content', 'vorlagen', 'SV-9-1601', 'vorlage.yaml');
      writeFileSync(header, readFileSync(header, 'utf8').replace(/^betreff:/m, 'betref:'));
      const check = await closedPipe(['check', join(dir, 'content')]);
      expect(check.stderr).to.equal('');
      expect(check.code).to.equal(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
