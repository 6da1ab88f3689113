-- score-keys: which scores each model key of bt_lead_score / bt_score_record holds, so that one
-- process scores a model on a population once (scoreLeadsStored, e.g. `handoff recalibrate`
-- backtests the model in force alone and then as the candidate's current rule).
-- params: none. Output: TEMP TABLE bt_score_key(model_key, records_key, warnings) (created if
--   missing): records_key = scoreRecordsKey (model's scoring content, population, data, code),
--   warnings = scoreLeads' warnings as JSON. A model key without a row holds nothing reusable.
CREATE TEMP TABLE IF NOT EXISTS bt_score_key (
  model_key   VARCHAR NOT NULL,
  records_key VARCHAR NOT NULL,
  warnings    VARCHAR NOT NULL
);
