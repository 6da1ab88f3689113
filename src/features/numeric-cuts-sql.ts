import { quoteIdent, quoteStringList } from "../db/index.js";

/**
 * numeric-cuts: starting cut points of each numeric feature among training leads, read
 * column-wise from the wide lead_features (one sorted list per column, no long form).
 * A spike at the minimum (typically 0 events), holding at least 1/$bins of the values, gets a
 * bin of its own; the values above it (or all values, without a spike) are split into $bins
 * equal-count groups as ntile($bins) makes them (the first n mod $bins groups one value
 * larger) and each group's smallest value is a cut. Bins are [cut, next cut). NULL, NaN and
 * ±infinity are left out.
 * Computed from one sorted list of values per feature instead of an ntile window over every
 * value: group k (0-based) of n values starts at sorted position k·q + min(k, r), q = n div
 * $bins, r = n mod $bins (test/features/numeric-cuts.test.ts checks it against ntile).
 * Reads lead_features (the columns named in `features`: DOUBLE), fit_sample.
 * params: $bins INTEGER.
 * columns: feature, cut DOUBLE (distinct, ascending), ordered by feature, cut.
 */
export function numericCutsSql(features: readonly string[]): string {
  if (features.length === 0)
    return "SELECT NULL::VARCHAR AS feature, NULL::DOUBLE AS cut WHERE false AND $bins IS NOT NULL";
  const lists = features.map((name, i) => {
    const col = `f.${quoteIdent(name)}`;
    return `list(${col} ORDER BY ${col}) FILTER (WHERE isfinite(${col})) AS v${i}`;
  });
  return `-- numeric-cuts: starting cut points of each numeric feature among training leads (src/features/numeric-cuts-sql.ts)
WITH lists AS (
  SELECT ${lists.join(",\n         ")}
  FROM lead_features f JOIN fit_sample s ON s.lead_id = f.lead_id AND s.split = 'train'
), sorted AS (
  SELECT feature, vals, len(vals) AS n, vals[1] AS lo
  FROM (
    SELECT unnest(${quoteStringList(features)}) AS feature,
           unnest([${features.map((_, i) => `v${i}`).join(", ")}]) AS vals
    FROM lists
  )
  WHERE len(vals) > 0
), spikes AS (
  SELECT feature, vals, n, len(list_filter(vals, x -> x = lo)) AS n_lo FROM sorted
), rest AS (
  -- skip: the spike's values, which come first in vals
  SELECT feature, vals,
         CASE WHEN n_lo >= n / $bins THEN n_lo ELSE 0 END AS skip,
         n - CASE WHEN n_lo >= n / $bins THEN n_lo ELSE 0 END AS n_rest
  FROM spikes
), cuts AS (
  SELECT feature,
         unnest(list_select(vals, list_transform(range(least($bins, n_rest)),
           k -> skip + k * (n_rest // $bins) + least(k, n_rest % $bins) + 1))) AS cut
  FROM rest
)
SELECT DISTINCT feature, cut FROM cuts
ORDER BY feature, cut`;
}
