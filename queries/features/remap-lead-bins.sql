-- remap-lead-bins: move every lead of lead_bins from its starting bin to the merged bin that
-- contains it (temporary table lead_bins, rebuilt in place). Monotonic merging only joins
-- adjacent range bins of a numeric feature, so a lead's merged bin follows from its starting
-- bin alone: a join on (feature, bin) instead of placing every value in the merged ranges again
-- (test/features/build-bins.test.ts checks it against lead-bins.sql on the merged bins).
-- params: $remap VARCHAR, a JSON array of {feature, from_bin, to_bin}: the starting bins whose
--   number changes (bins not listed keep theirs). Reads lead_bins.
-- columns: lead_id, feature, bin INTEGER, num DOUBLE (as lead-bins.sql).
CREATE OR REPLACE TEMP TABLE lead_bins AS
WITH remap AS (
  SELECT unnest(from_json($remap, '[{"feature":"VARCHAR","from_bin":"INTEGER","to_bin":"INTEGER"}]'), recursive := true)
)
SELECT b.lead_id, b.feature, coalesce(r.to_bin, b.bin) AS bin, b.num
FROM lead_bins b
LEFT JOIN remap r ON r.feature = b.feature AND r.from_bin = b.bin;
