/**
 * The render cache must never give a wrong result: for every kind of input change, a build
 * with the cache must re-render what the change touches and give exactly the bytes a build
 * without any cache gives; with nothing changed it renders nothing.
 */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { PDFDocument } from 'pdf-lib';
import { checkAndCompose, renderMeeting, type MeetingOutput } from '../src/build.js';
import { readContent } from '../src/load/readContent.js';
import { loadTemplates, templateDir } from '../src/template/loadTemplates.js';
import { toolVersion } from '../src/version.js';
import { versionOf } from '../src/cache/toolFingerprint.js';
import { extractPdfText } from './helpers/pdfText.js';
import { exampleContentDir } from './helpers/exampleBuild.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

interface Setup {
  readonly content: string;
  readonly templates: string;
  readonly date?: string;
  readonly version?: string;
}

async function build(setup: Setup, cacheDir: string | undefined): Promise<MeetingOutput> {
  const files = await readContent(setup.content);
  const result = checkAndCompose(files);
  if (result.diagnostics.some((d) => d.severity === 'fehler')) {
    throw new Error(JSON.stringify(result.diagnostics));
  }
  // the built-in templates of the copy, with the content folder's own (content/templates/)
  const templates = await loadTemplates(new URL(`file://${setup.templates}/`), files.own);
  const [meeting] = result.meetings;
  if (meeting === undefined) throw new Error('no meeting');
  return renderMeeting(templates, meeting, {
    toolVersion: setup.version ?? toolVersion,
    date: setup.date,
    cacheDir,
    threads: 0,
  });
}

const bytesOf = (output: MeetingOutput): Map<string, string> =>
  new Map(output.artifacts.map((a) => [a.name, Buffer.from(a.bytes).toString('base64')]));

/** The info.json files of the cache entries that `keep` keeps. */
const storedEntries = (
  cacheDir: string,
  keep: (stored: { info: unknown; files: object }) => boolean,
): string[] =>
  readdirSync(join(cacheDir, 'v1'), { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('info.json'))
    .map((name) => join(cacheDir, 'v1', name))
    .filter((file) =>
      keep(JSON.parse(readFileSync(file, 'utf8')) as { info: unknown; files: object }),
    );

const fileText = async (output: MeetingOutput, name: string): Promise<string> => {
  const found = output.artifacts.find((a) => a.name === name);
  if (!found) throw new Error(`${name} missing`);
  return (await extractPdfText(found.bytes)).text;
};

describe('render cache', function () {
  this.timeout(300_000);
  let root: string;
  let setup: Setup;
  let cacheDir: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ratsmappe-cache-'));
    cpSync(exampleContentDir, join(root, 'content'), { recursive: true });
    cpSync(templateDir, join(root, 'templates'), { recursive: true });
    setup = { content: join(root, 'content'), templates: join(root, 'templates') };
    cacheDir = join(root, 'cache');
    await build(setup, cacheDir); // fills the cache
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
  });

  /** The cached build re-renders `expected` Vorlagen and both packets, and equals a fresh one. */
  async function expectFresh(
    changed: Setup,
    expected: { vorlagen: number; packets: number },
  ): Promise<MeetingOutput> {
    const cached = await build(changed, cacheDir);
    const fresh = await build(changed, undefined);
    expect(cached.rendered).to.deep.equal(expected);
    expect(bytesOf(cached)).to.deep.equal(bytesOf(fresh));
    return cached;
  }

  it('renders nothing when nothing changed, and gives the same bytes', async () => {
    await expectFresh(setup, { vorlagen: 0, packets: 0 });
  });

  it('re-renders a Vorlage whose section file changed, and both packets', async () => {
    const file = join(setup.content, 'vorlagen', 'SV-9-1601', 'sprachmittlerpool.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/anzahl: 30\b/, 'anzahl: 31'));
    const output = await expectFresh(setup, { vorlagen: 1, packets: 2 });
    expect(await fileText(output, 'oeffentlich/SV-9-1601.pdf')).to.include('ca. 31 Sprachmittler');
    expect(await fileText(output, 'oeffentlich/sitzungsmappe.pdf')).to.include(
      'ca. 31 Sprachmittler',
    );
    expect(await fileText(output, 'nichtoeffentlich/sitzungsmappe-mitglieder.pdf')).to.include(
      'ca. 31 Sprachmittler',
    );
  });

  it("keeps the covers' lengths; a wrong one costs a layout, never a wrong packet", async () => {
    // the cover-length entries: a number, no files (build.ts, coverGuess)
    const entries = storedEntries(
      cacheDir,
      (stored) => typeof stored.info === 'number' && Object.keys(stored.files).length === 0,
    );
    expect(entries, 'one per packet').to.have.length.of.at.least(2);
    for (const file of entries) writeFileSync(file, JSON.stringify({ info: 5, files: {} }));
    const file = join(setup.content, 'vorlagen', 'SV-9-1601', 'sprachmittlerpool.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/anzahl: 31\b/, 'anzahl: 32'));
    const output = await expectFresh(setup, { vorlagen: 1, packets: 2 });
    expect(await fileText(output, 'oeffentlich/sitzungsmappe.pdf')).to.include(
      'ca. 32 Sprachmittler',
    );
  });

  it("reuses a packet's cover and furniture from its last build, only for the same input", async () => {
    // the packets' renders (build.ts, packetRenders.ts): files named by their input's hash
    const stored = storedEntries(cacheDir, ({ files }) => {
      const names = Object.keys(files);
      return names.length > 0 && names.every((n) => /^[0-9a-f]{64}$/.test(n));
    });
    expect(stored, 'one per packet').to.have.length(2);
    // every stored cover (a render with a page count) swapped for a document that says so
    for (const file of stored) {
      const entry = JSON.parse(readFileSync(file, 'utf8')) as {
        info: Record<string, unknown>;
        files: Record<string, string>;
      };
      for (const [name, info] of Object.entries(entry.info)) {
        if (typeof (info as { pages?: unknown }).pages !== 'number') continue;
        const marker = await PDFDocument.create();
        for (let i = 0; i < (info as { pages: number }).pages; i++)
          marker.addPage([595.28, 841.89]).drawText('AUS DEM ZWISCHENSPEICHER', { x: 72, y: 700 });
        const bytes = await marker.save({ useObjectStreams: false });
        writeFileSync(join(dirname(file), name), bytes);
        entry.files[name] = createHash('sha256').update(bytes).digest('hex');
      }
      writeFileSync(file, JSON.stringify(entry));
    }
    // an edit that keeps every page count: the packets take their covers from the cache
    const section = join(setup.content, 'vorlagen', 'SV-9-1601', 'sprachmittlerpool.yaml');
    writeFileSync(section, readFileSync(section, 'utf8').replace(/anzahl: 32\b/, 'anzahl: 33'));
    const reused = await build(setup, cacheDir);
    for (const packet of [
      'oeffentlich/sitzungsmappe.pdf',
      'nichtoeffentlich/sitzungsmappe-mitglieder.pdf',
    ])
      expect(await fileText(reused, packet)).to.include('AUS DEM ZWISCHENSPEICHER');
    // a change of the cover's input: laid out anew, as a build without cache does
    const meeting = join(setup.content, 'sitzungen', '2020-02-04-integrationsausschuss.yaml');
    const original = readFileSync(meeting, 'utf8');
    writeFileSync(meeting, original.replace('Sitzungssaal', 'Raum 101'));
    const output = await expectFresh(setup, { vorlagen: 0, packets: 2 });
    expect(await fileText(output, 'oeffentlich/sitzungsmappe.pdf')).to.include('Raum 101');
    writeFileSync(meeting, original);
    // the swapped entries are gone; the later tests start from a cache of honest renders
    rmSync(cacheDir, { recursive: true, force: true });
    await build(setup, cacheDir);
  });

  it("takes a chart's SVG and PNG from the cache after an edit elsewhere, draws a changed chart anew", async () => {
    // a content copy and cache of its own: the entry is doctored to show where the SVG comes from
    const own = join(root, 'charts');
    cpSync(exampleContentDir, join(own, 'content'), { recursive: true });
    const charts = { ...setup, content: join(own, 'content') };
    const chartCache = join(own, 'cache');
    await build(charts, chartCache);
    const svgs = storedEntries(chartCache, (s) => 'chart.svg' in s.files);
    const pngs = storedEntries(chartCache, (s) => 'chart.png' in s.files);
    // the example's two charts (the bars of the Anfragen per Kommune, the Jugendamt's line)
    expect(svgs).to.have.length(2);
    expect(pngs).to.have.length(2);
    const bars = svgs.find((info) =>
      readFileSync(join(dirname(info), 'chart.svg'), 'utf8').includes('Ascheberg'),
    );
    if (bars === undefined) throw new Error('the bar chart is not in the cache');
    const svgFile = join(dirname(bars), 'chart.svg');
    const doctored = readFileSync(svgFile, 'utf8').replace('Ascheberg', 'Zwischenspeicher');
    writeFileSync(svgFile, doctored);
    const info = JSON.parse(readFileSync(bars, 'utf8')) as { files: Record<string, string> };
    info.files['chart.svg'] = createHash('sha256').update(doctored).digest('hex');
    writeFileSync(bars, JSON.stringify(info));

    // a figure of the text changes, not the chart's: the chart is the cached one
    const file = join(charts.content, 'vorlagen', 'SV-9-1601', 'sprachmittlerpool.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/anzahl: 30\b/, 'anzahl: 31'));
    let output = await build(charts, chartCache);
    expect(output.rendered.vorlagen).to.equal(1);
    let text = await fileText(output, 'oeffentlich/SV-9-1601.pdf');
    expect(text).to.include('ca. 31 Sprachmittler');
    expect(text).to.include('Zwischenspeicher');
    // the DOCX carries cached PNGs as they are: the line chart's from the first build, the bar
    // chart's made anew of the doctored SVG (another SVG is another PNG key)
    const pngsNow = storedEntries(chartCache, (s) => 'chart.png' in s.files);
    expect(pngsNow).to.have.length(3);
    expect(pngsNow).to.include.members(pngs);
    const docx = output.artifacts.find((a) => a.name === 'oeffentlich/SV-9-1601.docx');
    if (docx === undefined) throw new Error('no DOCX');
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(docx.bytes);
    const media = await Promise.all(
      zip
        .file(/^word\/media\/.*\.png$/)
        .map(async (f) => Buffer.from(await f.async('uint8array')).toString('base64')),
    );
    const cachedPngs = pngsNow.map((png) =>
      readFileSync(join(dirname(png), 'chart.png')).toString('base64'),
    );
    expect(media).to.have.length(2);
    for (const png of media) expect(cachedPngs).to.include(png);

    // the chart's own figure changes: a new key, drawn anew, as a build without cache draws it
    writeFileSync(file, readFileSync(file, 'utf8').replace(/anzahl: 16\b/, 'anzahl: 17'));
    output = await build(charts, chartCache);
    text = await fileText(output, 'oeffentlich/SV-9-1601.pdf');
    expect(text).to.include('Ascheberg');
    expect(text).to.not.include('Zwischenspeicher');
    expect(bytesOf(output)).to.deep.equal(bytesOf(await build(charts, undefined)));
    expect(storedEntries(chartCache, (s) => 'chart.svg' in s.files)).to.have.length(3);
  });

  it('re-renders a Vorlage whose vorlage.yaml changed', async () => {
    const file = join(setup.content, 'vorlagen', 'SV-9-1600', 'vorlage.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('Kommunales Integrationszentrum', 'Amt 50'),
    );
    const output = await expectFresh(setup, { vorlagen: 1, packets: 2 });
    expect(await fileText(output, 'oeffentlich/SV-9-1600.pdf')).to.include('Amt 50');
  });

  it('re-renders the packets when the meeting file changed', async () => {
    const dir = join(setup.content, 'sitzungen');
    const file = join(dir, '2020-02-04-integrationsausschuss.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"17:00"', '"17:30"'));
    const output = await expectFresh(setup, { vorlagen: 0, packets: 2 });
    expect(await fileText(output, 'oeffentlich/sitzungsmappe.pdf')).to.include('17:30 Uhr');
  });

  it('re-renders everything when a template changed', async () => {
    const file = join(setup.templates, 'vorlage.hbs');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('<td>Federführung</td>', '<td>Federführendes Amt</td>'),
    );
    const output = await expectFresh(setup, { vorlagen: 2, packets: 2 });
    expect(await fileText(output, 'oeffentlich/SV-9-1601.pdf')).to.include('Federführendes Amt');
  });

  it('re-renders when an own template (content/templates/) is added, changed or removed', async () => {
    const folder = join(setup.content, 'templates', 'abschnitte');
    mkdirSync(folder, { recursive: true });
    const own = join(folder, 'text.hbs');
    const builtin = readFileSync(join(setup.templates, 'abschnitte', 'text.hbs'), 'utf8');
    const withLine = (line: string): string =>
      builtin.replace(
        '{{else}}{{> textbloecke inhalt}}',
        `{{else}}<p>${line}</p>{{> textbloecke inhalt}}`,
      );
    writeFileSync(own, withLine('Beitrag der Verwaltung'));
    let output = await expectFresh(setup, { vorlagen: 2, packets: 2 });
    expect(await fileText(output, 'oeffentlich/SV-9-1600.pdf')).to.include(
      'Beitrag der Verwaltung',
    );
    writeFileSync(own, withLine('Beitrag des Amtes'));
    output = await expectFresh(setup, { vorlagen: 2, packets: 2 });
    const text = await fileText(output, 'oeffentlich/SV-9-1600.pdf');
    expect(text).to.include('Beitrag des Amtes');
    expect(text).to.not.include('Beitrag der Verwaltung');
    // back to the built-in template: the results from before are still valid
    rmSync(join(setup.content, 'templates'), { recursive: true });
    output = await expectFresh(setup, { vorlagen: 0, packets: 0 });
    expect(await fileText(output, 'oeffentlich/SV-9-1600.pdf')).to.not.include('Beitrag des');
  });

  it('re-renders everything for another tool version', async () => {
    await expectFresh({ ...setup, version: '99.0.0' }, { vorlagen: 2, packets: 2 });
  });

  it('keys on the versions of every library that writes the files, charts included', async () => {
    const require = createRequire(import.meta.url);
    // resvg exports no package.json: its version is found from its entry point
    const resvg = JSON.parse(
      readFileSync(join(dirname(require.resolve('@resvg/resvg-wasm')), 'package.json'), 'utf8'),
    ) as { version: string };
    expect(await versionOf(require, '@resvg/resvg-wasm')).to.equal(resvg.version);
    expect(await versionOf(require, 'echarts')).to.match(/^\d+\.\d+\.\d+/);
    expect(await versionOf(require, 'no-such-library')).to.equal(undefined);
  });

  it('re-renders everything for another SOURCE_DATE_EPOCH day', async () => {
    await expectFresh({ ...setup, date: '2023-11-14' }, { vorlagen: 2, packets: 2 });
  });

  it('re-renders everything when koerperschaft.yaml changed (the letterhead of every Vorlage)', async () => {
    const file = join(setup.content, 'koerperschaft.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('Friedrich-Ebert-Straße 7', 'Schützenwall 18'),
    );
    const output = await expectFresh(setup, { vorlagen: 2, packets: 2 });
    expect(await fileText(output, 'oeffentlich/SV-9-1600.pdf')).to.include('Schützenwall 18');
  });

  it('re-renders everything when the logo file changed, and the font files of the design', async () => {
    const file = join(setup.content, 'koerperschaft.yaml');
    const logo = join(setup.content, 'logo.png');
    cpSync(join(fixtures, 'logos', 'wappen.png'), logo);
    writeFileSync(file, `${readFileSync(file, 'utf8')}logo: logo.png\n`);
    await expectFresh(setup, { vorlagen: 2, packets: 2 });
    // the same name, other bytes
    writeFileSync(logo, Buffer.concat([readFileSync(logo), Buffer.from('   ')]));
    await expectFresh(setup, { vorlagen: 2, packets: 2 });
    // an own font, then its regular cut replaced by other bytes under the same name
    const fontDir = join(setup.content, 'schrift');
    cpSync(join(fixtures, 'stadt', 'schrift'), fontDir, { recursive: true });
    writeFileSync(
      file,
      `${readFileSync(file, 'utf8')}gestaltung:\n  schrift:\n    name: DejaVu Serif\n` +
        '    normal: schrift/DejaVuSerif.ttf\n    fett: schrift/DejaVuSerif-Bold.ttf\n',
    );
    await expectFresh(setup, { vorlagen: 2, packets: 2 });
    cpSync(join(fontDir, 'DejaVuSerif-Bold.ttf'), join(fontDir, 'DejaVuSerif.ttf'));
    await expectFresh(setup, { vorlagen: 2, packets: 2 });
  });

  it('re-renders a Vorlage whose Anlage file changed (same name, other bytes), and both packets', async () => {
    const folder = join(setup.content, 'vorlagen', 'SV-9-1601');
    const anlagen = join(folder, 'anlagen');
    mkdirSync(anlagen, { recursive: true });
    const source = join(fixtures, 'anlagen-sitzung', 'vorlagen');
    cpSync(
      join(source, 'SV-10-0201', 'anlagen', 'wertgutachten.pdf'),
      join(anlagen, 'gutachten.pdf'),
    );
    const file = join(folder, 'vorlage.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        /^abschnitte:/m,
        'anlagen:\n  - titel: Gutachten\n    datei: anlagen/gutachten.pdf\nabschnitte:',
      ),
    );
    let output = await expectFresh(setup, { vorlagen: 1, packets: 2 });
    expect(await fileText(output, 'oeffentlich/SV-9-1601.pdf')).to.include('Verkehrswert');
    cpSync(join(source, 'SV-10-0200', 'anlagen', 'angebot.pdf'), join(anlagen, 'gutachten.pdf'));
    output = await expectFresh(setup, { vorlagen: 1, packets: 2 });
    const text = await fileText(output, 'oeffentlich/sitzungsmappe.pdf');
    expect(text).to.include('Kaufpreisangebot');
    expect(text).to.not.include('Verkehrswert');
  });

  it('treats a damaged entry as missing', async () => {
    const { readdirSync } = await import('node:fs');
    const entries = readdirSync(join(cacheDir, 'v1'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name === 'vorlage.pdf')
      .map((e) => join(e.parentPath, e.name));
    for (const file of entries) writeFileSync(file, 'kaputt');
    const output = await build(setup, cacheDir);
    expect(output.rendered.vorlagen).to.equal(2);
    expect(bytesOf(output)).to.deep.equal(bytesOf(await build(setup, undefined)));
  });

  it('builds without a cache when its folder cannot be used (a file, below /proc), and never hangs', async () => {
    const file = join(root, 'keine-mappe');
    writeFileSync(file, '');
    for (const dir of [file, '/proc/ratsmappe-cache']) {
      const output = await build(setup, dir);
      expect(output.rendered, dir).to.deep.equal({ vorlagen: 2, packets: 2 });
      expect(bytesOf(output)).to.deep.equal(bytesOf(await build(setup, undefined)));
    }
  });
});
