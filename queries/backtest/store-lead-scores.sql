-- store-lead-scores: one model's scored leads (peak = its highest record) kept in the database,
-- not a TEMP table, for a later process scoring the same model on the same population and data
-- to reuse (src/backtest/score-leads-stored.ts; the key is kept in stage_result, stage
-- 'score-records'). Persistent blocks can leave memory without being spilled.
-- params: none. Reads bt_lead_base, bt_record_new.
-- Output: TABLE stored_lead_score(lead_id, created_at, score_until, fit_points, count_points,
--   peak, gates_pass), replaced.
CREATE OR REPLACE TABLE stored_lead_score AS
SELECT b.lead_id, b.created_at, b.score_until, b.fit_points, b.count_points, r.peak, b.gates_pass
FROM bt_lead_base b
JOIN (SELECT lead_id, max(score) AS peak FROM bt_record_new GROUP BY lead_id) r USING (lead_id)
