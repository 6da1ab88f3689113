/**
 * The one place where SQL text is built from names or literals.
 *
 * Values are bound as parameters wherever DuckDB allows it; these helpers exist for the few
 * places where it does not (identifiers from export headers, constant arguments of table
 * functions such as `read_csv(columns = {...})`).
 */

/** Quote an identifier: `a"b` → `"a""b"`. Safe for any header an export can carry. */
export function quoteIdent(name: string): string {
  if (name.includes("\u0000"))
    throw new Error(`quoteIdent: identifier contains a NUL byte: ${JSON.stringify(name)}`);
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quote a string literal: `it's` → `'it''s'`. */
export function quoteString(value: string): string {
  if (value.includes("\u0000"))
    throw new Error(`quoteString: value contains a NUL byte: ${JSON.stringify(value)}`);
  return `'${value.replaceAll("'", "''")}'`;
}

/** A list literal of strings: `['a', 'b']`. */
export function quoteStringList(values: readonly string[]): string {
  return `[${values.map(quoteString).join(", ")}]`;
}

/**
 * A DOUBLE constant from a JS number: `0.5` → `'0.5'::DOUBLE`. For numbers that shape a
 * generated query (one column per model rule, one CASE branch per bin edge) where a bound
 * parameter would hide the constant from the planner; only finite numbers pass, so the text is
 * always a number. Written as a string cast, not a bare `0.5::DOUBLE`: DuckDB reads a bare
 * literal with a decimal point as a DECIMAL and converts that to DOUBLE, which for 16–17
 * significant digits can land one unit in the last place away (0.21536163881534343 read back
 * as 0.21536163881534345); the string cast parses straight to the nearest double, and JS's
 * shortest round-trip text names exactly `value`.
 */
export function sqlNumber(value: number): string {
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new Error(`sqlNumber: not a finite number: ${String(value)}`);
  return `'${value}'::DOUBLE`;
}
