/**
 * Values that probe a feature's bins at their edges, for tests that check one way of binning
 * against another (test/features/build-bins.test.ts, test/drift/feature-bin-counts-sql.test.ts).
 */

/** A cut with 16 significant digits (0.3333333333333333): the middle cut of the numeric bins. */
export const THIRD = 1 / 3;

/** The numeric bins' cuts that go with {@link EDGE_AMOUNTS}. */
export const EDGE_CUTS = [0, THIRD, 2];

/**
 * Numeric values on each cut of {@link EDGE_CUTS}, just below and above them, far out, NULL,
 * NaN and ±infinity (as the strings DuckDB casts to DOUBLE).
 */
export const EDGE_AMOUNTS: readonly (number | string | null)[] = [
  -1e300,
  -1,
  0,
  0.5,
  THIRD - 1e-16,
  THIRD,
  THIRD + 1e-16,
  2,
  2.5,
  1e300,
  null,
  "NaN",
  "infinity",
  "-infinity",
];

/** Categories: one with a quote, kept ones, an unknown one, NULL, blank. */
export const EDGE_CATEGORIES: readonly (string | null)[] = [
  "O'Neil",
  "US",
  "DE",
  "??",
  null,
  "",
  "US",
];
