import { ArchiveInputError } from './archiveErrors.js';
import { isSafeRelativePath, manifestName } from './manifest.js';

// eslint-disable-next-line no-control-regex
const controlChars = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * A name as written (Körperschaft, Gremium, meeting, Vorlage number), made safe as a folder name:
 * NFC, no control characters, "/", "\\" and the characters Windows forbids (<>:"|?*) become "-",
 * runs of dots become one dot, no leading dots (hidden folders, temp folders), trimmed; umlauts
 * and spaces stay.
 */
export function safeFolderName(name: string): string {
  const safe = name
    .normalize('NFC')
    .replace(controlChars, '')
    .replace(/[/\\<>:"|?*]/g, '-')
    .replace(/\.{2,}/g, '.')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (safe === '') {
    throw new ArchiveInputError(
      `Aus „${name}“ lässt sich kein Ordnername bilden. Bitte geben Sie einen Namen mit Buchstaben oder Ziffern an.`,
    );
  }
  return safe;
}

/** Validates entry-relative paths: safe, unique, no file where another needs a folder. */
export function checkEntryPaths(label: string, paths: readonly string[]): void {
  const seen = new Set<string>();
  for (const path of paths) {
    if (!isSafeRelativePath(path)) {
      throw new ArchiveInputError(
        `${label}: Der Dateipfad „${path}“ ist nicht erlaubt (relativ, mit „/“, ohne „..“ und Steuerzeichen).`,
      );
    }
    if (path === manifestName) {
      throw new ArchiveInputError(`${label}: Der Dateiname „${manifestName}“ ist reserviert.`);
    }
    if (seen.has(path))
      throw new ArchiveInputError(`${label}: Die Datei „${path}“ ist doppelt angegeben.`);
    seen.add(path);
  }
  for (const path of paths) {
    const segments = path.split('/');
    for (let i = 1; i < segments.length; i++) {
      const folder = segments.slice(0, i).join('/');
      if (seen.has(folder)) {
        throw new ArchiveInputError(
          `${label}: „${folder}“ ist als Datei und als Ordner (für „${path}“) angegeben.`,
        );
      }
    }
  }
}
