/**
 * Plain-text tables for the terminal: aligned columns, numbers right-aligned, a header rule.
 * Values are shown as given (format them first); control characters from exports are made
 * visible so a hostile value cannot move the cursor or clear the screen.
 */
export interface TableColumn {
  key: string;
  label: string;
  align?: "left" | "right";
}

export function formatTable(columns: TableColumn[], rows: Record<string, unknown>[]): string {
  const cells = rows.map((row) => columns.map((c) => printable(row[c.key])));
  const widths = columns.map((c, i) =>
    Math.max(c.label.length, ...cells.map((r) => (r[i] as string).length)),
  );
  const line = (values: string[]) =>
    values
      .map((v, i) =>
        (columns[i]?.align ?? "left") === "right"
          ? v.padStart(widths[i] as number)
          : v.padEnd(widths[i] as number),
      )
      .join("  ")
      .trimEnd();
  return [
    line(columns.map((c) => c.label)),
    line(widths.map((w) => "─".repeat(w))),
    ...cells.map(line),
  ].join("\n");
}

function printable(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text =
    value instanceof Date
      ? value
          .toISOString()
          .replace("T", " ")
          .replace(/:00\.000Z$|\.000Z$/, "")
      : String(value);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what we neutralise
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => (ch === "\n" ? "↵" : "�"));
}

/** 1234567 → "1,234,567"; fractions to `digits` places. */
export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return value.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** 0.1234 → "12.3%". */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return `${(value * 100).toFixed(digits)}%`;
}
