-- store-score-records: keep one model key's score records in the database (not a TEMP table),
-- for a later process scoring the same model on the same population and data to reuse
-- (src/backtest/score-leads-stored.ts; the key is kept in stage_result, stage 'score-records').
-- params: $model (model key in bt_score_record). Reads bt_score_record.
-- Output: TABLE stored_score_record(lead_id, t, score_from, score), replaced.
CREATE OR REPLACE TABLE stored_score_record AS
SELECT lead_id, t, score_from, score
FROM bt_score_record
WHERE model_key = $model
