-- restore-score-records: stored score records (store-score-records.sql) back under a model key.
-- params: $model (model key). Reads stored_score_record. Output: rows in bt_score_record.
INSERT INTO bt_score_record
SELECT $model, lead_id, t, score_from, score
FROM stored_score_record
