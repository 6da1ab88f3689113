import { type Db, quoteIdent, quoteString } from "../db/index.js";
import {
  type LeadFeatureColumn,
  leadFeatureColumns,
  leadFeaturesSql,
} from "./lead-features-sql.js";

const NUMERIC_TYPES =
  /^(DOUBLE|FLOAT|REAL|DECIMAL.*|BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|UBIGINT|UINTEGER|USMALLINT|UTINYINT)$/i;
const CATEGORICAL_TYPES = /^(VARCHAR|BOOLEAN|TEXT|STRING)$/i;

/**
 * Write lead_features (wide: one row per lead of lead_labels, one column per feature), its
 * catalog lead_feature_catalog (feature, family, kind; one row per column of lead_features
 * other than lead_id) and the view lead_features_long. Needs lead_labels and feature_run
 * (buildLabels) and features/macros. The same features, values and rules as the long form it
 * replaces (test/features/lead-features.test.ts):
 * 1. the candidate columns: the built-in features (leadFeatureColumns) for the activity types
 *    other than `salesTypes`, plus extra export columns (column_catalog role 'extra', kind
 *    'leads': numeric types as numeric, text and booleans as categorical, dates skipped) whose
 *    name is not a built-in feature's;
 * 2. one CREATE TABLE ... AS SELECT (leadFeaturesSql);
 * 3. built-in features NULL for every lead are dropped (ALTER TABLE ... DROP COLUMN: no copy);
 *    an extra column is kept when the export has any value in it (even if every value is
 *    blank), as it always was;
 * 4. an extra whose name is a built-in feature that was dropped in 3 takes its place;
 * 5. `exclude` last: an excluded feature still decides whether a same-named extra is added.
 * Returns the extra columns added (excluded ones included, as before), in column_catalog order.
 */
export async function writeLeadFeatures(
  db: Db,
  options: { salesTypes: readonly string[]; exclude: readonly string[] },
): Promise<string[]> {
  const salesTypes = JSON.stringify(options.salesTypes);
  // 1.
  const [activity] = await db.all<{ types: string[] | null; any: boolean }>(
    `SELECT list(DISTINCT type ORDER BY type) FILTER (WHERE type IS NOT NULL AND NOT list_contains(from_json($sales_types, '["VARCHAR"]'), type)) AS types,
            count(*) > 0 AS any
     FROM activities`,
    { sales_types: salesTypes },
  );
  const types = activity?.types ?? [];
  const builtIn = leadFeatureColumns(types, !(activity?.any ?? false));
  const builtInNames = new Set(builtIn.map((c) => c.feature));
  const extras = await extraColumns(db);
  const columns = [...builtIn, ...extras.filter((c) => !builtInNames.has(c.feature))];
  // 2.
  await db.run(leadFeaturesSql(columns, types), { sales_types: salesTypes });
  // 3.
  const [counts] = await db.all<Record<string, number>>(
    `SELECT ${[
      ...builtIn.map((c, i) => `count(${quoteIdent(c.feature)})::INTEGER AS b${i}`),
      ...extras.map(
        (c, i) => `(SELECT count(${quoteIdent(c.feature)})::INTEGER FROM leads) AS e${i}`,
      ),
    ].join(", ")} FROM lead_features`,
  );
  const present = new Set(
    builtIn.filter((_, i) => (counts?.[`b${i}`] ?? 0) > 0).map((c) => c.feature),
  );
  const added = extras.filter((c, i) => (counts?.[`e${i}`] ?? 0) > 0 && !present.has(c.feature));
  const addedNames = new Set(added.map((c) => c.feature));
  for (const c of columns) {
    const keep = builtInNames.has(c.feature) ? present.has(c.feature) : addedNames.has(c.feature);
    if (!keep) await db.run(`ALTER TABLE lead_features DROP COLUMN ${quoteIdent(c.feature)}`);
  }
  // 4.
  for (const c of added) {
    if (!builtInNames.has(c.feature)) continue;
    await db.run(
      `ALTER TABLE lead_features ADD COLUMN ${quoteIdent(c.feature)} ${c.kind === "numeric" ? "DOUBLE" : "VARCHAR"}`,
    );
    await db.run(
      `UPDATE lead_features SET ${quoteIdent(c.feature)} = x.v
       FROM (SELECT l.lead_id, ${c.expr} AS v FROM leads l) x WHERE x.lead_id = lead_features.lead_id`,
    );
  }
  // 5.
  const kept = [...builtIn.filter((c) => present.has(c.feature)), ...added];
  for (const c of kept)
    if (options.exclude.includes(c.feature))
      await db.run(`ALTER TABLE lead_features DROP COLUMN ${quoteIdent(c.feature)}`);
  await db.run(
    `CREATE OR REPLACE TABLE lead_feature_catalog AS
     SELECT feature,
            family::ENUM('fit', 'intent', 'engagement') AS family,
            kind::ENUM('categorical', 'numeric') AS kind
     FROM (SELECT unnest(from_json($columns, '[{"feature":"VARCHAR","family":"VARCHAR","kind":"VARCHAR"}]'), recursive := true))
     ORDER BY feature`,
    {
      columns: JSON.stringify(
        kept
          .filter((c) => !options.exclude.includes(c.feature))
          .map(({ feature, family, kind }) => ({ feature, family, kind })),
      ),
    },
  );
  await db.run(leadFeaturesLongSql(kept.filter((c) => !options.exclude.includes(c.feature))));
  return added.map((c) => c.feature);
}

/**
 * The view lead_features_long: lead_features in the long form it had before it was wide (one
 * row per lead and feature; columns lead_id, feature, family, kind, cat VARCHAR, num DOUBLE),
 * computed when read (no copy), for the queries that aggregate over every feature at once
 * (category-counts.sql).
 */
export function leadFeaturesLongSql(columns: readonly LeadFeatureColumn[]): string {
  if (columns.length === 0)
    return "CREATE OR REPLACE VIEW lead_features_long AS SELECT NULL::VARCHAR AS lead_id, NULL::VARCHAR AS feature, NULL::VARCHAR AS family, NULL::VARCHAR AS kind, NULL::VARCHAR AS cat, NULL::DOUBLE AS num WHERE false";
  const list = (values: string[]) => `unnest([${values.join(", ")}])`;
  const col = (c: LeadFeatureColumn) => `f.${quoteIdent(c.feature)}`;
  return `CREATE OR REPLACE VIEW lead_features_long AS
SELECT f.lead_id,
       ${list(columns.map((c) => quoteString(c.feature)))} AS feature,
       ${list(columns.map((c) => quoteString(c.family)))} AS family,
       ${list(columns.map((c) => quoteString(c.kind)))} AS kind,
       ${list(columns.map((c) => (c.kind === "categorical" ? col(c) : "NULL::VARCHAR")))} AS cat,
       ${list(columns.map((c) => (c.kind === "numeric" ? col(c) : "NULL::DOUBLE")))} AS num
FROM lead_features f`;
}

/** Extra export columns of leads usable as features, in column_catalog order. */
async function extraColumns(db: Db): Promise<LeadFeatureColumn[]> {
  const catalog = await db.all<{ column_name: string }>(
    "SELECT column_name FROM column_catalog WHERE kind = 'leads' AND role = 'extra' ORDER BY column_name",
  );
  const present = new Map((await db.tableColumns("leads")).map((c) => [c.name, c.type]));
  const out: LeadFeatureColumn[] = [];
  for (const { column_name: name } of catalog) {
    const type = present.get(name);
    if (type === undefined) continue;
    const column = `l.${quoteIdent(name)}`;
    if (NUMERIC_TYPES.test(type))
      out.push({
        feature: name,
        family: "fit",
        kind: "numeric",
        expr: `CAST(${column} AS DOUBLE)`,
      });
    else if (CATEGORICAL_TYPES.test(type))
      out.push({
        feature: name,
        family: "fit",
        kind: "categorical",
        expr: `nullif(trim(CAST(${column} AS VARCHAR)), '')`,
      });
  }
  return out;
}
