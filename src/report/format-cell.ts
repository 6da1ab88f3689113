import { moneyFormat } from "./currency-affixes.js";
import type { ColumnFormat } from "./types.js";

const INT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const PCT = new Intl.NumberFormat("en-US", {
  style: "percent",
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const NUMBER = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** Shown for a missing value (null, undefined, NaN) in any column. */
export const MISSING = "—";

/**
 * A table cell's text (not yet escaped) in en-US style, whatever the machine's locale:
 * `int` 12,345 · `pct` of a fraction 0.1234 → 12.3% · `money` whole units of the report's
 * currency ($12,345) · `number` up to two decimals (1,234.57) · `text` as is.
 * Without a format, numbers use `number` and anything else `text`. Strings are shown as given
 * under any format (a stage may pass "n/a" or a preformatted figure); Dates as ISO dates.
 *
 * @example formatCell(0.1234, "pct", "USD") // => "12.3%"
 */
export function formatCell(
  value: unknown,
  format: ColumnFormat | undefined,
  currency: string,
): string {
  if (value === null || value === undefined || (typeof value === "number" && Number.isNaN(value)))
    return MISSING;
  if (typeof value === "bigint") return formatCell(Number(value), format, currency);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? MISSING : isoDate(value);
  if (typeof value !== "number") return String(value);
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
  switch (format ?? "number") {
    case "int":
      return INT.format(value);
    case "pct":
      return PCT.format(value);
    case "money":
      return moneyFormat(currency).format(value);
    case "text":
      return String(value);
    default:
      return NUMBER.format(value);
  }
}

/** Whether a column's cells are figures (right-aligned, tabular digits). */
export function isNumericFormat(format: ColumnFormat | undefined, sample: unknown): boolean {
  if (format === undefined) return typeof sample === "number" || typeof sample === "bigint";
  return format !== "text";
}

function isoDate(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith("T00:00:00.000Z")
    ? iso.slice(0, 10)
    : `${iso.slice(0, 16).replace("T", " ")} UTC`;
}
