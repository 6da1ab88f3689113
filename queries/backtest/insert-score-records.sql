-- insert-score-records: store one model key's score records.
-- params: $model (model key). Reads bt_record_new. Output: rows in bt_score_record.
INSERT INTO bt_score_record
SELECT $model, lead_id, t, score_from, score FROM bt_record_new
