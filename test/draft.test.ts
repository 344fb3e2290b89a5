import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { checkVorlage } from '../src/check/checkVorlage.js';
import { findVorlageFolder, UnknownVorlageError } from '../src/check/unknownVorlage.js';
import { readContent } from '../src/load/readContent.js';
import { prepareOutputFolder } from '../src/write/outputFolder.js';
import { copyOfExample, ratsmappe, scratchFolders } from './helpers/cli.js';
import { extractDocxText } from './helpers/docxText.js';
import { extractPdfText } from './helpers/pdfText.js';

// Issue 9, point 5: `check` and `build` take `--vorlage <nummer>`, also for a Vorlage that is on
// no agenda yet (a draft); `build` writes its PDF and DOCX to <out>/entwuerfe/<nummer>/.

const betreff = 'Sprachkurse für Eltern in Dülmen';

/** The example content plus SV-9-1602, a Vorlage that is on no agenda. */
function withDraft(): string {
  const dir = copyOfExample();
  const vorlagen = join(dir, 'content/vorlagen');
  cpSync(join(vorlagen, 'SV-9-1600'), join(vorlagen, 'SV-9-1602'), { recursive: true });
  const header = join(vorlagen, 'SV-9-1602/vorlage.yaml');
  writeFileSync(
    header,
    readFileSync(header, 'utf8')
      .replace('nummer: SV-9-1600', 'nummer: SV-9-1602')
      .replace('betreff: Netzwerk Chancengerechtigkeit', `betreff: ${betreff}`)
      .replace('datum: 2020-02-04', 'datum: 2020-05-12'),
  );
  return dir;
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Breaks a file of the content by replacing `from` with `to`. */
function edit(dir: string, file: string, from: string, to: string): void {
  const path = join(dir, 'content', file);
  const text = readFileSync(path, 'utf8');
  expect(text, file).to.include(from);
  writeFileSync(path, text.replace(from, to));
}

interface Found {
  readonly code: string;
  readonly file: string;
  readonly severity: string;
}

describe('drafts: --vorlage <nummer>', () => {
  const scratch = scratchFolders(withDraft);

  it('build renders a Vorlage that is on no agenda into <out>/entwuerfe/<nummer>/', async () => {
    const dir = scratch();
    const run = ratsmappe(['build', 'content', '--vorlage', 'SV-9-1602', '--out', 'ausgabe'], {
      cwd: dir,
    });
    expect(run.status, run.stderr).to.equal(0);
    const folder = join(dir, 'ausgabe', 'entwuerfe', 'SV-9-1602');
    expect(run.stdout).to.equal(
      `${join('ausgabe', 'entwuerfe', 'SV-9-1602')}: SV-9-1602.pdf, SV-9-1602.docx (Entwurf, nicht zur Veröffentlichung)\n`,
    );
    // the draft only: no meeting folder, no packets
    expect(readdirSync(join(dir, 'ausgabe'))).to.deep.equal(['entwuerfe']);
    expect(readdirSync(folder).sort()).to.deep.equal(['SV-9-1602.docx', 'SV-9-1602.pdf']);
    const pdf = (await extractPdfText(readFileSync(join(folder, 'SV-9-1602.pdf')))).text;
    expect(pdf).to.include(betreff);
    expect(pdf).to.include('Mitteilungsvorlage SV-9-1602');
    expect(pdf).to.include('Aufbau des Netzwerks');
    // the body comes from the meetings: the Vorlage does not name it
    expect(pdf).to.include('Kreis Coesfeld');
    const docx = await extractDocxText(readFileSync(join(folder, 'SV-9-1602.docx')));
    expect(docx).to.include(betreff);
    expect(docx).to.include('Aufbau des Netzwerks');
    // that it is on no agenda is a warning, which does not stop a draft
    expect(run.stderr).to.match(/vorlagen\/SV-9-1602\/vorlage\.yaml:1:9 {2}warnung {2}RM510 /);

    const again = ratsmappe(['build', 'content', '--vorlage', 'SV-9-1602', '--out', 'ausgabe'], {
      cwd: dir,
    });
    expect(again.status).to.equal(0);
    expect(again.stdout).to.include(
      'ausgabe/entwuerfe/SV-9-1602: unverändert, nichts neu geschrieben',
    );
  });

  it('check reports only the diagnostics of that Vorlage and its sections', () => {
    const dir = scratch();
    edit(dir, 'vorlagen/SV-9-1602/netzwerk.yaml', 'titel: Aufbau des Netzwerks', 'titel: 12');
    edit(dir, 'vorlagen/SV-9-1602/vorlage.yaml', 'datum: 2020-01-22', 'datum: 22.01.2020');
    edit(dir, 'vorlagen/SV-9-1601/sprachmittlerpool.yaml', 'anzahl: 1300', 'anzahl: 1.300');
    edit(dir, 'sitzungen/2020-02-04-integrationsausschuss.yaml', 'beginn: "17:00"', 'beginn: 17');
    const all = JSON.parse(
      ratsmappe(['check', 'content', '--json'], { cwd: dir }).stdout,
    ) as Found[];
    expect(
      new Set(
        all.map((d) =>
          d.file
            .replace(/^content\//, '')
            .split('/')
            .slice(0, 2)
            .join('/'),
        ),
      ),
    ).to.deep.equal(
      new Set([
        'vorlagen/SV-9-1602',
        'vorlagen/SV-9-1601',
        'sitzungen/2020-02-04-integrationsausschuss.yaml',
      ]),
    );
    const run = ratsmappe(['check', 'content', '--vorlage', 'SV-9-1602', '--json'], { cwd: dir });
    expect(run.status).to.equal(1);
    const own = JSON.parse(run.stdout) as Found[];
    expect(own.map((d) => [d.file, d.code]).sort()).to.deep.equal(
      [
        ['content/vorlagen/SV-9-1602/netzwerk.yaml', 'RM303'],
        ['content/vorlagen/SV-9-1602/vorlage.yaml', 'RM203'],
      ].sort(),
    );
    expect(own).to.deep.equal(all.filter((d) => d.file.startsWith('content/vorlagen/SV-9-1602/')));
    const text = ratsmappe(['check', 'content', '--vorlage', 'SV-9-1602'], { cwd: dir });
    expect(text.stdout).to.include('vorlagen/SV-9-1602/netzwerk.yaml:2:8  fehler  RM303');
    expect(text.stdout).to.not.include('SV-9-1601');
  });

  it('faults in other files stop neither the check nor the build of a draft', () => {
    const dir = scratch();
    edit(dir, 'vorlagen/SV-9-1601/sprachmittlerpool.yaml', 'anzahl: 1300', 'anzahl: 1.300');
    expect(ratsmappe(['check', 'content'], { cwd: dir }).status).to.equal(1);
    const check = ratsmappe(['check', 'content', '--vorlage', 'SV-9-1602', '--json'], { cwd: dir });
    expect(check.status).to.equal(0);
    expect((JSON.parse(check.stdout) as Found[]).map((d) => d.code)).to.deep.equal(['RM510']);
    const build = ratsmappe(['build', 'content', '--vorlage', 'SV-9-1602', '--quiet'], {
      cwd: dir,
    });
    expect(build.status, build.stderr).to.equal(0);
    expect(existsSync(join(dir, 'out/entwuerfe/SV-9-1602/SV-9-1602.pdf'))).to.equal(true);
  });

  it('a draft with a fault writes nothing and its last good files stay', () => {
    const dir = scratch();
    const args = ['build', 'content', '--vorlage', 'SV-9-1602', '--out', 'ausgabe', '--quiet'];
    expect(ratsmappe(args, { cwd: dir }).status).to.equal(0);
    const pdf = join(dir, 'ausgabe/entwuerfe/SV-9-1602/SV-9-1602.pdf');
    const before = sha(pdf);
    edit(dir, 'vorlagen/SV-9-1602/vorlage.yaml', 'datum: 2020-01-22', 'datum: 22.01.2020');
    const run = ratsmappe(args, { cwd: dir });
    expect(run.status).to.equal(1);
    expect(run.stderr).to.include('RM203');
    expect(run.stderr).to.include(
      'Es wurde nichts geschrieben; die bisherigen Dateien in „ausgabe“ bleiben unverändert.\n',
    );
    expect(sha(pdf)).to.equal(before);
  });

  it('a draft build killed between the renames keeps the last good draft for the next build', async () => {
    const dir = scratch();
    const args = ['build', 'content', '--vorlage', 'SV-9-1602', '--quiet'];
    expect(ratsmappe(args, { cwd: dir }).status).to.equal(0);
    const drafts = join(dir, 'out/entwuerfe');
    const before = sha(join(drafts, 'SV-9-1602/SV-9-1602.pdf'));
    edit(dir, 'vorlagen/SV-9-1602/vorlage.yaml', betreff, `${betreff} (geändert)`);
    const killed = ratsmappe(args, { cwd: dir, env: { RATSMAPPE_TEST_HALT: 'alt-beiseite' } });
    expect(killed.signal).to.equal('SIGKILL');
    expect(readdirSync(drafts).filter((n) => !n.startsWith('.'))).to.deep.equal([]);
    await prepareOutputFolder(join(dir, 'out'));
    expect(readdirSync(drafts)).to.deep.equal(['SV-9-1602']);
    expect(sha(join(drafts, 'SV-9-1602/SV-9-1602.pdf'))).to.equal(before);
  });

  it('an unknown number exits 2 with a did-you-mean, and nothing is written', () => {
    const dir = scratch();
    for (const command of ['build', 'check']) {
      const run = ratsmappe([command, 'content', '--vorlage', 'SV-9-16O2'], { cwd: dir });
      expect(run.status, command).to.equal(2);
      expect(run.stderr).to.equal(
        'Die Vorlage „SV-9-16O2“ gibt es nicht: Im Inhaltsordner liegt kein Ordner vorlagen/SV-9-16O2/. Meinten Sie „SV-9-1602“?\n',
      );
      expect(run.stdout).to.equal('');
    }
    expect(existsSync(join(dir, 'out'))).to.equal(false);
  });

  it('finds a Vorlage by its number also where the folder differs (V/2024/0815)', () => {
    expect(findVorlageFolder('V/2024/0815', ['V-2024-0814', 'V-2024-0815'])).to.equal(
      'V-2024-0815',
    );
    expect(() => findVorlageFolder('V/2024/0816', ['V-2024-0815'])).to.throw(
      UnknownVorlageError,
      'Meinten Sie „V-2024-0815“?',
    );
  });

  it('composes a draft with the body of the meetings (library)', async () => {
    const dir = scratch();
    const result = checkVorlage(await readContent(join(dir, 'content')), 'SV-9-1602');
    expect(result.folder).to.equal('SV-9-1602');
    expect(result.vorlage?.koerperschaft).to.equal('Kreis Coesfeld');
    expect(result.vorlage?.kopf.betreff).to.equal(betreff);
    expect(result.vorlage?.gruppen.flatMap((g) => g.abschnitte.map((a) => a.datei))).to.deep.equal([
      'netzwerk.yaml',
    ]);
  });
});
