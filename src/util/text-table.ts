/**
 * Aligned plain-text tables for the terminal: a header, a rule, and one line per row; columns
 * are padded to their widest cell, numbers right-aligned.
 */

export interface TextColumn {
  header: string;
  /** Default "left". Use "right" for numbers, percentages and money. */
  align?: "left" | "right";
}

/**
 * @example
 * textTable([{ header: "source" }, { header: "MQLs", align: "right" }], [["ppc", "12"]]);
 * // => "source  MQLs\n------  ----\nppc       12"
 */
export function textTable(
  columns: readonly TextColumn[],
  rows: readonly (readonly string[])[],
): string {
  const widths = columns.map((column, i) =>
    Math.max(displayWidth(column.header), ...rows.map((row) => displayWidth(row[i] ?? ""))),
  );
  const line = (cells: readonly string[]) =>
    columns
      .map((column, i) => pad(cells[i] ?? "", widths[i] ?? 0, column.align ?? "left"))
      .join("  ")
      .trimEnd();
  return [
    line(columns.map((column) => column.header)),
    widths.map((width) => "-".repeat(width)).join("  "),
    ...rows.map(line),
  ].join("\n");
}

function displayWidth(text: string): number {
  return [...text].length;
}

function pad(text: string, width: number, align: "left" | "right"): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(text)));
  return align === "right" ? fill + text : text + fill;
}
