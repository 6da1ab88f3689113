import { quoteIdent, quoteString, quoteStringList, sqlNumber } from "../db/index.js";
import type { FeatureBin, FeatureInfo } from "./build-bins.js";

/**
 * A feature's bin as one CASE expression over its value `value` (SQL text, e.g. `f."country"`),
 * equal to the long-form definition (a join with feature_bins; tests keep it as their oracle):
 *   categorical: NULL → the 'missing' bin; a kept category → its bin; any other value → 'other';
 *   numeric: NULL, NaN or ±infinity → 'missing'; otherwise the range bin with lo <= value < hi.
 * Range bins must tile the line: ascending, the first open below, each starting where the one
 * before ends, the last open above (what rangeBins makes); anything else throws.
 * Categories are quoted string literals (quoteString), cut points DOUBLE literals (sqlNumber):
 * no value from an export reaches the SQL text unescaped.
 */
export function binCaseSql(
  feature: FeatureInfo,
  bins: readonly FeatureBin[],
  value: string,
): string {
  const own = bins.filter((b) => b.feature === feature.feature);
  const missing = own.find((b) => b.role === "missing");
  if (missing === undefined) throw new Error(`bins of ${feature.feature}: no 'missing' bin`);
  if (feature.kind === "categorical") {
    const other = own.find((b) => b.role === "other");
    if (other === undefined) throw new Error(`bins of ${feature.feature}: no 'other' bin`);
    const whens = own
      .filter((b) => b.role === "category")
      .map((b) => ` WHEN ${quoteString(b.category as string)} THEN ${b.bin}`)
      .join("");
    return `CASE WHEN ${value} IS NULL THEN ${missing.bin} ELSE CASE ${value}${whens} ELSE ${other.bin} END END`;
  }
  const ranges = own.filter((b) => b.role === "range").sort((a, b) => a.bin - b.bin);
  const tiled =
    ranges.length > 0 &&
    ranges[0]?.lo === null &&
    ranges[ranges.length - 1]?.hi === null &&
    ranges.every((r, i) => i === 0 || (r.lo !== null && r.lo === ranges[i - 1]?.hi));
  if (!tiled) throw new Error(`bins of ${feature.feature}: the ranges do not tile the line`);
  const whens = ranges
    .slice(0, -1)
    .map((r) => ` WHEN ${value} < ${sqlNumber(r.hi as number)} THEN ${r.bin}`)
    .join("");
  const last = ranges[ranges.length - 1] as FeatureBin;
  return `CASE WHEN ${value} IS NULL OR NOT isfinite(${value}) THEN ${missing.bin}${whens} ELSE ${last.bin} END`;
}

/** The finite numeric value of a feature for averages (NULL for categorical and non-finite). */
function finiteNumSql(feature: FeatureInfo, value: string): string {
  return feature.kind === "numeric"
    ? `CASE WHEN isfinite(${value}) THEN ${value} END`
    : "NULL::DOUBLE";
}

/** SQL type of a bin column that holds every bin number of `bins`. */
function binType(bins: readonly FeatureBin[]): string {
  return bins.every((b) => b.bin < 32767) ? "SMALLINT" : "INTEGER";
}

/**
 * bin-counts: outcome counts per feature and bin among training leads, every lead's bins
 * assigned on the fly from lead_features (binCaseSql) in one pass over the wide table; the
 * profile's and the monotonic merging's input.
 * Reads lead_features, fit_sample, lead_labels.
 * columns: feature, bin, leads, won, handed (handed to sales), sql, events / non_events (target
 *   y true / false), mean_num (mean of the finite raw values, numeric features), max_num.
 */
export function binCountsSql(
  features: readonly FeatureInfo[],
  bins: readonly FeatureBin[],
): string {
  if (features.length === 0)
    return "SELECT NULL::VARCHAR AS feature, NULL::INTEGER AS bin, 0 AS leads, 0 AS won, 0 AS handed, 0 AS sql, 0 AS events, 0 AS non_events, NULL::DOUBLE AS mean_num, NULL::DOUBLE AS max_num WHERE false";
  const col = (f: FeatureInfo) => `f.${quoteIdent(f.feature)}`;
  return `-- bin-counts: outcome counts per feature and bin among training leads (src/features/lead-bins-sql.ts)
WITH b AS (
  SELECT s.y, l.won, l.handed_to_sales, l.sql,
         unnest(${quoteStringList(features.map((f) => f.feature))}) AS feature,
         unnest([${features.map((f) => `CAST(${binCaseSql(f, bins, col(f))} AS INTEGER)`).join(",\n                 ")}]) AS bin,
         unnest([${features.map((f) => finiteNumSql(f, col(f))).join(", ")}]) AS num
  FROM lead_features f
  JOIN fit_sample s ON s.lead_id = f.lead_id AND s.split = 'train'
  JOIN lead_labels l ON l.lead_id = f.lead_id
)
SELECT feature, bin,
       count(*)::INTEGER AS leads,
       count(*) FILTER (WHERE won)::INTEGER AS won,
       count(*) FILTER (WHERE handed_to_sales)::INTEGER AS handed,
       count(*) FILTER (WHERE sql)::INTEGER AS sql,
       count(*) FILTER (WHERE y)::INTEGER AS events,
       count(*) FILTER (WHERE NOT y)::INTEGER AS non_events,
       avg(num) AS mean_num,
       max(num) AS max_num
FROM b
GROUP BY feature, bin
ORDER BY feature, bin`;
}

/**
 * lead-bins: the wide temporary table lead_bins_wide (lead_id, then one SMALLINT column per
 * feature, named by the feature, holding its bin) for every lead of fit_sample, in one pass over
 * lead_features, and the long-form temporary view lead_bins (lead_id, feature, bin INTEGER, num
 * DOUBLE: the finite raw value of numeric features) over it for readers of the long form
 * (src/features/score-sample.ts). Temporary: rebuilt by every fit, never written to disk.
 * Returns the two statements, to run in order.
 */
export function leadBinsSql(
  features: readonly FeatureInfo[],
  bins: readonly FeatureBin[],
): string[] {
  const col = (f: FeatureInfo) => `f.${quoteIdent(f.feature)}`;
  const type = binType(bins);
  const table = `-- lead-bins: every fit_sample lead's bins, one column per feature (src/features/lead-bins-sql.ts)
CREATE OR REPLACE TEMP TABLE lead_bins_wide AS
SELECT f.lead_id${features.map((f) => `,\n       CAST(${binCaseSql(f, bins, col(f))} AS ${type}) AS ${quoteIdent(f.feature)}`).join("")}
FROM lead_features f JOIN fit_sample s ON s.lead_id = f.lead_id`;
  const view =
    features.length === 0
      ? "CREATE OR REPLACE TEMP VIEW lead_bins AS SELECT NULL::VARCHAR AS lead_id, NULL::VARCHAR AS feature, NULL::INTEGER AS bin, NULL::DOUBLE AS num WHERE false"
      : `CREATE OR REPLACE TEMP VIEW lead_bins AS
SELECT b.lead_id,
       unnest(${quoteStringList(features.map((f) => f.feature))}) AS feature,
       unnest([${features.map((f) => `CAST(b.${quoteIdent(f.feature)} AS INTEGER)`).join(", ")}]) AS bin,
       unnest([${features.map((f) => finiteNumSql(f, col(f))).join(", ")}]) AS num
FROM lead_bins_wide b JOIN lead_features f ON f.lead_id = b.lead_id`;
  return [table, view];
}

/**
 * fit-patterns: the training data of the regression as weighted unique bin patterns: one row
 * per split and combination of bins of `names` (columns of lead_bins_wide), with its outcome
 * counts; a GROUP BY over the bin columns. Reads fit_sample, lead_bins_wide.
 * columns: split, pattern INTEGER[] (the bins in the order of `names`), events, non_events;
 *   ordered by split, pattern.
 */
export function fitPatternsSql(names: readonly string[]): string {
  const cols = names.map((n) => `b.${quoteIdent(n)}`);
  return `-- fit-patterns: weighted unique bin patterns per split (src/features/lead-bins-sql.ts)
SELECT s.split,
       [${cols.map((c) => `CAST(${c} AS INTEGER)`).join(", ")}] AS pattern,
       count(*) FILTER (WHERE s.y)::INTEGER AS events,
       count(*) FILTER (WHERE NOT s.y)::INTEGER AS non_events
FROM fit_sample s JOIN lead_bins_wide b ON b.lead_id = s.lead_id
WHERE s.y IS NOT NULL
GROUP BY s.split${cols.map((c) => `, ${c}`).join("")}
ORDER BY split, pattern`;
}
