-- insert-lead-scores: store one model key's scored leads (peak = its highest record).
-- params: $model (model key). Reads bt_lead_base, bt_record_new. Output: rows in bt_lead_score.
INSERT INTO bt_lead_score
SELECT $model, b.lead_id, b.created_at, b.fit_points, b.count_points, r.peak, b.gates_pass
FROM bt_lead_base b
JOIN (SELECT lead_id, max(score) AS peak FROM bt_record_new GROUP BY lead_id) r USING (lead_id)
