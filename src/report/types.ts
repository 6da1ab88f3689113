/**
 * The shape of a report: what a command hands to `renderReport`.
 *
 * Everything here is plain data (strings, numbers, arrays of rows) so a report is a pure function
 * of the analysis results. Values that come from an export (lead sources, campaign names, file
 * paths) may contain anything, markup included: the renderer escapes every one of them.
 */

export interface ReportDocument {
  title: string;
  subtitle?: string;
  /**
   * When the report was generated, as the text to show (an ISO timestamp is best). Passed in,
   * never read from the clock here, so the same document renders to the same bytes.
   */
  generatedAt: string;
  /** ISO 4217 code for `money` cells and charts' currency formats; default "USD". */
  currency?: string;
  sections: Section[];
  modelCard: ModelCard;
}

export interface Section {
  /** Anchor for the section: lower-case letters, digits and hyphens, unique in the document. */
  id: string;
  heading: string;
  intro?: string;
  blocks: Block[];
}

export type Block = HeadlinesBlock | ChartBlock | TableBlock | TextBlock;

/** How a headline figure reads against its target: colours the card and labels it in words. */
export type Band = "good" | "watch" | "bad" | "neutral";

export interface Headline {
  label: string;
  /** Already formatted by the caller ("18.4%", "$412", "1,204"). */
  value: string;
  /** Already formatted change against a comparison ("+2.1 pts vs Q2"). */
  change?: string;
  band?: Band;
  note?: string;
}

export interface HeadlinesBlock {
  kind: "headlines";
  items: Headline[];
}

/** A row of a chart's named data set: field name → value. */
export type ChartRow = Record<string, unknown>;

export interface ChartBlock {
  kind: "chart";
  /** `"<report>/<chart>"`: the spec `reports/<report>/<chart>.vl.json`. */
  chart: string;
  /** One entry per named data source of the spec (see the spec's `description`). */
  data: Record<string, ChartRow[]>;
  title: string;
  caption?: string;
}

export type ColumnFormat = "int" | "pct" | "money" | "number" | "text";

export interface TableColumn {
  /** The row property this column shows. */
  key: string;
  label: string;
  /** Default: "number" for numbers, "text" for anything else. */
  format?: ColumnFormat;
}

export interface TableBlock {
  kind: "table";
  columns: TableColumn[];
  rows: Record<string, unknown>[];
  caption?: string;
}

export interface TextBlock {
  kind: "text";
  /** Plain text, one string a paragraph; no markup (it would be shown as typed). */
  paragraphs: string[];
}

/** What a reader needs to trust (or reproduce) the numbers: printed at the end of every report. */
export interface ModelCard {
  /** The period the data covers, as text ("2024-01-01 to 2024-12-31, leads created"). */
  dataWindow: string;
  /** The export files read, with the SHA-256 of their content (from `load_log`). */
  files: { path: string; sha256: string }[];
  /** The scoring model used, e.g. its file name and version. */
  model?: string;
  /** The MQL threshold the figures assume, as text ("60 points"). */
  threshold?: string;
  definitions: { term: string; definition: string }[];
  /** The command line that produced the report. */
  command: string;
}
