-- copy-score-records: one model key's score records again under another key (the same model
-- on the same population, scored earlier in this process).
-- params: $from, $to (model keys). Output: rows in bt_score_record.
INSERT INTO bt_score_record
SELECT $to, lead_id, t, score_from, score
FROM bt_score_record
WHERE model_key = $from
