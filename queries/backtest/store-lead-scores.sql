-- store-lead-scores: keep one model key's scored leads in the database (not a TEMP table), for a
-- later process scoring the same model on the same population and data to reuse
-- (src/backtest/score-leads-stored.ts; the key is kept in stage_result, stage 'score-records').
-- params: $model (model key in bt_lead_score). Reads bt_lead_score.
-- Output: TABLE stored_lead_score(lead_id, created_at, score_until, fit_points, count_points,
--   peak, gates_pass), replaced.
CREATE OR REPLACE TABLE stored_lead_score AS
SELECT lead_id, created_at, score_until, fit_points, count_points, peak, gates_pass
FROM bt_lead_score
WHERE model_key = $model
