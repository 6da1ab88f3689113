-- sweep-leads: the leads a sweep counts, with the outcomes known at a moment: one model key's
-- scored leads (bt_lead_score) joined to their labels (lead_labels, features stage).
-- params:
--   $model          model key
--   $created_from   TIMESTAMP or NULL: only leads created at or after it
--   $created_to     TIMESTAMP or NULL: only leads created before it
--   $censor_at      TIMESTAMP or NULL: outcomes as known at this moment (walk-forward training):
--                   only leads whose scoring window closed by then (decision_at <= censor_at),
--                   mature only if decision_at + $maturity_days <= censor_at, SQL and won only if
--                   they happened before it. NULL: outcomes as labelled now.
--   $maturity_days  DOUBLE, used with $censor_at
-- Output: TEMP TABLE bt_sweep_lead(lead_id, created_at, peak, mature, observed, sql, sql_at,
--   won, won_at, won_amount). peak is NULL for leads that fail a gate (never an MQL);
--   observed = handed to sales (sql is not NULL).
CREATE OR REPLACE TEMP TABLE bt_sweep_lead AS
WITH known AS (
  SELECT s.lead_id, l.created_at,
         CASE WHEN s.gates_pass THEN s.peak END AS peak,
         coalesce(l.mature, false)
           AND ($censor_at IS NULL
                OR epoch(l.decision_at) + $maturity_days * 86400 <= epoch($censor_at::TIMESTAMP))
           AS mature,
         l.sql IS NOT NULL AS observed,
         coalesce(l.sql, false)
           AND ($censor_at IS NULL OR l.sql_at < $censor_at::TIMESTAMP) AS sql,
         l.sql_at,
         coalesce(l.won, false)
           AND ($censor_at IS NULL OR l.won_at < $censor_at::TIMESTAMP) AS won,
         l.won_at, l.won_amount
  FROM bt_lead_score s
  JOIN lead_labels l USING (lead_id)
  WHERE s.model_key = $model
    AND ($created_from IS NULL OR l.created_at >= $created_from::TIMESTAMP)
    AND ($created_to IS NULL OR l.created_at < $created_to::TIMESTAMP)
    AND ($censor_at IS NULL OR l.decision_at <= $censor_at::TIMESTAMP)
)
SELECT lead_id, created_at, peak, mature, observed,
       sql AND observed AS sql, CASE WHEN sql AND observed THEN sql_at END AS sql_at,
       won, CASE WHEN won THEN won_at END AS won_at,
       CASE WHEN won THEN coalesce(won_amount, 0) ELSE 0 END AS won_amount
FROM known
