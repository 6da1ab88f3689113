-- remember-score-key: a model key now holds the scores of one records key (score-keys.sql).
-- params: $model (model key), $records (records key), $warnings (JSON). Output: one row.
INSERT INTO bt_score_key VALUES ($model, $records, $warnings)
