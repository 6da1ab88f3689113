-- score-at: every scored lead's score at its score_until (the instant `handoff score` reports)
-- and its MQL flag, one row per lead, numbered in the order `handoff score` lists them.
--   score     = fit points + count points + Σ activity rules' contributions at that instant
--   peak      = the highest score reached by then; mql = passes every gate and peak >= $threshold
--               (a lead is an MQL from the first moment its score reaches the line, as in the
--               backtest); mql_at = that moment (NULL without dates or when not an MQL)
--   points_short = $threshold − score for non-MQLs (0 when the points suffice but a gate fails)
--   ord       = the lead's place, 1 = highest score (ties by lead_id): reasons and failed gates
--               (score-at-reasons.sql, score-at-gates.sql) and the rows (score-at-rows.sql) are
--               keyed and read by it, in ranges.
-- params: $threshold (DOUBLE). Reads bt_lead_base, bt_intent_at, bt_score_peak (peak and first
--   moment at or above $threshold, src/backtest/score-peaks-sql.ts).
-- Output: TEMP TABLE bt_score_at(ord, lead_id, created_at, score, fit_points, intent_points,
--   peak, gates_pass, mql, mql_at, points_short), in ord order.
CREATE OR REPLACE TEMP TABLE bt_score_at AS
WITH intent AS (
  SELECT lead_id, sum(points) AS points FROM bt_intent_at GROUP BY lead_id
), scored AS (
  SELECT b.lead_id, b.created_at, b.fit_points,
         b.count_points + coalesce(i.points, 0) AS intent_points,
         b.fit_points + b.count_points + coalesce(i.points, 0) AS score,
         greatest(coalesce(r.peak, b.fit_points + b.count_points), b.fit_points + b.count_points + coalesce(i.points, 0)) AS peak,
         b.gates_pass, r.first_at
  FROM bt_lead_base b
  LEFT JOIN intent i USING (lead_id)
  LEFT JOIN bt_score_peak r USING (lead_id)
)
SELECT row_number() OVER (ORDER BY s.score DESC, s.lead_id)::INTEGER AS ord,
       s.lead_id, s.created_at, s.score, s.fit_points, s.intent_points, s.peak, s.gates_pass,
       s.gates_pass AND s.peak >= $threshold AS mql,
       CASE WHEN s.gates_pass AND s.peak >= $threshold THEN s.first_at END AS mql_at,
       CASE WHEN s.gates_pass AND s.peak >= $threshold THEN NULL
            ELSE greatest($threshold - s.score, 0) END AS points_short
FROM scored s
ORDER BY ord
