import { type TextColumn, textTable } from "../util/text-table.js";

/**
 * Tables of row objects for the load and status commands: a thin layer over the one text
 * table renderer (`src/util/text-table.ts`), which also neutralises control characters.
 */
export interface TableColumn {
  key: string;
  label: string;
  align?: "left" | "right";
}

export function formatTable(columns: TableColumn[], rows: Record<string, unknown>[]): string {
  const textColumns: TextColumn[] = columns.map((c) => ({
    header: c.label,
    align: c.align ?? "left",
  }));
  return textTable(
    textColumns,
    rows.map((row) => columns.map((c) => cellText(row[c.key]))),
  );
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date)
    return value
      .toISOString()
      .replace("T", " ")
      .replace(/:00\.000Z$|\.000Z$/, "");
  return String(value);
}

export { formatNumber } from "../funnel/format.js";

/** 0.1234 → "12.3%"; "—" when there is no value. */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return `${(value * 100).toFixed(digits)}%`;
}
