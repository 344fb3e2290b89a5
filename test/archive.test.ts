import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import {
  ArchiveConflict,
  ArchiveInputError,
  archiveMeeting,
  formatArchiveReport,
  safeFolderName,
  type ArchiveFile,
  type ArchiveInput,
  type ArchiveVorlage,
} from '../src/archive/archive.js';
import { diffVorlagen, formatDiff } from '../src/archive/diff.js';
import { exampleContentDir } from './helpers/exampleBuild.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const sha = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** The YAML files of an example Vorlage, as the CLI would pass them. */
const sourcesOf = (nummer: string): ArchiveFile[] => {
  const dir = join(exampleContentDir, 'vorlagen', nummer);
  if (!existsSync(dir)) return [{ path: 'vorlage.yaml', bytes: bytes(`nummer: ${nummer}\n`) }];
  return readdirSync(dir)
    .filter((n) => n.endsWith('.yaml'))
    .sort()
    .map((n) => ({ path: n, bytes: readFileSync(join(dir, n)) }));
};

const vorlage = (nummer: string, version: number, tag = ''): ArchiveVorlage => ({
  nummer,
  version,
  files: [
    { path: `${nummer}.pdf`, bytes: bytes(`%PDF ${nummer} v${version}${tag}`) },
    { path: `${nummer}.pdfa.pdf`, bytes: bytes(`%PDF/A ${nummer} v${version}${tag}`) },
    { path: `${nummer}.docx`, bytes: bytes(`PK docx ${nummer} v${version}${tag}`) },
  ],
  sources: sourcesOf(nummer),
});

const meeting = 'Kreis Coesfeld/Integrationsausschuss/2020-02-04-integrationsausschuss';

const input = (over: Partial<ArchiveInput> = {}): ArchiveInput => ({
  koerperschaft: 'Kreis Coesfeld',
  gremium: 'Integrationsausschuss',
  meetingId: '2020-02-04-integrationsausschuss',
  toolVersion: '0.1.0',
  buildDate: '2020-01-22',
  vorlagen: [vorlage('SV-9-1600', 1), vorlage('SV-9-1601', 1)],
  packet: { files: [{ path: 'Sitzungsmappe.pdf', bytes: bytes('%PDF/A packet A') }] },
  ...over,
});

/** Every file below dir: relative path → sha256. */
function tree(dir: string, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix === '' ? e.name : `${prefix}/${e.name}`;
    if (e.isDirectory()) for (const [p, h] of tree(dir, path)) out.set(p, h);
    else out.set(path, sha(readFileSync(join(dir, path))));
  }
  return out;
}

/** Every folder and file name below dir (to find temp leftovers). */
function allNames(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' });
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

describe('archive: archiveMeeting', () => {
  const dirs: string[] = [];
  const scratch = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'ratsmappe-archiv-'));
    dirs.push(dir);
    return dir;
  };
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('lays out Körperschaft/Gremium/meeting with vorlagen/<nummer>/v<version>, quellen and sitzungsmappe/1', async () => {
    const root = scratch();
    const report = await archiveMeeting(root, input());
    const files = [...tree(root).keys()].sort();
    const entry = `${meeting}/vorlagen/SV-9-1601/v1`;
    expect(files).to.include.members([
      `${meeting}/index.json`,
      `${entry}/SV-9-1601.pdf`,
      `${entry}/SV-9-1601.pdfa.pdf`,
      `${entry}/SV-9-1601.docx`,
      `${entry}/manifest.json`,
      `${entry}/quellen/vorlage.yaml`,
      `${entry}/quellen/integrationspauschale.yaml`,
      `${meeting}/vorlagen/SV-9-1600/v1/quellen/netzwerk.yaml`,
      `${meeting}/sitzungsmappe/1/Sitzungsmappe.pdf`,
      `${meeting}/sitzungsmappe/1/manifest.json`,
    ]);
    expect(files.filter((f) => f.startsWith(`${entry}/quellen/`))).to.have.length(
      sourcesOf('SV-9-1601').length,
    );
    expect(report.meetingPath).to.equal(meeting);
    expect(report.stored.map((e) => [e.label, e.path])).to.deep.equal([
      ['SV-9-1600, Version 1', `${meeting}/vorlagen/SV-9-1600/v1`],
      ['SV-9-1601, Version 1', `${meeting}/vorlagen/SV-9-1601/v1`],
      ['Sitzungsmappe 1', `${meeting}/sitzungsmappe/1`],
    ]);
    expect(report.unchanged).to.deep.equal([]);
    expect(allNames(root).filter((n) => n.split('/').some((s) => s.startsWith('.')))).to.deep.equal(
      [],
    );
  });

  it('writes manifests with sha256 and size of every file, sorted, deterministic', async () => {
    const root = scratch();
    await archiveMeeting(root, input());
    const entryDir = join(root, meeting, 'vorlagen/SV-9-1601/v1');
    const text = readFileSync(join(entryDir, 'manifest.json'), 'utf8');
    const manifest = JSON.parse(text) as {
      files: { path: string; sha256: string; size: number }[];
    } & Record<string, unknown>;
    expect(text).to.equal(`${JSON.stringify(manifest, null, 2)}\n`);
    expect(Object.keys(manifest)).to.deep.equal([
      'format',
      'toolVersion',
      'buildDate',
      'koerperschaft',
      'gremium',
      'meeting',
      'vorlage',
      'files',
    ]);
    expect(manifest).to.include({
      format: 'ratsmappe-archiv/1',
      toolVersion: '0.1.0',
      buildDate: '2020-01-22',
      koerperschaft: 'Kreis Coesfeld',
      gremium: 'Integrationsausschuss',
      meeting: '2020-02-04-integrationsausschuss',
    });
    expect(manifest.vorlage).to.deep.equal({ nummer: 'SV-9-1601', version: 1 });
    const paths = manifest.files.map((f) => f.path);
    expect(paths).to.deep.equal([...paths].sort());
    expect(paths).to.include('quellen/vorlage.yaml');
    for (const f of manifest.files) {
      const data = readFileSync(join(entryDir, ...f.path.split('/')));
      expect(f.sha256, f.path).to.equal(sha(data));
      expect(f.size, f.path).to.equal(data.length);
    }
    const packet = readJson(join(root, meeting, 'sitzungsmappe/1/manifest.json')) as Record<
      string,
      unknown
    >;
    expect(packet).to.not.have.property('vorlage');
    expect(packet.files).to.deep.equal([
      {
        path: 'Sitzungsmappe.pdf',
        sha256: sha(bytes('%PDF/A packet A')),
        size: bytes('%PDF/A packet A').length,
      },
    ]);

    // the same input into another root gives byte-identical manifests and index
    const other = scratch();
    await archiveMeeting(other, input());
    expect(tree(other)).to.deep.equal(tree(root));

    const index = readJson(join(root, meeting, 'index.json')) as {
      format: string;
      entries: { path: string; manifestSha256: string }[];
    };
    expect(index.format).to.equal('ratsmappe-archiv/1');
    expect(index.entries.map((e) => e.path)).to.deep.equal([
      'vorlagen/SV-9-1600/v1',
      'vorlagen/SV-9-1601/v1',
      'sitzungsmappe/1',
    ]);
    expect(index.entries[1]?.manifestSha256).to.equal(
      sha(readFileSync(join(entryDir, 'manifest.json'))),
    );
  });

  it('re-archiving the same content changes nothing and reports "unverändert"', async () => {
    const root = scratch();
    await archiveMeeting(root, input());
    const before = tree(root);
    const indexTime = statSync(join(root, meeting, 'index.json')).mtimeMs;
    const report = await archiveMeeting(
      root,
      input({ toolVersion: '0.1.0', buildDate: '2020-01-22' }),
    );
    expect(report.stored).to.deep.equal([]);
    expect(report.unchanged.map((e) => e.label)).to.deep.equal([
      'SV-9-1600, Version 1',
      'SV-9-1601, Version 1',
      'Sitzungsmappe 1',
    ]);
    expect(tree(root)).to.deep.equal(before);
    expect(statSync(join(root, meeting, 'index.json')).mtimeMs).to.equal(indexTime);
    expect(formatArchiveReport(report)).to.equal(
      [
        `unverändert: SV-9-1600, Version 1 (bereits archiviert in ${meeting}/vorlagen/SV-9-1600/v1)`,
        `unverändert: SV-9-1601, Version 1 (bereits archiviert in ${meeting}/vorlagen/SV-9-1601/v1)`,
        `unverändert: Sitzungsmappe 1 (bereits archiviert in ${meeting}/sitzungsmappe/1)`,
        `0 Einträge gespeichert, 3 unverändert (${meeting}).`,
        '',
      ].join('\n'),
    );
  });

  it('refuses a changed version with ArchiveConflict before writing anything', async () => {
    const root = scratch();
    await archiveMeeting(root, input());
    const before = tree(root);
    const changed = input({
      vorlagen: [
        vorlage('SV-9-1600', 1),
        vorlage('SV-9-1601', 1, ' geändert'),
        vorlage('SV-9-1602', 1),
      ],
      packet: { files: [{ path: 'Sitzungsmappe.pdf', bytes: bytes('%PDF/A packet B') }] },
    });
    let error: unknown;
    try {
      await archiveMeeting(root, changed);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ArchiveConflict);
    const conflict = error as ArchiveConflict;
    expect(conflict.conflicts).to.deep.equal([
      {
        nummer: 'SV-9-1601',
        version: 1,
        path: `${meeting}/vorlagen/SV-9-1601/v1`,
        differing: ['SV-9-1601.docx', 'SV-9-1601.pdf', 'SV-9-1601.pdfa.pdf'],
      },
    ]);
    expect(conflict.message).to.include(
      `Die Vorlage SV-9-1601 ist in Version 1 bereits archiviert (${meeting}/vorlagen/SV-9-1601/v1), aber mit anderem Inhalt; abweichend: SV-9-1601.docx, SV-9-1601.pdf, SV-9-1601.pdfa.pdf.`,
    );
    expect(conflict.message).to.include('Es wurde nichts archiviert.');
    expect(conflict.message).to.include(
      'Erhöhen Sie „version“ in vorlage.yaml und beschreiben Sie unter „aenderungen“, was sich geändert hat.',
    );
    expect(conflict.message).to.include('ratsmappe diff');
    // neither the new Vorlage nor the new packet was written
    expect(tree(root)).to.deep.equal(before);
  });

  it('says when only the rendered files differ because of another tool version', async () => {
    const root = scratch();
    await archiveMeeting(root, input());
    const error: unknown = await archiveMeeting(
      root,
      input({ toolVersion: '0.2.0', vorlagen: [vorlage('SV-9-1601', 1, ' neu gesetzt')] }),
    ).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ArchiveConflict);
    expect((error as Error).message).to.include(
      'Die Quelldateien von SV-9-1601, Version 1 sind unverändert; die erzeugten Dateien weichen ab, weil sie mit einer anderen ratsmappe-Version erzeugt wurden (archiviert: 0.1.0, jetzt: 0.2.0).',
    );
  });

  it('stores a new version beside the old one; v1 stays untouched', async () => {
    const root = scratch();
    await archiveMeeting(root, input());
    const v1 = join(meeting, 'vorlagen/SV-9-1601/v1');
    const before = [...tree(root)].filter(([p]) => p.startsWith(v1));
    const report = await archiveMeeting(
      root,
      input({ vorlagen: [vorlage('SV-9-1600', 1), vorlage('SV-9-1601', 2)] }),
    );
    expect(report.stored.map((e) => e.label)).to.deep.equal(['SV-9-1601, Version 2']);
    expect(report.unchanged.map((e) => e.label)).to.deep.equal([
      'SV-9-1600, Version 1',
      'Sitzungsmappe 1',
    ]);
    const after = tree(root);
    expect([...after].filter(([p]) => p.startsWith(v1))).to.deep.equal(before);
    expect(after.has(`${meeting}/vorlagen/SV-9-1601/v2/SV-9-1601.pdf`)).to.equal(true);
    const index = readJson(join(root, meeting, 'index.json')) as { entries: { path: string }[] };
    expect(index.entries.map((e) => e.path)).to.deep.equal([
      'vorlagen/SV-9-1600/v1',
      'vorlagen/SV-9-1601/v1',
      'vorlagen/SV-9-1601/v2',
      'sitzungsmappe/1',
    ]);
    expect(formatArchiveReport(report).split('\n')[0]).to.equal(
      `gespeichert: SV-9-1601, Version 2 (${3 + sourcesOf('SV-9-1601').length} Dateien) → ${meeting}/vorlagen/SV-9-1601/v2`,
    );
  });

  it('numbers meeting packets: a new number only for content not archived before', async () => {
    const root = scratch();
    const packet = (text: string) => ({
      vorlagen: [],
      packet: { files: [{ path: 'Sitzungsmappe.pdf', bytes: bytes(text) }] },
    });
    const run = async (text: string) => {
      const r = await archiveMeeting(root, input(packet(text)));
      return [...r.stored.map((e) => `+${e.label}`), ...r.unchanged.map((e) => `=${e.label}`)];
    };
    expect(await run('A')).to.deep.equal(['+Sitzungsmappe 1']);
    expect(await run('B')).to.deep.equal(['+Sitzungsmappe 2']);
    expect(await run('A')).to.deep.equal(['=Sitzungsmappe 1']);
    expect(await run('B')).to.deep.equal(['=Sitzungsmappe 2']);
    expect(await run('C')).to.deep.equal(['+Sitzungsmappe 3']);
    const folders = readdirSync(join(root, meeting, 'sitzungsmappe')).sort();
    expect(folders).to.deep.equal(['1', '2', '3']);
    expect(readFileSync(join(root, meeting, 'sitzungsmappe/2/Sitzungsmappe.pdf'), 'utf8')).to.equal(
      'B',
    );
  });

  it('a failure while writing leaves no partial entry and no temp folder (first run)', async () => {
    const root = scratch();
    const broken: ArchiveVorlage = {
      ...vorlage('SV-9-1601', 1),
      files: [
        { path: 'SV-9-1601.pdf', bytes: bytes('%PDF') },
        // a name longer than any file system allows: the write fails halfway through the entry
        { path: `${'x'.repeat(300)}.pdf`, bytes: bytes('%PDF') },
      ],
    };
    const error: unknown = await archiveMeeting(
      root,
      input({ vorlagen: [vorlage('SV-9-1600', 1), broken] }),
    ).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(Error);
    expect((error as NodeJS.ErrnoException).code).to.equal('ENAMETOOLONG');
    // nothing at all: not SV-9-1600 (written first), not the packet, no folders, no temp folders
    expect(allNames(root)).to.deep.equal([]);
  });

  it('a failure while writing a new version keeps the archive exactly as it was', async () => {
    const root = scratch();
    await archiveMeeting(root, input());
    const before = tree(root);
    const broken: ArchiveVorlage = {
      ...vorlage('SV-9-1601', 2),
      sources: [
        ...sourcesOf('SV-9-1601'),
        { path: `${'y'.repeat(300)}.yaml`, bytes: bytes('a: 1') },
      ],
    };
    const error: unknown = await archiveMeeting(
      root,
      input({
        vorlagen: [vorlage('SV-9-1602', 1), broken],
        packet: { files: [{ path: 'Sitzungsmappe.pdf', bytes: bytes('packet B') }] },
      }),
    ).catch((e: unknown) => e);
    expect((error as NodeJS.ErrnoException).code).to.equal('ENAMETOOLONG');
    expect(tree(root)).to.deep.equal(before);
    expect(readdirSync(join(root, meeting, 'vorlagen')).sort()).to.deep.equal([
      'SV-9-1600',
      'SV-9-1601',
    ]);
    expect(readdirSync(join(root, meeting, 'vorlagen/SV-9-1601'))).to.deep.equal(['v1']);
    expect(readdirSync(join(root, meeting, 'sitzungsmappe'))).to.deep.equal(['1']);
  });

  it('makes names safe as folder names, keeping umlauts and spaces', async () => {
    expect(safeFolderName('  Kreis Coesfeld ')).to.equal('Kreis Coesfeld');
    expect(safeFolderName('Ausschuss für Soziales, Gesundheit und Senioren')).to.equal(
      'Ausschuss für Soziales, Gesundheit und Senioren',
    );
    expect(safeFolderName('Bau/Planung\\Umwelt')).to.equal('Bau-Planung-Umwelt');
    expect(safeFolderName('../../etc')).to.equal('-.-etc');
    expect(safeFolderName('Rat\u0000\u0007 der Stadt\n')).to.equal('Rat der Stadt');
    expect(safeFolderName('Schulausschuss.')).to.equal('Schulausschuss');
    expect(() => safeFolderName('..')).to.throw(ArchiveInputError, 'kein Ordnername');
    expect(() => safeFolderName(' / ')).to.not.throw();

    const root = scratch();
    const report = await archiveMeeting(
      root,
      input({
        koerperschaft: 'Kreis Coesfeld/..',
        gremium: 'Ausschuss für Soziales',
        vorlagen: [],
      }),
    );
    expect(report.meetingPath).to.equal(
      'Kreis Coesfeld-/Ausschuss für Soziales/2020-02-04-integrationsausschuss',
    );
    const manifest = readJson(join(root, report.meetingPath, 'sitzungsmappe/1/manifest.json')) as {
      koerperschaft: string;
    };
    expect(manifest.koerperschaft).to.equal('Kreis Coesfeld/..');
  });

  it('refuses unsafe file paths before writing anything', async () => {
    for (const path of ['../evil.pdf', '/abs.pdf', 'a\\b.pdf', 'manifest.json', 'a//b.pdf']) {
      const root = scratch();
      const bad = { ...vorlage('SV-9-1601', 1), files: [{ path, bytes: bytes('x') }] };
      const error: unknown = await archiveMeeting(root, input({ vorlagen: [bad] })).catch(
        (e: unknown) => e,
      );
      expect(error, path).to.be.instanceOf(ArchiveInputError);
      expect(allNames(root), path).to.deep.equal([]);
    }
    const root = scratch();
    const twice = input({ vorlagen: [vorlage('SV-9-1601', 1), vorlage('SV-9-1601', 1, 'x')] });
    const error: unknown = await archiveMeeting(root, twice).catch((e: unknown) => e);
    expect((error as Error).message).to.include('zweimal mit verschiedenem Inhalt');
  });

  it('the archived quellen/ compare equal to the content they came from', async () => {
    const root = scratch();
    await archiveMeeting(root, input());
    const lines = await diffVorlagen(
      join(root, meeting, 'vorlagen/SV-9-1601/v1/quellen'),
      join(exampleContentDir, 'vorlagen/SV-9-1601'),
    );
    expect(formatDiff(lines)).to.equal('Keine inhaltlichen Unterschiede.\n');
  });
});
