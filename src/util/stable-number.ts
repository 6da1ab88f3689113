/** Significant digits kept in written figures: far beyond what anyone reads or a chart shows. */
export const STABLE_DIGITS = 9;

/**
 * A number rounded to {@link STABLE_DIGITS} significant digits (zero, non-finite values and
 * non-numbers unchanged). DuckDB sums doubles in parallel, so a statistic built on such a sum can
 * differ in its last bits from one run to the next; files written with rounded figures stay
 * byte-identical for the same inputs.
 */
export function stableNumber<T>(value: T): T {
  return typeof value === "number" && Number.isFinite(value) && value !== 0
    ? (Number(value.toPrecision(STABLE_DIGITS)) as T)
    : value;
}

/** JSON text with every number passed through {@link stableNumber}. */
export function stableJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, (_key, v) => stableNumber(v), indent);
}
