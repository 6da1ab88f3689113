-- numeric-cuts: starting cut points of each numeric feature among training leads.
-- A spike at the minimum (typically 0 events), holding at least 1/$bins of the values, gets a
-- bin of its own; the values above it (or all values, without a spike) are split into $bins
-- equal-count groups as ntile($bins) makes them (the first n mod $bins groups one value
-- larger) and each group's smallest value is a cut. Bins are [cut, next cut).
-- Computed from one sorted list of values per feature instead of an ntile window over every
-- value: group k (0-based) of n values starts at sorted position k·q + min(k, r), q = n div
-- $bins, r = n mod $bins (test/features/numeric-cuts.test.ts checks it against ntile).
-- Reads lead_features_long (the long-form view over the wide lead_features, made by
-- src/features/write-lead-features.ts: lead_id, feature, family, kind, cat, num) and fit_sample.
-- params: $bins INTEGER.
-- columns: feature, cut DOUBLE (distinct, ascending).
WITH sorted AS (
  SELECT f.feature, list(f.num ORDER BY f.num) AS vals, count(*) AS n, min(f.num) AS lo
  FROM lead_features_long f JOIN fit_sample s ON s.lead_id = f.lead_id AND s.split = 'train'
  WHERE f.kind = 'numeric' AND f.num IS NOT NULL AND isfinite(f.num)
  GROUP BY f.feature
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
ORDER BY feature, cut;
