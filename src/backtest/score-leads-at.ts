import type { Db } from "../db/index.js";
import type { Model } from "../model/model-file.js";
import { flattenModel } from "./flatten-model.js";
import { scoreLeads } from "./score-leads.js";

/** One lead's score at an instant, as `handoff score` reports it. */
export interface LeadScoreAt {
  lead_id: string;
  created_at: Date | null;
  /** Fit + intent points at the instant. */
  score: number;
  fit_points: number;
  /** Activity rules (decayed, capped) and flat-export count rules. */
  intent_points: number;
  /** The highest score reached by the instant. */
  peak: number;
  gates_pass: boolean;
  /** Passes every gate and its score has reached the threshold by the instant. */
  mql: boolean;
  /** The first moment the score reached the threshold (null without dates or when not an MQL). */
  mql_at: Date | null;
  /** Points still needed (threshold − score) for non-MQLs; null for MQLs. */
  points_short: number | null;
  /** The top contributions in words, largest |points| first ("+20 pricing view ×3 (decayed)"). */
  reasons: string[];
  /** Every non-zero contribution: rule name, exact points, words. */
  contributions: { rule: string; points: number; text: string }[];
  /** Gates the lead fails, in words ("sanctioned country (country = KP)"). */
  gates_failed: string[];
}

export interface ScoreLeadsAtResult {
  rows: LeadScoreAt[];
  warnings: string[];
}

/**
 * Every lead's score at one instant under a model, with its reasons. The scoring is the
 * backtest's ({@link scoreLeads}: the same fit, decay, caps and gates), run over the leads
 * created by `asOf` up to `asOf`; `intent-points-at.sql` evaluates each activity rule at that
 * instant (from `rule-events.sql`: each event's decayed total) and `lead-scores-at.sql` adds
 * the parts up and puts each rule's contribution into words, sorted by |points|. `asOf` null: the data has no dates (a flat export), every lead
 * scored once from its row.
 */
export async function scoreLeadsAt(
  db: Db,
  model: Model,
  options: { asOf: Date | null; reasons: number },
): Promise<ScoreLeadsAtResult> {
  await db.exec("backtest/population-at", { as_of: options.asOf?.toISOString() ?? null });
  const { warnings } = await scoreLeads(db, model, "score");
  const rows = flattenModel(model);
  // each scored event with its rule's decayed total (none when no activities are loaded, as in
  // scoreLeads), then the same rules at the instant
  const hasActivities = rows.intent_rules !== "[]" && (await db.hasTable("activities"));
  await db.exec("backtest/rule-events", { intent_rules: hasActivities ? rows.intent_rules : "[]" });
  await db.exec("backtest/intent-points-at", { intent_rules: rows.intent_rules });
  const scored = await db.query<LeadScoreAt>("backtest/lead-scores-at", {
    threshold: model.threshold,
    top: options.reasons,
    rule_labels: rows.rule_labels,
  });
  return { rows: scored, warnings };
}
