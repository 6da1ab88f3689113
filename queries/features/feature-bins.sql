-- feature-bins: store the bins of every feature (table feature_bins) from JSON built in
-- src/features/build-bins.ts.
-- params: $bins VARCHAR, a JSON array of {feature, bin, label, role, category, lo, hi}.
--   role: 'category' (cat = category), 'other' (any other non-empty value), 'missing' (NULL),
--   'range' (lo <= num < hi; lo / hi NULL for an open end).
-- columns: feature, bin INTEGER, label, role, category, lo DOUBLE, hi DOUBLE (open ends as ±infinity).
CREATE OR REPLACE TABLE feature_bins AS
SELECT b.feature, b.bin, b.label, b.role, b.category,
       coalesce(b.lo, '-infinity'::DOUBLE) AS lo,
       coalesce(b.hi, 'infinity'::DOUBLE) AS hi
FROM (
  SELECT unnest(from_json($bins, '[{"feature":"VARCHAR","bin":"INTEGER","label":"VARCHAR","role":"VARCHAR","category":"VARCHAR","lo":"DOUBLE","hi":"DOUBLE"}]'), recursive := true)
) AS b;
