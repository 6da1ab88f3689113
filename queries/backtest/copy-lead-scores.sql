-- copy-lead-scores: one model key's scored leads again under another key (the same model on
-- the same population, scored earlier in this process).
-- params: $from, $to (model keys). Output: rows in bt_lead_score.
INSERT INTO bt_lead_score
SELECT $to, lead_id, created_at, score_until, fit_points, count_points, peak, gates_pass
FROM bt_lead_score
WHERE model_key = $from
