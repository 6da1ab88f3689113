-- lead-bins: the bin of every feature for every lead in fit_sample (temporary table lead_bins:
-- millions of rows at scale, rebuilt by every features / fit run, so it is not written to disk).
-- params: none. Reads lead_features, feature_bins, fit_sample.
-- columns: lead_id, feature, bin INTEGER, num DOUBLE (the raw numeric value, for intent).
CREATE OR REPLACE TEMP TABLE lead_bins AS
WITH f AS (
  SELECT f.* FROM lead_features f JOIN fit_sample s ON s.lead_id = f.lead_id
), special AS (
  SELECT feature,
         max(bin) FILTER (WHERE role = 'missing') AS missing_bin,
         max(bin) FILTER (WHERE role = 'other') AS other_bin
  FROM feature_bins GROUP BY feature
)
SELECT f.lead_id, f.feature,
       CASE WHEN f.cat IS NULL THEN sp.missing_bin ELSE coalesce(c.bin, sp.other_bin) END AS bin,
       NULL::DOUBLE AS num
FROM f
JOIN special sp ON sp.feature = f.feature
LEFT JOIN feature_bins c ON c.feature = f.feature AND c.role = 'category' AND c.category = f.cat
WHERE f.kind = 'categorical'
UNION ALL
SELECT f.lead_id, f.feature, sp.missing_bin, NULL
FROM f JOIN special sp ON sp.feature = f.feature
WHERE f.kind = 'numeric' AND (f.num IS NULL OR NOT isfinite(f.num))
UNION ALL
SELECT f.lead_id, f.feature, r.bin, f.num
FROM f JOIN feature_bins r ON r.feature = f.feature AND r.role = 'range' AND f.num >= r.lo AND f.num < r.hi
WHERE f.kind = 'numeric' AND isfinite(f.num);
