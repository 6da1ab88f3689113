-- score-tables: where scored leads land, one row set per model key ('model', 'current').
-- params: none. Output: TEMP TABLEs bt_lead_score and bt_score_record (created if missing).
--   bt_lead_score(model_key, lead_id, created_at, fit_points, count_points, peak, gates_pass):
--     peak = the highest score the lead reaches in its scoring window (gates not applied).
--   bt_score_record(model_key, lead_id, t, score_from, score): the moments the lead's score
--     sets a new high. A threshold T is first reached at the record with
--     score_from < T <= score (score_from NULL = the creation record, -infinity).
CREATE TEMP TABLE IF NOT EXISTS bt_lead_score (
  model_key    VARCHAR NOT NULL,
  lead_id      VARCHAR NOT NULL,
  created_at   TIMESTAMP,
  fit_points   DOUBLE NOT NULL,
  count_points DOUBLE NOT NULL,
  peak         DOUBLE NOT NULL,
  gates_pass   BOOLEAN NOT NULL
);
CREATE TEMP TABLE IF NOT EXISTS bt_score_record (
  model_key  VARCHAR NOT NULL,
  lead_id    VARCHAR NOT NULL,
  t          TIMESTAMP,
  score_from DOUBLE,
  score      DOUBLE NOT NULL
);
