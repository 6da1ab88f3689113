-- forget-score-key: a model key's scores are about to be replaced: they no longer stand for
-- the records key they were remembered under (score-keys.sql).
-- params: $model (model key). Output: none.
DELETE FROM bt_score_key WHERE model_key = $model
