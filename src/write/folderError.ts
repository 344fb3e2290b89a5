import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The output folder cannot take the files: a misuse of the command (exit 2), not a content
 * fault. The message is German, for clerks, and names the folder as it was given.
 */
export class OutputFolderError extends Error {}

/** The nearest existing ancestor of `path` that is not a folder, if any. */
async function fileOnTheWay(path: string): Promise<string | undefined> {
  for (let at = dirname(path); at !== dirname(at); at = dirname(at)) {
    const info = await stat(at).catch(() => null);
    if (info) return info.isDirectory() ? undefined : at;
  }
  return undefined;
}

const noRights = (dir: string) =>
  `In den Ausgabeordner „${dir}“ darf ratsmappe nicht schreiben (keine Schreibrechte).`;
const noSpace = (dir: string) =>
  `Auf dem Laufwerk des Ausgabeordners „${dir}“ ist kein Platz mehr.`;

/** The file system's error codes that a clerk can act on, in German. */
const reasons: Readonly<Partial<Record<string, (dir: string) => string>>> = {
  EACCES: noRights,
  EPERM: noRights,
  EROFS: (dir) => `Der Ausgabeordner „${dir}“ liegt auf einem schreibgeschützten Laufwerk.`,
  ENOSPC: noSpace,
  EDQUOT: noSpace,
};

/**
 * What went wrong with folder `dir`, in German. `when` tells what happened to the output so
 * far: before rendering nothing was made; while writing, the last good files stay.
 */
export async function folderError(
  dir: string,
  error: unknown,
  when: 'vorher' | 'beim-schreiben',
): Promise<OutputFolderError> {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const file = code === 'ENOTDIR' || code === 'EEXIST' ? await fileOnTheWay(dir) : undefined;
  const what =
    file !== undefined
      ? `Der Ausgabeordner „${dir}“ lässt sich nicht anlegen: „${file}“ ist eine Datei, kein Ordner.`
      : (reasons[code ?? '']?.(dir) ??
        `Im Ausgabeordner „${dir}“ lassen sich keine Dateien anlegen (Meldung des Systems: ${code ?? String(error)}).`);
  return new OutputFolderError(`${what}\n${outcome(dir, when)}`);
}

/** The second line of every output folder message: what to do, and what became of the output. */
export function outcome(dir: string, when: 'vorher' | 'beim-schreiben'): string {
  return when === 'vorher'
    ? 'Wählen Sie mit --out einen Ordner, in dem Sie Dateien anlegen dürfen, z. B. --out ausgabe. Es wurde nichts erzeugt.'
    : `Die bisherigen Dateien in „${dir}“ bleiben unverändert.`;
}

/** What a build that stopped on content faults says about the output folder. */
export const nothingWritten = (dir: string): string =>
  `Es wurde nichts geschrieben; die bisherigen Dateien in „${dir}“ bleiben unverändert.`;
