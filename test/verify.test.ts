import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { archiveMeeting, type ArchiveInput, type ArchiveVorlage } from '../src/archive/archive.js';
import {
  VerifyError,
  formatVerifyResult,
  verifyArchive,
  verifyExitCode,
} from '../src/archive/verify.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

const vorlage = (nummer: string, version: number): ArchiveVorlage => ({
  nummer,
  version,
  files: [
    { path: `${nummer}.pdf`, bytes: bytes(`%PDF ${nummer} v${version}`) },
    { path: `${nummer}.docx`, bytes: bytes(`PK ${nummer} v${version}`) },
  ],
  sources: [
    { path: 'vorlage.yaml', bytes: bytes(`nummer: ${nummer}\nversion: ${version}\n`) },
    { path: 'binogi.yaml', bytes: bytes('art: text\ntitel: Binogi\nkein_beitrag: true\n') },
  ],
});

const input: ArchiveInput = {
  koerperschaft: 'Kreis Coesfeld',
  gremium: 'Integrationsausschuss',
  meetingId: '2020-02-04-integrationsausschuss',
  toolVersion: '0.1.0',
  buildDate: '2020-01-22',
  vorlagen: [vorlage('SV-9-1600', 1), vorlage('SV-9-1601', 1)],
  packet: { files: [{ path: 'Sitzungsmappe.pdf', bytes: bytes('%PDF/A packet') }] },
};

const meeting = 'Kreis Coesfeld/Integrationsausschuss/2020-02-04-integrationsausschuss';

describe('archive: verifyArchive', () => {
  const dirs: string[] = [];
  const archived = async (): Promise<string> => {
    const root = mkdtempSync(join(tmpdir(), 'ratsmappe-verify-'));
    dirs.push(root);
    await archiveMeeting(root, input);
    return root;
  };
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('an untouched archive is clean', async () => {
    const root = await archived();
    const result = await verifyArchive(root);
    expect(result).to.deep.equal({ missing: [], changed: [], extra: [], entries: 3, files: 9 });
    expect(formatVerifyResult(result)).to.equal(
      'Alles unverändert: 9 Dateien in 3 Einträgen geprüft.\n',
    );
    expect(verifyExitCode(result)).to.equal(0);
  });

  it('reports a changed byte, a deleted file and an extra file with their paths', async () => {
    const root = await archived();
    const pdf = join(root, meeting, 'vorlagen/SV-9-1601/v1/SV-9-1601.pdf');
    const data = readFileSync(pdf);
    data[0] = (data[0] ?? 0) ^ 0x01;
    writeFileSync(pdf, data);
    rmSync(join(root, meeting, 'vorlagen/SV-9-1600/v1/quellen/binogi.yaml'));
    writeFileSync(join(root, meeting, 'sitzungsmappe/1/notiz.txt'), 'nachträglich');
    const result = await verifyArchive(root);
    expect(result).to.deep.equal({
      missing: [`${meeting}/vorlagen/SV-9-1600/v1/quellen/binogi.yaml`],
      changed: [`${meeting}/vorlagen/SV-9-1601/v1/SV-9-1601.pdf`],
      extra: [`${meeting}/sitzungsmappe/1/notiz.txt`],
      entries: 3,
      files: 9,
    });
    expect(formatVerifyResult(result)).to.equal(
      [
        `fehlt: ${meeting}/vorlagen/SV-9-1600/v1/quellen/binogi.yaml`,
        `geändert: ${meeting}/vorlagen/SV-9-1601/v1/SV-9-1601.pdf`,
        `zusätzlich: ${meeting}/sitzungsmappe/1/notiz.txt`,
        '',
        '3 Abweichungen (1 fehlend, 1 geändert, 1 zusätzlich); 9 Dateien in 3 Einträgen geprüft.',
        'Archivierte Dateien dürfen nicht verändert werden: Stellen Sie die betroffenen Dateien aus der Datensicherung wieder her und entfernen Sie zusätzliche Dateien.',
        '',
      ].join('\n'),
    );
    expect(verifyExitCode(result)).to.equal(1);
  });

  it('notices a deleted entry, an edited manifest, stray files and temp leftovers', async () => {
    const root = await archived();
    rmSync(join(root, meeting, 'vorlagen/SV-9-1600'), { recursive: true });
    const manifestPath = join(root, meeting, 'vorlagen/SV-9-1601/v1/manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { buildDate: string };
    manifest.buildDate = '2020-01-23';
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(join(root, meeting, 'liesmich.txt'), 'x');
    mkdirSync(join(root, meeting, 'sitzungsmappe/.2.neu-1-abc'));
    writeFileSync(join(root, meeting, 'sitzungsmappe/.2.neu-1-abc/manifest.json'), '{}');
    const result = await verifyArchive(root);
    expect(result.missing).to.deep.equal([`${meeting}/vorlagen/SV-9-1600/v1/manifest.json`]);
    expect(result.changed).to.deep.equal([`${meeting}/vorlagen/SV-9-1601/v1/manifest.json`]);
    expect(result.extra).to.deep.equal([
      `${meeting}/liesmich.txt`,
      `${meeting}/sitzungsmappe/.2.neu-1-abc/manifest.json`,
    ]);
    expect(result.entries).to.equal(2);
  });

  it('an unreadable manifest counts as changed', async () => {
    const root = await archived();
    writeFileSync(join(root, meeting, 'sitzungsmappe/1/manifest.json'), 'kaputt');
    const result = await verifyArchive(root);
    expect(result.changed).to.deep.equal([`${meeting}/sitzungsmappe/1/manifest.json`]);
  });

  it('a folder without entries is not "unverändert"; a missing folder is an error', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'ratsmappe-verify-'));
    dirs.push(empty);
    const result = await verifyArchive(empty);
    expect(verifyExitCode(result)).to.equal(1);
    expect(formatVerifyResult(result)).to.include('Keine archivierten Einträge gefunden');
    let error: unknown;
    try {
      await verifyArchive(join(empty, 'gibt-es-nicht'));
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(VerifyError);
    expect((error as Error).message).to.match(
      /^Der Archivordner „.*gibt-es-nicht“ existiert nicht\.$/,
    );
  });

  it('singular forms', () => {
    expect(
      formatVerifyResult({ missing: [], changed: ['a/x.pdf'], extra: [], entries: 1, files: 1 }),
    ).to.include('1 Abweichung (1 geändert); 1 Datei in 1 Eintrag geprüft.');
  });
});
