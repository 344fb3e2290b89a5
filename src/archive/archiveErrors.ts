import { join } from 'node:path';

/** The input cannot be archived as given (unusable name or file path): a misuse, exit code 2. */
export class ArchiveInputError extends Error {
  override readonly name = 'ArchiveInputError';
}

export interface ArchiveConflictDetail {
  readonly nummer: string;
  readonly version: number;
  /** the archived entry folder relative to the archive root */
  readonly path: string;
  /** entry-relative paths whose content differs, is missing on one side, or a German reason */
  readonly differing: readonly string[];
}

/**
 * A Vorlage version is already archived with different content. Thrown before anything is
 * written; an archived version is never overwritten.
 */
export class ArchiveConflict extends Error {
  override readonly name = 'ArchiveConflict';
  readonly conflicts: readonly ArchiveConflictDetail[];
  constructor(conflicts: readonly ArchiveConflictDetail[], root: string, notes: readonly string[]) {
    super(conflictMessage(conflicts, root, notes));
    this.conflicts = conflicts;
  }
}

function conflictMessage(
  conflicts: readonly ArchiveConflictDetail[],
  root: string,
  notes: readonly string[],
): string {
  const shown = (list: readonly string[]): string =>
    list.length <= 5
      ? list.join(', ')
      : `${list.slice(0, 5).join(', ')} und ${list.length - 5} weitere`;
  const parts = conflicts.map(
    (c) =>
      `Die Vorlage ${c.nummer} ist in Version ${c.version} bereits archiviert (${c.path}), aber mit anderem Inhalt; abweichend: ${shown(c.differing)}.`,
  );
  return [
    ...parts,
    ...notes,
    'Eine archivierte Version wird nie überschrieben. Es wurde nichts archiviert.',
    'Erhöhen Sie „version“ in vorlage.yaml und beschreiben Sie unter „aenderungen“, was sich geändert hat.',
    ...conflicts.map(
      (c) =>
        `Was sich gegenüber der archivierten Fassung geändert hat, zeigt: ratsmappe diff "${join(root, ...c.path.split('/'), 'quellen')}" <Ordner der Vorlage ${c.nummer}>`,
    ),
  ].join('\n');
}
