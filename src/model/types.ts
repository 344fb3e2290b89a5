/**
 * The document model: what every renderer (PDF, DOCX, HTML) receives.
 * It is parsed from the HTML subset the templates emit (see parseHtml.ts) and never
 * contains renderer-specific data.
 */

export type Inline =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'strong'; readonly children: readonly Inline[] }
  | { readonly type: 'emphasis'; readonly children: readonly Inline[] }
  /** href is an absolute http(s)/mailto address or an internal anchor `#id`. */
  | { readonly type: 'link'; readonly href: string; readonly children: readonly Inline[] }
  | { readonly type: 'break' }
  /** the number of the page a heading `#target` is on (a Tagesordnung's page column) */
  | { readonly type: 'pageref'; readonly target: string };

export type Align = 'left' | 'right';

export type HeadingLevel = 1 | 2 | 3 | 4 | 5;

export interface TableCell {
  readonly children: readonly Inline[];
  readonly align: Align;
}

/**
 * data:   a table with a header row and rules (figures, Beratungsfolge)
 * grid:   a list laid out in columns, no header, no rules (the 19 languages)
 * fields: label/value pairs of the Vorlage header, first column is the label
 */
export type TableVariant = 'data' | 'grid' | 'fields';

export type Block =
  | {
      readonly type: 'heading';
      readonly level: HeadingLevel;
      readonly children: readonly Inline[];
      /** anchor for links and bookmarks; unique within a document */
      readonly id?: string;
    }
  | { readonly type: 'paragraph'; readonly children: readonly Inline[] }
  | {
      readonly type: 'list';
      readonly ordered: boolean;
      readonly items: readonly (readonly Block[])[];
    }
  | {
      readonly type: 'table';
      readonly variant: TableVariant;
      /** null when the table has no header row */
      readonly header: readonly TableCell[] | null;
      readonly rows: readonly (readonly TableCell[])[];
    }
  | { readonly type: 'quote'; readonly children: readonly Block[] }
  /** a framed box, e.g. the Beschlussvorschlag */
  | { readonly type: 'box'; readonly children: readonly Block[] }
  | { readonly type: 'pagebreak' }
  /** a chart drawn from its figures (a `diagramm` text block, or a section's series) */
  | {
      readonly type: 'chart';
      readonly kind: ChartKind;
      readonly title: string;
      /** what the values count, e.g. "Anfragen" or "€"; absent: bare numbers */
      readonly unit?: string;
      readonly data: readonly ChartPoint[];
      /** the German text alternative that states every figure (chartText.ts) */
      readonly alt: string;
    }
  /** a picture from the Vorlage's folder (a `bild` text block) */
  | {
      readonly type: 'image';
      readonly file: ImageFile;
      /** what a screen reader says */
      readonly alt: string;
      /** the caption below the picture */
      readonly caption?: string;
    };

/** columns: vertical bars (saeulen); bars: horizontal bars (balken); line: a line (linien) */
export type ChartKind = 'columns' | 'bars' | 'line';

export interface ChartPoint {
  readonly label: string;
  readonly value: number;
  /** the point's date (ms since 1970, UTC): a line chart whose points all have one spaces them by time */
  readonly at?: number;
}

/** An image file's bytes, already checked to be what its format says. */
export interface ImageFile {
  readonly format: 'png' | 'jpeg' | 'svg';
  readonly bytes: Uint8Array;
  /** the intrinsic size: pixels, or an SVG's width and height (its viewBox) in user units */
  readonly width: number;
  readonly height: number;
}

export interface DocumentMeta {
  /** document title, e.g. "V/2024/0815 Bericht der Verwaltung" */
  readonly title: string;
  /** author: the Körperschaft and the department, e.g. "Kreis Coesfeld – Kommunales Integrationszentrum" */
  readonly author: string;
  readonly subject: string;
  readonly keywords: readonly string[];
  /** BCP 47, always "de-DE" for now */
  readonly language: string;
  /** left part of the running footer, e.g. "Stadt Musterstadt · V/2024/0815"; the renderer adds "Seite x von y" */
  readonly footer: string;
  /** ISO date (YYYY-MM-DD) the document is dated; used for creation dates inside the files */
  readonly date: string;
  /** headings down to this level become bookmarks (default 3) */
  readonly outlineDepth?: number;
  /** the letterhead on the first page (a Vorlage's; the packet's cover uses the same) */
  readonly letterhead?: Letterhead;
  /** the body's own design; absent: the defaults (Roboto, black headings) */
  readonly design?: Design;
}

/**
 * The letterhead of a German administration's Vorlage: logo, Körperschaft and address on the
 * left, the block real Vorlagen carry at the top right (Vorlagenart, number, date, status).
 */
export interface Letterhead {
  /** e.g. "Kreis Coesfeld" */
  readonly name: string;
  /** the postal address as lines */
  readonly anschrift: readonly string[];
  /**
   * an SVG (text) or PNG (bytes) from content/, already checked; an SVG may bring a PNG of
   * itself (`png`) for DOCX readers that show no SVG (without it the DOCX renderer rasterises
   * the SVG: src/render/docx/letterheadLogo.ts)
   */
  readonly logo?:
    | { readonly type: 'svg'; readonly svg: string; readonly png?: Uint8Array }
    | { readonly type: 'png'; readonly bytes: Uint8Array };
  /**
   * the block at the top right, label → value, in order: Vorlagenart, Vorlagen-Nr., Datum,
   * Status; `strong` values are set bold (the number, „nichtöffentlich“)
   */
  readonly block: readonly {
    readonly label: string;
    readonly value: string;
    readonly strong?: boolean;
  }[];
}

/** A font file's bytes (TTF or OTF), already checked to parse. */
export interface FontFile {
  readonly bytes: Uint8Array;
  /** the file name in content/, for messages */
  readonly file: string;
}

export interface Design {
  /** accent colour for headings and rules, "#RRGGBB" */
  readonly accent?: string;
  /** the body's own font: regular and bold at least; italics fall back to the upright cuts */
  readonly font?: {
    readonly name: string;
    readonly normal: FontFile;
    readonly bold: FontFile;
    readonly italics?: FontFile;
    readonly bolditalics?: FontFile;
  };
}

export interface Document {
  readonly meta: DocumentMeta;
  readonly blocks: readonly Block[];
}
