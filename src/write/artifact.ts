/** A file to be written below out/<meeting>/: its path there (forward slashes) and its bytes. */
export interface Artifact {
  readonly name: string;
  readonly bytes: Uint8Array;
}
