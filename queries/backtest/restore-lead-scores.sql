-- restore-lead-scores: stored scored leads (store-lead-scores.sql) back under a model key.
-- params: $model (model key). Reads stored_lead_score. Output: rows in bt_lead_score.
INSERT INTO bt_lead_score
SELECT $model, lead_id, created_at, score_until, fit_points, count_points, peak, gates_pass
FROM stored_lead_score
