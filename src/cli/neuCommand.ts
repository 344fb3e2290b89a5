import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { escapeControls } from '../format/terminalText.js';
import { neueSitzung, neuerAbschnitt, neueVorlage, ScaffoldError } from '../scaffold/neu.js';
import type { Io } from './main.js';

/** `neu vorlage content`: a single argument that is a content folder is the folder, not a number. */
const isContentFolder = (path: string): boolean =>
  existsSync(join(path, 'koerperschaft.yaml')) || existsSync(join(path, 'sitzungen'));

/** `ratsmappe neu sitzung|vorlage|abschnitt …`: 0 written, 1 refused (exists), 2 misuse. */
export function neuCommand(
  what: 'sitzung' | 'vorlage' | 'abschnitt',
  args: readonly (string | undefined)[],
  options: { readonly art?: string },
  io: Io,
): number {
  try {
    const written: string[] = [];
    if (what === 'sitzung') {
      const [datum = '', gremium = '', content = 'content'] = args;
      written.push(neueSitzung(content, datum, gremium));
    } else if (what === 'vorlage') {
      let [nummer, content = 'content'] = args;
      // `neu vorlage inhalte`: one argument that is a content folder names the folder
      if (nummer !== undefined && isContentFolder(nummer)) [nummer, content] = [undefined, nummer];
      const result = neueVorlage(content, nummer, options.art ?? 'Beschlussvorlage');
      written.push(...result.files);
    } else {
      const [nummer = '', art = '', content = 'content'] = args;
      written.push(neuerAbschnitt(content, nummer, art));
    }
    io.stdout(
      `${written.map((f) => `angelegt: ${escapeControls(f)}`).join('\n')}\nPrüfen mit: npx ratsmappe check\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ScaffoldError) {
      io.stderr(`${escapeControls(error.message)}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
