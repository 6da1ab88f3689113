-- delete-lead-scores: forget one model key's scored leads before it is scored again.
-- params: $model (model key). Output: none.
DELETE FROM bt_lead_score WHERE model_key = $model
