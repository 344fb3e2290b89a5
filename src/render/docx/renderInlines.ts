/** Renders inline content as DOCX runs and hyperlinks. */
import { ExternalHyperlink, InternalHyperlink, PageReference, TextRun } from 'docx';
import type { ParagraphChild } from 'docx';

import type { Inline } from '../../model/types.js';
import { STYLE } from './docxStyles.js';

export interface RunFormat {
  readonly bold?: boolean;
  readonly italics?: boolean;
  readonly style?: string;
}

const EXTERNAL_LINK = /^(https?:|mailto:)/i;

/**
 * Runs for the inlines in the given format. Links inside a link, and links that are neither internal
 * (`#id`) nor external (http, https, mailto), become plain text.
 */
export function renderInlines(
  inlines: readonly Inline[],
  format: RunFormat,
  inLink = false,
): ParagraphChild[] {
  const children: ParagraphChild[] = [];
  for (const inline of inlines) {
    switch (inline.type) {
      case 'text':
        inline.text.split('\n').forEach((line, index) => {
          children.push(new TextRun({ ...format, text: line, ...(index > 0 ? { break: 1 } : {}) }));
        });
        break;
      case 'break':
        children.push(new TextRun({ ...format, break: 1 }));
        break;
      case 'strong':
        children.push(...renderInlines(inline.children, { ...format, bold: true }, inLink));
        break;
      case 'emphasis':
        children.push(...renderInlines(inline.children, { ...format, italics: true }, inLink));
        break;
      case 'link':
        children.push(...renderLink(inline, format, inLink));
        break;
      case 'pageref':
        // PageReference is a Run, which ParagraphChild accepts; the rule mistakes it for TextRun
        // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
        children.push(new PageReference(inline.target));
        break;
    }
  }
  return children;
}

function renderLink(
  link: Extract<Inline, { type: 'link' }>,
  format: RunFormat,
  inLink: boolean,
): ParagraphChild[] {
  const internal = link.href.startsWith('#');
  if (inLink || !(internal || EXTERNAL_LINK.test(link.href)))
    return renderInlines(link.children, format, true);
  const children = renderInlines(link.children, { ...format, style: STYLE.hyperlink }, true);
  return [
    internal
      ? new InternalHyperlink({ anchor: link.href.slice(1), children })
      : new ExternalHyperlink({ link: link.href, children }),
  ];
}
