import { join } from 'node:path';
import { expect } from 'chai';
import { checkAndCompose, renderMeeting, type MeetingOutput } from '../src/build.js';
import { flattenTops, type ComposedMeeting } from '../src/compose/compose.js';
import type { Block, Inline } from '../src/model/types.js';
import { packetPlan } from '../src/packet/packetDocument.js';
import { loadTemplates, type Templates } from '../src/template/loadTemplates.js';
import { toolVersion } from '../src/version.js';
import { casesDir, caseContent } from './helpers/diagnosticCases.js';

const inlineText = (inlines: readonly Inline[]): string =>
  inlines
    .map((i) => (i.type === 'text' ? i.text : 'children' in i ? inlineText(i.children) : ''))
    .join('');

/** The TOP numbers in one part of the Tagesordnung on the cover ("Öffentlicher Teil", …). */
function agendaPart(cover: readonly Block[], part: string): string[] {
  const at = cover.findIndex((b) => b.type === 'heading' && inlineText(b.children) === part);
  const table = cover.slice(at + 1).find((b) => b.type === 'table');
  if (at < 0 || table?.type !== 'table') return [];
  return table.rows.map((row) => inlineText(row[0]?.children ?? []));
}

/** A public Vorlage in the non-public part is treated as non-public there (RM514). */
async function composed(name: string): Promise<ComposedMeeting> {
  const result = checkAndCompose(await caseContent({ name, dir: join(casesDir, name) }));
  expect(result.diagnostics.map((d) => `${d.severity} ${d.code}`)).to.deep.equal(['warnung RM514']);
  const [meeting] = result.meetings;
  if (!meeting) throw new Error('not composed');
  return meeting;
}

describe('a public Vorlage in the non-public part of an agenda is never published', function () {
  this.timeout(120_000);
  let templates: Templates;
  before(async () => {
    templates = await loadTemplates();
  });

  it('as a non-public TOP: the model, the public packet and oeffentlich/ leave it out', async () => {
    const meeting = await composed('rm514-oeffentliche-vorlage-im-nichtoeffentlichen-teil');
    const top = flattenTops(meeting.tagesordnung).find((t) => t.vorlage?.nummer === 'SV-9-1600');
    expect(top?.oeffentlich).to.equal(false);
    expect(top?.vorlage?.kopf.oeffentlich).to.equal(false);
    const plan = packetPlan(templates, meeting, 'oeffentlich');
    expect(plan.publicTops.map((t) => t.nummer)).to.deep.equal(['SV-9-1601']);
    expect(plan.internalTops).to.deep.equal([]);
    expect(agendaPart(plan.cover, 'Öffentlicher Teil')).to.deep.equal(['1', '2', '3']);
    expect(agendaPart(plan.cover, 'Nichtöffentlicher Teil')).to.deep.equal(['4']);
    const members = packetPlan(templates, meeting, 'mitglieder');
    expect(members.internalTops.map((t) => t.nummer)).to.deep.equal(['SV-9-1600']);

    const output: MeetingOutput = await renderMeeting(templates, meeting, { toolVersion });
    const names = output.artifacts.map((a) => a.name);
    expect(names.filter((n) => n.includes('SV-9-1600')).sort()).to.deep.equal([
      'nichtoeffentlich/SV-9-1600.docx',
      'nichtoeffentlich/SV-9-1600.pdf',
    ]);
    const manifest = output.artifacts.find((a) => a.name === 'oeffentlich/manifest.json');
    expect(new TextDecoder().decode(manifest?.bytes)).to.not.include('SV-9-1600');
  });

  it('as a sub-item of a non-public TOP: neither it nor its siblings are in the public part', async () => {
    const meeting = await composed('rm514-vorlage-unter-nichtoeffentlichem-punkt');
    const tops = flattenTops(meeting.tagesordnung);
    expect(tops.map((t) => [t.nummer, t.oeffentlich])).to.deep.equal([
      ['1', true],
      ['2', true],
      ['3', false],
      ['3.1', false],
      ['3.2', false],
    ]);
    expect(meeting.vorlagen.map((v) => [v.nummer, v.kopf.oeffentlich])).to.deep.equal([
      ['SV-9-1601', true],
      ['SV-9-1600', false],
    ]);
    const plan = packetPlan(templates, meeting, 'oeffentlich');
    expect(agendaPart(plan.cover, 'Öffentlicher Teil')).to.deep.equal(['1', '2']);
    expect(agendaPart(plan.cover, 'Nichtöffentlicher Teil')).to.deep.equal(['3', '3.1', '3.2']);
    expect(plan.publicTops.map((t) => t.nummer)).to.deep.equal(['SV-9-1601']);
  });
});
