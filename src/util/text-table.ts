/**
 * Aligned plain-text tables for the terminal: a header, a rule, and one line per row; columns
 * are padded to their widest cell, numbers right-aligned. Control characters from exported
 * values (an escape sequence in a campaign name) are made visible, so a hostile value cannot
 * move the cursor or clear the screen: a line break shows as ↵, anything else as �.
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
  rawRows: readonly (readonly string[])[],
): string {
  const rows = rawRows.map((row) => row.map(printable));
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

function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we neutralise
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => (ch === "\n" ? "↵" : "�"));
}

function displayWidth(text: string): number {
  return [...text].length;
}

function pad(text: string, width: number, align: "left" | "right"): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(text)));
  return align === "right" ? fill + text : text + fill;
}
