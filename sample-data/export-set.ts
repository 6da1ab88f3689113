/**
 * What a writer produces: file texts by relative path, and the dirty rows it planted with the
 * physical line each landed on (1 = header) and the outcome a correct loader should produce.
 */
import { csvFile } from "./format.js";

export type Cell = string | number | undefined;

export interface DirtyRow {
  set: "hubspot" | "salesforce" | "flat";
  file: string;
  line: number;
  id: string;
  kind: string;
  expected: string;
}

export interface ExportSet {
  files: Record<string, string>;
  dirty: DirtyRow[];
}

export interface Row {
  cells: Cell[];
  dirty?: { kind: string; expected: string; id: string };
}

/** Render rows as CSV and record where the dirty ones landed. */
export function renderRows(
  set: DirtyRow["set"],
  file: string,
  header: readonly string[],
  rows: readonly Row[],
  dirty: DirtyRow[],
  quoteAll = false,
): string {
  rows.forEach((row, i) => {
    if (row.dirty) dirty.push({ set, file, line: i + 2, ...row.dirty });
  });
  return csvFile(
    header,
    rows.map((r) => r.cells),
    quoteAll,
  );
}

/** Insert `row` after position `at` (clamped), keeping the rest in order. */
export function insertAt(rows: Row[], at: number, row: Row): void {
  rows.splice(Math.max(0, Math.min(rows.length, at)), 0, row);
}
