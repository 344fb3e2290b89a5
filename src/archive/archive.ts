import { planArchive } from './planArchive.js';
import { storeEntries } from './storeEntries.js';
import type { ArchiveInput, ArchiveReport } from './types.js';
import { writeIndex } from './writeIndex.js';

export { ArchiveConflict, ArchiveInputError, type ArchiveConflictDetail } from './archiveErrors.js';
export { formatArchiveReport } from './formatArchiveReport.js';
export { safeFolderName } from './safeFolderName.js';
export type {
  ArchiveEntryKind,
  ArchiveEntryReport,
  ArchiveFile,
  ArchiveInput,
  ArchiveReport,
  ArchiveVorlage,
} from './types.js';

/**
 * Archives one meeting below root: <Körperschaft>/<Gremium>/<meetingId>/ with
 * vorlagen/<nummer>/v<version>/ (files, quellen/, manifest.json), sitzungsmappe/<n>/ (packet
 * files, manifest.json) and index.json.
 *
 * An archived version is never overwritten: identical content is reported as unchanged, different
 * content throws ArchiveConflict before anything is written. Every new entry is written to a temp
 * folder beside its final place and renamed into place only after all new entries were written;
 * a failure removes the temp folders (and the folders this run created), so no partial entry
 * remains.
 */
export async function archiveMeeting(root: string, input: ArchiveInput): Promise<ArchiveReport> {
  const { meetingPath, meetingDir, planned, unchanged } = await planArchive(root, input);
  const stored = await storeEntries(planned, () => writeIndex(meetingDir, input));
  if (stored.length > 0 || unchanged.length > 0) await writeIndex(meetingDir, input);
  return { meetingPath, stored, unchanged };
}
