/**
 * CSV text (RFC 4180) that is safe to open in a spreadsheet.
 *
 * A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with
 * a single quote, so Excel, LibreOffice and Google Sheets show it as text instead of running it
 * as a formula (OWASP "CSV Injection"). Numbers are written as numbers (a negative amount stays
 * `-12.5`); only text is neutralised, because text is where export values (a lead's company
 * name, a campaign) end up.
 */

/** A column: the row key, and the header to print (default: the key). */
export type CsvColumn = string | { key: string; header?: string };

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Rows as CSV text with a header line, in the order of `columns`; lines end with CRLF.
 *
 * Cells: null / undefined / NaN / ±Infinity → empty; numbers and booleans as written by
 * `String`; a `Date` at midnight UTC → `YYYY-MM-DD`, any other `Date` → ISO 8601; text
 * neutralised (see above) and quoted when it holds a comma, a quote, a line break or
 * surrounding spaces.
 *
 * @example
 * toCsv([{ name: "=SUM(A1)", n: -3 }], ["name", "n"]); // => "name,n\r\n'=SUM(A1),-3\r\n"
 */
export function toCsv(
  rows: readonly Record<string, unknown>[],
  columns: readonly CsvColumn[],
): string {
  const specs = columns.map((column) =>
    typeof column === "string"
      ? { key: column, header: column }
      : { key: column.key, header: column.header ?? column.key },
  );
  const lines = [specs.map((spec) => formatText(spec.header)).join(",")];
  for (const row of rows) lines.push(specs.map((spec) => formatCell(row[spec.key])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

function formatCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return "";
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
  }
  return formatText(typeof value === "string" ? value : JSON.stringify(value));
}

function formatText(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
