-- delete-score-records: forget one model key's score records before it is scored again.
-- params: $model (model key). Output: none.
DELETE FROM bt_score_record WHERE model_key = $model
