-- feature-bin-counts: leads per feature, bin and period for two periods, every lead of each
-- period (for PSI), and the mature leads and their wins (for the change in won rates). Bins are
-- feature_bins (the features stage's), assigned by the long-form definition that the fit's wide
-- lead_bins equals (binCaseSql in src/features/lead-bins-sql.ts; test/features/build-bins.test.ts
-- checks the two against each other), but over every lead of the two periods rather than the
-- fit sample.
-- params: $from, $to (periods, '2026Q2': lead_labels.period, the quarter of decision time).
-- Reads lead_features_long (the long-form view over the wide lead_features, made by
-- src/features/write-lead-features.ts: lead_id, feature, family, kind, cat, num),
-- feature_bins, lead_labels.
-- columns: feature, bin INTEGER, label, period ('from' | 'to'), leads, mature, won (INTEGER).
WITH f AS (
  SELECT f.*, CASE l.period WHEN $from THEN 'from' ELSE 'to' END AS side, l.mature, l.won
  FROM lead_features_long f JOIN lead_labels l ON l.lead_id = f.lead_id
  WHERE l.period IN ($from, $to)
), special AS (
  SELECT feature,
         max(bin) FILTER (WHERE role = 'missing') AS missing_bin,
         max(bin) FILTER (WHERE role = 'other') AS other_bin
  FROM feature_bins GROUP BY feature
), assigned AS (
  SELECT f.feature, f.side, f.mature, f.won,
         CASE WHEN f.cat IS NULL THEN sp.missing_bin ELSE coalesce(c.bin, sp.other_bin) END AS bin
  FROM f
  JOIN special sp ON sp.feature = f.feature
  LEFT JOIN feature_bins c ON c.feature = f.feature AND c.role = 'category' AND c.category = f.cat
  WHERE f.kind = 'categorical'
  UNION ALL
  SELECT f.feature, f.side, f.mature, f.won, sp.missing_bin
  FROM f JOIN special sp ON sp.feature = f.feature
  WHERE f.kind = 'numeric' AND (f.num IS NULL OR NOT isfinite(f.num))
  UNION ALL
  SELECT f.feature, f.side, f.mature, f.won, r.bin
  FROM f JOIN feature_bins r ON r.feature = f.feature AND r.role = 'range' AND f.num >= r.lo AND f.num < r.hi
  WHERE f.kind = 'numeric' AND isfinite(f.num)
), sides AS (
  SELECT 'from' AS period UNION ALL SELECT 'to'
), grid AS (
  SELECT b.feature, b.bin, b.label, s.period FROM feature_bins b CROSS JOIN sides s
  WHERE b.feature IN (SELECT DISTINCT feature FROM f)
)
SELECT g.feature, g.bin, g.label, g.period,
       count(a.feature)::INTEGER AS leads,
       (count(*) FILTER (WHERE a.mature))::INTEGER AS mature,
       (count(*) FILTER (WHERE a.mature AND a.won))::INTEGER AS won
FROM grid g
LEFT JOIN assigned a ON a.feature = g.feature AND a.bin = g.bin AND a.side = g.period
GROUP BY g.feature, g.bin, g.label, g.period
ORDER BY g.feature, g.bin, g.period
