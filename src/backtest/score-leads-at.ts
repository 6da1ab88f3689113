import type { Db } from "../db/index.js";
import type { Model } from "../model/model-file.js";
import { readScoresAtBatches } from "./read-scores-at.js";
import type { scoreLeads } from "./score-leads.js";
import { stageScoresAt } from "./stage-scores-at.js";

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
 * Every lead's score at one instant under a model, with its reasons, highest score first (ties
 * by lead_id). The scoring is the backtest's ({@link scoreLeads}: the same fit, decay, caps and
 * gates), run over the leads created by `asOf` up to `asOf` ({@link stageScoresAt}); the rows
 * are read back in batches ({@link readScoresAtBatches}). `asOf` null: the data has no dates (a
 * flat export), every lead scored once from its row. This holds every row in memory: at a
 * million leads, `handoff score` stages once and reads ranges instead.
 */
export async function scoreLeadsAt(
  db: Db,
  model: Model,
  options: { asOf: Date | null; reasons: number },
): Promise<ScoreLeadsAtResult> {
  const { leads, warnings } = await stageScoresAt(db, model, { asOf: options.asOf });
  const rows: LeadScoreAt[] = [];
  for await (const batch of readScoresAtBatches(db, { leads, reasons: options.reasons }))
    rows.push(...batch);
  return { rows, warnings };
}
