/**
 * Writes docs/fehlercodes.md: every diagnostic code with its message, hint and a real example,
 * taken from the first fixture case in test/fixtures/diagnostics that produces it.
 * `npm run gen:docs`; test/docs.test.ts fails when the page is out of date.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { catalogue, type CatalogueEntry } from '../src/diagnostics/catalogue.js';
import { printDiagnostics } from '../src/diagnostics/print.js';
import { listCases, runCase } from '../test/helpers/diagnosticCases.js';

const target = fileURLToPath(new URL('../docs/fehlercodes.md', import.meta.url));

const sections: Record<string, string> = {
  RM1: 'Dateien und YAML-Schreibweise',
  RM6: 'Druck: Schriften und Zeichen',
  RM7: 'Anlagen: Dateien zur Vorlage',
  RM2: 'Deutsche Schreibweisen, die YAML anders liest',
  RM3: 'Felder und Werte',
  RM4: 'Zahlen, die zusammenpassen müssen',
  RM5: 'Verweise zwischen Dateien',
  RM8: 'Körperschaft: koerperschaft.yaml, Nummern und Gremien',
  RM9: 'Eigene Templates und Abschnittsarten',
};

/** parameters become „…“; the placeholders of a numbering pattern ({jahr}, {laufnummer:4}) stay */
const readable = (template: string): string =>
  template.replace(/\{(?!(?:wahlperiode|jahr|laufnummer)[:}])\w+\}/g, '…');

export async function generateDocs(): Promise<string> {
  const examples = new Map<string, string>();
  for (const c of listCases()) {
    const result = await runCase(c);
    for (const d of result.diagnostics) {
      if (examples.has(d.code)) continue;
      const printed = printDiagnostics([d], { color: false, texts: result.content.texts });
      examples.set(d.code, printed.split('\n\n').slice(0, -1).join('\n\n'));
    }
  }
  const lines = [
    '# Fehlercodes von ratsmappe',
    '',
    'Jede Meldung von `ratsmappe check` und `ratsmappe build` hat einen festen Code. Die Meldung',
    'nennt Datei, Zeile und Spalte (`datei.yaml:12:5`), sagt, was nicht stimmt, und der Hinweis',
    'zeigt, was Sie stattdessen schreiben. Ein Code behält immer seine Bedeutung.',
    '',
    '„fehler“ verhindert, dass etwas erzeugt wird; „warnung“ weist nur auf etwas hin.',
    '',
    '_Diese Seite wird aus dem Code-Katalog und den Testfällen erzeugt (`npm run gen:docs`)._',
  ];
  let section = '';
  for (const [code, entry] of Object.entries(catalogue) as [string, CatalogueEntry][]) {
    const group = sections[code.slice(0, 3)] ?? '';
    if (group !== section) {
      section = group;
      lines.push('', `## ${group}`);
    }
    lines.push(
      '',
      `### ${code} (${entry.severity})`,
      '',
      `**Meldung:** ${readable(entry.message)}`,
      '',
      `**Was tun?** ${readable(entry.hint)}`,
    );
    const example = examples.get(code);
    lines.push(
      '',
      example
        ? `Beispiel:\n\n\`\`\`\n${example}\n\`\`\``
        : '_Diese Meldung erscheint nur bei einem inneren Fehler von ratsmappe; bitte melden Sie ihn._',
    );
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = await generateDocs();
  const old = await readFile(target, 'utf8').catch(() => '');
  if (old !== text) await writeFile(target, text);
  console.log(`docs/fehlercodes.md ${old === text ? 'unchanged' : 'written'}`);
}
