/** A file to archive; path relative to its entry folder, forward slashes. */
export interface ArchiveFile {
  readonly path: string;
  readonly bytes: Uint8Array;
  /** a rendered PDF: the PDF/A it claims, null when an Anlage in it is not PDF/A */
  readonly pdfa?: 'PDF/A-2b' | 'PDF/A-3b' | null;
  /** with pdfa null: the Anlagen that prevent it, as the build's manifest names them */
  readonly ohnePdfaWegen?: readonly string[];
}

export interface ArchiveVorlage {
  readonly nummer: string;
  readonly version: number;
  /** the rendered files (PDF, PDF/A, DOCX), stored at the top of the entry folder */
  readonly files: readonly ArchiveFile[];
  /** the YAML files (vorlage.yaml and the section files), stored under quellen/ */
  readonly sources: readonly ArchiveFile[];
}

export interface ArchiveInput {
  readonly koerperschaft: string;
  readonly gremium: string;
  readonly meetingId: string;
  readonly toolVersion: string;
  /** ISO date taken from the content, never from the clock */
  readonly buildDate: string;
  readonly vorlagen: readonly ArchiveVorlage[];
  /** the meeting packets (PDF/A); no files = no packet entry */
  readonly packet: { readonly files: readonly ArchiveFile[] };
}

export type ArchiveEntryKind = 'vorlage' | 'sitzungsmappe';

/** One entry of an archive run, for the report. */
export interface ArchiveEntryReport {
  readonly kind: ArchiveEntryKind;
  /** German, e.g. "V/2024/0815, Version 2" or "Sitzungsmappe 1" */
  readonly label: string;
  /** the entry folder relative to the archive root, forward slashes */
  readonly path: string;
  readonly files: number;
}

export interface ArchiveReport {
  /** the meeting folder relative to the archive root, forward slashes */
  readonly meetingPath: string;
  readonly stored: readonly ArchiveEntryReport[];
  readonly unchanged: readonly ArchiveEntryReport[];
}
