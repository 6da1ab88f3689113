import type { Db } from "../db/index.js";
import type { Model } from "../model/model-file.js";
import { flattenModel } from "./flatten-model.js";
import { scoreLeads } from "./score-leads.js";

export interface StageScoresAtResult {
  /** Leads scored (the rows of `bt_score_at`). */
  leads: number;
  warnings: string[];
}

/**
 * Score every lead at one instant under a model and leave the result in TEMP tables that
 * {@link readScoresAt} reads a range of leads at a time (`handoff score` at 1M leads never holds
 * every lead's row, nor every lead's reasons, in one place):
 *
 * 1. `population-at`: the leads created by `asOf`, scored up to `asOf` (`asOf` null: the data has
 *    no dates, a flat export; every lead is scored once from its row).
 * 2. {@link scoreLeads}: the backtest's scoring (fit, count rules, gates, and the score records
 *    timeline), keeping each lead's peak and first crossing of the threshold (`bt_score_peak`).
 * 3. `intent-points-at`: each activity rule's decayed, capped total at the instant, one
 *    GROUP BY over the lead's events (none when no activities are loaded, as in scoreLeads).
 * 4. `score-at`: `bt_score_at`, one row per lead with its score, peak, MQL flag and place `ord`
 *    (1 = highest score, ties by lead_id); `score-at-reasons` and `score-at-gates`: each
 *    contribution in words and each failed gate, keyed by `ord`. The tables in between are
 *    dropped once read: what stays is `bt_population`, `bt_lead_base` and the three above.
 */
export async function stageScoresAt(
  db: Db,
  model: Model,
  options: { asOf: Date | null },
): Promise<StageScoresAtResult> {
  await db.exec("backtest/population-at", { as_of: options.asOf?.toISOString() ?? null });
  // each lead's peak and first crossing (bt_score_peak), not its records: no copy under a key
  const { warnings } = await scoreLeads(db, model, "score", { keep: "peaks" });
  const rows = flattenModel(model);
  const hasActivities = rows.intent_rules !== "[]" && (await db.hasTable("activities"));
  await db.exec("backtest/intent-points-at", {
    intent_rules: hasActivities ? rows.intent_rules : "[]",
  });
  await db.exec("backtest/score-at", { threshold: model.threshold });
  // each intermediate table is dropped once read for the last time: memory for the next step
  await db.run("DROP TABLE IF EXISTS bt_score_peak");
  await db.exec("backtest/score-at-reasons", { rule_labels: rows.rule_labels });
  await db.exec("backtest/score-at-gates", { rule_labels: rows.rule_labels });
  for (const table of ["bt_lead_rule_points", "bt_intent_at", "bt_lead_gate", "bt_lead_value"])
    await db.run(`DROP TABLE IF EXISTS ${table}`);
  const counted = await db.all<{ n: number }>("SELECT count(*)::INTEGER AS n FROM bt_score_at");
  return { leads: counted[0]?.n ?? 0, warnings };
}
