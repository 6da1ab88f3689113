import { existsSync } from "node:fs";
import { type Db, QUERIES_DIR, quoteIdent } from "../db/index.js";
import { UserError } from "../errors.js";
import { DERIVED_FIELDS, type Model, modelFields } from "../model/model-file.js";
import { flattenModel } from "./flatten-model.js";
import { scorePeaksSql } from "./score-peaks-sql.js";
import { scoreRecordsSql } from "./score-records-sql.js";

/**
 * Score every lead of `bt_population` under a model as its score evolves over time, and store
 * the result under `key` in `bt_lead_score` (peak score, gates) and `bt_score_record` (the
 * moments the score sets a new high), or with `keep: "stored"` in the database's
 * `stored_lead_score` / `stored_score_record` instead (scoreLeadsStored). With `keep: "peaks"`
 * step 3 builds `bt_score_peak(lead_id, peak, first_at)` instead of the records, and nothing
 * is stored under `key` (scorePeaksSql: each lead's peak and first crossing of the model's threshold,
 * what `handoff score` needs; at 1M leads the ~14M records and their copy were seconds and
 * memory spent for nothing). Steps:
 *
 * 1. `bt_lead_value`: the value of every field the model reads, per lead (a canonical or extra
 *    column of `leads`, or a derived field from the features stage's SQL macros).
 * 2. `lead-rule-points`: each fit and count rule's points per lead and each gate's verdict
 *    (kept for `handoff score`'s reasons); `lead-base-points` adds them up per lead.
 * 3. `scoreRecordsSql`: the score at the creation and every event time, each rule's decayed
 *    total from running sums in one window per lead (generated per model: a column per rule),
 *    kept where it sets a new high (`bt_record_new`).
 *
 * Why event times suffice. Let t_1 < t_2 < … be a lead's event times (and t_0 its creation).
 * On [t_k, t_{k+1}) no event arrives, so for each rule r the uncapped total is
 * S_r(t) = S_r(t_k) · 2^(−(t − t_k)/h_r): a rule with positive points has S_r ≥ 0 and
 * non-increasing in t, and clamping to its cap (min(cap, ·), a non-decreasing map) keeps it
 * non-increasing; a rule with negative points has no half-life (the model file rejects one),
 * so its contribution is constant; fit and count points are constant. Hence
 * score(t) ≤ score(t_k) on the interval, the supremum over any window is reached at an event
 * time, and the first moment the score reaches a threshold T is an event time. ∎
 */
export async function scoreLeads(
  db: Db,
  model: Model,
  key: string,
  options: { keep: "temp" | "stored" | "peaks" } = { keep: "temp" },
): Promise<ScoreLeadsResult> {
  const warnings: string[] = [];
  if (!(await db.hasTable("bt_population")))
    throw new Error("scoreLeads: bt_population must exist (run backtest/population-from-labels)");
  const columns = new Set((await db.tableColumns("leads")).map((c) => c.name));
  const expressions = await fieldExpressions(db, model, columns, warnings);

  // 1. field values, one UNION ALL branch per field; identifiers quoted, field names bound
  const params: Record<string, string> = {};
  const branches = [...expressions].map(([field, expression], i) => {
    params[`f${i}`] = field;
    return `SELECT p.lead_id, $f${i} AS field, NULLIF(TRIM(CAST(${expression} AS VARCHAR)), '') AS value_text, TRY_CAST(${expression} AS DOUBLE) AS value_num FROM bt_population p JOIN leads l USING (lead_id)`;
  });
  const body =
    branches.length > 0
      ? branches.join("\nUNION ALL\n")
      : "SELECT NULL::VARCHAR AS lead_id, NULL::VARCHAR AS field, NULL::VARCHAR AS value_text, NULL::DOUBLE AS value_num WHERE false";
  await db.run(`CREATE OR REPLACE TEMP TABLE bt_lead_value AS ${body}`, params);

  // 2.–3. queries over the model's rules, bound as JSON
  const rows = flattenModel(model);
  await db.exec("backtest/lead-rule-points", {
    fit_fields: rows.fit_fields,
    fit_categories: rows.fit_categories,
    fit_bins: rows.fit_bins,
    count_rules: rows.count_rules,
  });
  await db.exec("backtest/lead-gates", { gates: rows.gates, gate_values: rows.gate_values });
  await db.exec("backtest/lead-base-points");
  // the per-rule rows are for `handoff score`'s reasons: the fit's scoring (keep "stored") drops
  // them so that the timeline's window has their memory (about 8 rows per lead)
  if (options.keep === "stored")
    for (const table of ["bt_lead_value", "bt_lead_rule_points", "bt_lead_gate"])
      await db.run(`DROP TABLE IF EXISTS ${table}`);
  const activityCount =
    rows.intent_rules === "[]" || !(await db.hasTable("activities"))
      ? 0
      : ((await db.all<{ n: number }>("SELECT count(*)::INTEGER AS n FROM activities"))[0]?.n ?? 0);
  const hasActivities = activityCount > 0;
  if (rows.intent_rules !== "[]" && !hasActivities)
    warnings.push("the model has activity rules but no activities are loaded: they score 0");
  const span = hasActivities
    ? ((await db.query<{ span_days: number | null }>("backtest/score-span"))[0]?.span_days ?? null)
    : null;
  await db.run(
    options.keep === "peaks"
      ? scorePeaksSql(model, hasActivities, span)
      : scoreRecordsSql(model, hasActivities, span),
    { ...(hasActivities ? { intent_rules: rows.intent_rules } : {}), threshold: model.threshold },
  );

  if (options.keep === "stored") {
    // straight into the database's tables (scoreLeadsStored): no TEMP copy held in memory
    await db.exec("backtest/store-lead-scores");
    await db.exec("backtest/store-score-records");
    await db.run("DROP TABLE IF EXISTS bt_record_new");
  } else if (options.keep === "temp") {
    await db.exec("backtest/score-tables");
    await db.exec("backtest/score-keys");
    await db.transaction(async () => {
      // what the key held is gone: scoreLeadsStored remembers what it holds now, when it knows
      await db.exec("backtest/forget-score-key", { model: key });
      await db.exec("backtest/delete-lead-scores", { model: key });
      await db.exec("backtest/delete-score-records", { model: key });
      await db.exec("backtest/insert-lead-scores", { model: key });
      await db.exec("backtest/insert-score-records", { model: key });
    });
  }
  return { warnings };
}

export interface ScoreLeadsResult {
  warnings: string[];
}

/**
 * SQL expressions for the model's fields: `l."column"` for columns of `leads`, a macro call for
 * derived fields. A field that is neither is a `UserError` naming it.
 */
async function fieldExpressions(
  db: Db,
  model: Model,
  columns: Set<string>,
  warnings: string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const macrosFile = `${QUERIES_DIR}features/macros.sql`;
  // the derived fields' macros that exist, looked up once (duckdb_functions() lists every
  // function: about 0.1 s a call)
  let macros: Set<string> | undefined;
  for (const field of modelFields(model)) {
    const derived = DERIVED_MACROS[field as (typeof DERIVED_FIELDS)[number]];
    if (derived !== undefined) {
      if (macros === undefined) {
        if (existsSync(macrosFile)) await db.execOnce("features/macros");
        const names = Object.values(DERIVED_MACROS).map((m) => m.macro);
        const found = await db.all<{ name: string }>(
          `SELECT DISTINCT function_name AS name FROM duckdb_functions() WHERE function_name IN (${names.map((_, i) => `$m${i}`).join(", ")})`,
          Object.fromEntries(names.map((name, i) => [`m${i}`, name])),
        );
        macros = new Set(found.map((r) => r.name));
      }
      if (macros.has(derived.macro) && columns.has(derived.input)) {
        out.set(field, `${quoteIdent(derived.macro)}(l.${quoteIdent(derived.input)})`);
        continue;
      }
      if (columns.has(field)) {
        warnings.push(
          `derived field "${field}" is not available (features macros not loaded): using the exported column "${field}"`,
        );
        out.set(field, `l.${quoteIdent(field)}`);
        continue;
      }
      throw new UserError(
        `model field "${field}" is derived from leads.${derived.input} by the features stage, and neither the macro ${derived.macro} nor the column is available: load leads with a ${derived.input} column`,
      );
    }
    if (!columns.has(field)) {
      throw new UserError(
        `model field "${field}" is not a column of leads: use a canonical field, an extra column from your export, or a derived field (${DERIVED_FIELDS.join(", ")}). Columns: ${[...columns].filter((c) => c !== "source_file" && c !== "source_line").join(", ")}`,
      );
    }
    out.set(field, `l.${quoteIdent(field)}`);
  }
  return out;
}

/** Derived fields → the features stage's macro (queries/features/macros.sql) and its input column. */
export const DERIVED_MACROS: Record<
  (typeof DERIVED_FIELDS)[number],
  { macro: string; input: string }
> = {
  seniority: { macro: "seniority_of", input: "title" },
  size_band: { macro: "size_band_of", input: "employees" },
};
