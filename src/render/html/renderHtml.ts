/**
 * The document model as semantic, accessible HTML (the preview): the same blocks the PDF and
 * DOCX renderers receive, so the preview says what the PDF says. Every text is escaped; links
 * are only the model's own (http(s)/mailto addresses and internal anchors, which the caller
 * may map to preview pages).
 */
import type { Block, Document, Inline, TableCell } from '../../model/types.js';
import { chartSvg } from '../chart/chartSvg.js';
import { chartStyle, type ChartStyle } from '../chart/chartStyle.js';
import { escapeHtml } from './escapeHtml.js';
import { letterheadHtml } from './letterheadHtml.js';

export interface HtmlOptions {
  /** where an internal anchor (`#vorlage-V-2024-0815`, `#abschnitt-…`) points in the preview */
  readonly anchor?: (id: string) => string;
  /** the text shown for a page reference (HTML has no pages) */
  readonly pageref?: (target: string) => string;
  /** the charts' font and colour (renderHtml sets them from the document's design) */
  readonly chart?: ChartStyle;
}

function inlines(items: readonly Inline[], options: HtmlOptions): string {
  return items
    .map((inline): string => {
      switch (inline.type) {
        case 'text':
          return escapeHtml(inline.text);
        case 'strong':
          return `<strong>${inlines(inline.children, options)}</strong>`;
        case 'emphasis':
          return `<em>${inlines(inline.children, options)}</em>`;
        case 'break':
          return '<br>';
        case 'pageref': {
          const shown = options.pageref?.(inline.target) ?? '';
          return shown === ''
            ? ''
            : `<a href="${escapeHtml(anchorOf(inline.target, options))}">${escapeHtml(shown)}</a>`;
        }
        case 'link': {
          const href = inline.href.startsWith('#')
            ? anchorOf(inline.href.slice(1), options)
            : inline.href;
          return `<a href="${escapeHtml(href)}">${inlines(inline.children, options)}</a>`;
        }
      }
    })
    .join('');
}

const anchorOf = (id: string, options: HtmlOptions): string => options.anchor?.(id) ?? `#${id}`;

const cell = (tag: 'td' | 'th', c: TableCell, options: HtmlOptions, scope?: string): string =>
  `<${tag}${scope ? ` scope="${scope}"` : ''}${c.align === 'right' ? ' class="rechts"' : ''}>${inlines(c.children, options)}</${tag}>`;

function block(b: Block, options: HtmlOptions): string {
  switch (b.type) {
    case 'heading':
      return `<h${String(b.level)}${b.id ? ` id="${escapeHtml(b.id)}"` : ''}>${inlines(b.children, options)}</h${String(b.level)}>`;
    case 'paragraph':
      return `<p>${inlines(b.children, options)}</p>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${b.items.map((item) => `<li>${blocks(item, options)}</li>`).join('')}</${tag}>`;
    }
    case 'quote':
      return `<blockquote>${blocks(b.children, options)}</blockquote>`;
    case 'box':
      return `<div class="kasten">${blocks(b.children, options)}</div>`;
    case 'pagebreak':
      return '';
    case 'chart': {
      // the SVG as a picture with the figures as its text alternative; its caption the title
      const svg = chartSvg(b, options.chart ?? chartStyle(undefined)).replace(
        /^<svg\b/,
        `<svg role="img" aria-label="${escapeHtml(b.alt)}"`,
      );
      return `<figure class="diagramm">${svg}<figcaption>${escapeHtml(b.title)}</figcaption></figure>`;
    }
    case 'image': {
      const src = `data:image/${b.file.format === 'svg' ? 'svg+xml' : b.file.format};base64,${Buffer.from(b.file.bytes).toString('base64')}`;
      const caption =
        b.caption === undefined ? '' : `<figcaption>${escapeHtml(b.caption)}</figcaption>`;
      return `<figure class="bild"><img src="${src}" alt="${escapeHtml(b.alt)}" width="${String(Math.round(b.file.width))}" height="${String(Math.round(b.file.height))}">${caption}</figure>`;
    }
    case 'table': {
      if (b.variant === 'grid') {
        // a list laid out in columns: a list, not a table, for screen readers
        const items = b.rows.flatMap((row) => row.filter((c) => c.children.length > 0));
        return `<ul class="raster">${items.map((c) => `<li>${inlines(c.children, options)}</li>`).join('')}</ul>`;
      }
      if (b.variant === 'fields') {
        // label/value pairs: the label is the row's header cell
        const rows = b.rows.map((row) => {
          const [label, ...rest] = row;
          return `<tr>${label ? cell('th', label, options, 'row') : ''}${rest.map((c) => cell('td', c, options)).join('')}</tr>`;
        });
        return `<table class="felder"><tbody>${rows.join('')}</tbody></table>`;
      }
      const head = b.header
        ? `<thead><tr>${b.header.map((c) => cell('th', c, options, 'col')).join('')}</tr></thead>`
        : '';
      const body = b.rows
        .map((row) => `<tr>${row.map((c) => cell('td', c, options)).join('')}</tr>`)
        .join('');
      return `<table class="daten">${head}<tbody>${body}</tbody></table>`;
    }
  }
}

function blocks(items: readonly Block[], options: HtmlOptions): string {
  return items.map((b) => block(b, options)).join('\n');
}

/**
 * The document's blocks as an HTML fragment (to go inside `<main>` or `<article>`), after its
 * letterhead where it has one (as on the first page of the PDF and the DOCX).
 */
export function renderHtml(doc: Document, options: HtmlOptions = {}): string {
  const body = blocks(doc.blocks, { chart: chartStyle(doc.meta.design), ...options });
  const { letterhead } = doc.meta;
  return letterhead === undefined ? body : `${letterheadHtml(letterhead)}\n${body}`;
}
