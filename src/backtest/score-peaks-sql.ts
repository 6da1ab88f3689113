import type { Model } from "../model/model-file.js";
import { scoreTimelineSql } from "./score-records-sql.js";

/**
 * The statement that builds `bt_score_peak(lead_id, peak, first_at)` for `handoff score`: each
 * lead's highest score by its score_until and the first moment its score reached
 * `$threshold` (NULL: never), from the same timeline as the backtest's records
 * ({@link scoreTimelineSql}). It equals max(score) and min(t) FILTER (score >= $threshold) over
 * the lead's records from {@link scoreRecordsSql} (the first moment at or above the line beats
 * every earlier one, so it is a record; the peak is the last record), with one GROUP BY in
 * place of the records' second window and without materialising the records.
 *
 * params: `$intent_rules` (as scoreRecordsSql), `$threshold` (DOUBLE). Reads bt_lead_base and,
 * when `withEvents`, activities.
 */
export function scorePeaksSql(model: Model, withEvents: boolean, spanDays: number | null): string {
  return `-- score-peaks: each lead's peak and first crossing of the threshold under one model (src/backtest/score-peaks-sql.ts)
CREATE OR REPLACE TEMP TABLE bt_score_peak AS
${scoreTimelineSql(model, withEvents, spanDays)}, peaks AS (
  SELECT lead_key, max(total) AS peak, min(t_eval) FILTER (WHERE total >= $threshold) AS first_at
  FROM timeline
  GROUP BY lead_key
)
SELECT b.lead_id, p.peak, p.first_at
FROM peaks p
JOIN bt_lead_base b ON b.rowid = p.lead_key`;
}
