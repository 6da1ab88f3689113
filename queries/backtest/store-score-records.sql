-- store-score-records: one model's score records kept in the database, not a TEMP table, for a
-- later process scoring the same model on the same population and data to reuse
-- (src/backtest/score-leads-stored.ts; the key is kept in stage_result, stage 'score-records').
-- params: none. Reads bt_record_new.
-- Output: TABLE stored_score_record(lead_id, t, score_from, score), replaced.
CREATE OR REPLACE TABLE stored_score_record AS
SELECT lead_id, t, score_from, score FROM bt_record_new
