import { folderOf } from '../format/vorlagennummer.js';
import { nearest } from './describe.js';

/**
 * `--vorlage <nummer>` names no Vorlage of the content folder: a misuse of the command
 * (exit 2), not a content fault. The message is German and proposes the nearest number.
 */
export class UnknownVorlageError extends Error {}

/** The folder of `nummer` among `folders`, or an UnknownVorlageError with a did-you-mean. */
export function findVorlageFolder(nummer: string, folders: readonly string[]): string {
  const folder = folderOf(nummer.trim());
  if (folders.includes(folder)) return folder;
  const guess = nearest(folder, folders);
  throw new UnknownVorlageError(
    `Die Vorlage „${nummer}“ gibt es nicht: Im Inhaltsordner liegt kein Ordner vorlagen/${folder}/.` +
      (guess === null ? '' : ` Meinten Sie „${guess}“?`) +
      (guess === null && folders.length > 0 && folders.length <= 10
        ? ` Vorhanden sind: ${folders.join(', ')}.`
        : ''),
  );
}
