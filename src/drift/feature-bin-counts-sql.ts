import { quoteIdent, quoteStringList } from "../db/index.js";
import type { FeatureBin, FeatureInfo } from "../features/build-bins.js";
import { binCaseSql } from "../features/lead-bins-sql.js";

/**
 * feature-bin-counts: leads per feature, bin and period for the two periods drift compares,
 * every lead of each period (for PSI), and the mature leads and their wins (for the change in
 * won rates). Bins are feature_bins (the features stage's), each lead's assigned on the fly
 * from the wide lead_features by binCaseSql (the long-form definition's equal:
 * test/drift/feature-bin-counts-sql.test.ts), over the two periods' leads only, in one pass:
 * the long form (a join of every lead's ~24 feature rows with feature_bins) took 6–8 s at
 * 1M leads. Every bin of every feature in `features` gets a row per period, empty ones too.
 * params: $from, $to (periods, '2026Q2': lead_labels.period, the quarter of decision time).
 * Reads lead_features, lead_labels, feature_bins.
 * columns: feature, bin INTEGER, label, period ('from' | 'to'), leads, mature, won (INTEGER);
 *   ordered by feature, bin, period.
 */
export function featureBinCountsSql(
  features: readonly FeatureInfo[],
  bins: readonly FeatureBin[],
): string {
  if (features.length === 0)
    return "SELECT NULL::VARCHAR AS feature, NULL::INTEGER AS bin, NULL::VARCHAR AS label, NULL::VARCHAR AS period, 0 AS leads, 0 AS mature, 0 AS won WHERE false AND $from IS NOT NULL AND $to IS NOT NULL";
  const col = (f: FeatureInfo) => `f.${quoteIdent(f.feature)}`;
  return `-- feature-bin-counts: leads per feature, bin and period for two periods (src/drift/feature-bin-counts-sql.ts)
WITH assigned AS (
  SELECT CASE l.period WHEN $from THEN 'from' ELSE 'to' END AS side, l.mature, l.won,
         unnest(${quoteStringList(features.map((f) => f.feature))}) AS feature,
         unnest([${features.map((f) => `CAST(${binCaseSql(f, bins, col(f))} AS INTEGER)`).join(",\n                 ")}]) AS bin
  FROM lead_features f JOIN lead_labels l ON l.lead_id = f.lead_id
  WHERE l.period IN ($from, $to)
), counts AS (
  SELECT feature, bin, side,
         count(*)::INTEGER AS leads,
         (count(*) FILTER (WHERE mature))::INTEGER AS mature,
         (count(*) FILTER (WHERE mature AND won))::INTEGER AS won
  FROM assigned
  GROUP BY feature, bin, side
), sides AS (
  SELECT 'from' AS period UNION ALL SELECT 'to'
)
SELECT b.feature, b.bin, b.label, s.period,
       coalesce(c.leads, 0)::INTEGER AS leads,
       coalesce(c.mature, 0)::INTEGER AS mature,
       coalesce(c.won, 0)::INTEGER AS won
FROM feature_bins b
CROSS JOIN sides s
LEFT JOIN counts c ON c.feature = b.feature AND c.bin = b.bin AND c.side = s.period
WHERE b.feature IN (SELECT unnest(${quoteStringList(features.map((f) => f.feature))}))
ORDER BY b.feature, b.bin, s.period`;
}
