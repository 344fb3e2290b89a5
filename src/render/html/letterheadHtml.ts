/**
 * The letterhead in the preview, as the PDF and the DOCX print it on the first page: logo,
 * Körperschaft and address on the left, the block (Vorlagenart, Vorlagen-Nr., Datum, Status) at
 * the right, as a table of label and value. Every text is escaped; the logo is an image with
 * its text alternative.
 */
import type { Letterhead } from '../../model/types.js';
import { escapeHtml } from './escapeHtml.js';

function logoHtml(logo: NonNullable<Letterhead['logo']>, name: string): string {
  const src =
    logo.type === 'svg'
      ? `data:image/svg+xml;base64,${Buffer.from(logo.svg, 'utf8').toString('base64')}`
      : `data:image/png;base64,${Buffer.from(logo.bytes).toString('base64')}`;
  return `<img class="logo" src="${src}" alt="${escapeHtml(`Logo: ${name}`)}" height="60"><br>`;
}

/** The letterhead as a `<header>` (to go first inside the document's `<article>`). */
export function letterheadHtml(letterhead: Letterhead): string {
  const logo = letterhead.logo === undefined ? '' : logoHtml(letterhead.logo, letterhead.name);
  const sender = [
    `<strong>${escapeHtml(letterhead.name)}</strong>`,
    ...letterhead.anschrift.map(escapeHtml),
  ].join('<br>');
  const rows = letterhead.block
    .map(
      ({ label, value, strong }) =>
        `<tr><th scope="row">${escapeHtml(label)}</th><td>${strong === true ? `<strong>${escapeHtml(value)}</strong>` : escapeHtml(value)}</td></tr>`,
    )
    .join('');
  return `<header class="briefkopf"><p>${logo}${sender}</p><table class="felder"><tbody>${rows}</tbody></table></header>`;
}
