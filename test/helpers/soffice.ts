import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Converts `dir/file` (a DOCX) to PDF with LibreOffice headless, as a clerk's office suite would
 * open and print it, with a profile of its own in `dir`; the PDF is written beside it.
 */
export function sofficeToPdf(dir: string, file: string): void {
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${dir}/profile`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      join(dir, file),
    ],
    { stdio: 'pipe', timeout: 170_000 },
  );
}
