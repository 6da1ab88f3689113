-- swap-set: leads that move in and out of MQL between the rule in force and a proposed one,
-- with their historical outcomes. A lead is an MQL under a rule when it passes the rule's
-- gates and its peak score reaches the rule's threshold.
-- params: $current_model, $current_threshold, $new_model, $new_threshold (model keys in
--   bt_lead_score and whole-point thresholds). Reads bt_lead_score, lead_labels.
-- Output, one row per movement ('stays in', 'moves in', 'moves out', 'stays out'): leads,
--   mature, observed (mature and handed to sales), sql, won, won_amount, unobserved (never
--   handed to sales, any maturity).
WITH flags AS (
  SELECT l.lead_id,
         coalesce(c.gates_pass AND c.peak >= $current_threshold, false) AS was_mql,
         coalesce(n.gates_pass AND n.peak >= $new_threshold, false) AS is_mql,
         coalesce(l.mature, false) AS mature,
         l.sql,
         coalesce(l.won, false) AS won,
         coalesce(l.won_amount, 0) AS won_amount
  FROM lead_labels l
  LEFT JOIN bt_lead_score c ON c.lead_id = l.lead_id AND c.model_key = $current_model
  LEFT JOIN bt_lead_score n ON n.lead_id = l.lead_id AND n.model_key = $new_model
), moves AS (
  SELECT 'stays in' AS movement, 1 AS ord UNION ALL SELECT 'moves in', 2
  UNION ALL SELECT 'moves out', 3 UNION ALL SELECT 'stays out', 4
)
SELECT m.movement,
       count(f.lead_id)::INTEGER AS leads,
       (count(*) FILTER (WHERE f.mature))::INTEGER AS mature,
       (count(*) FILTER (WHERE f.mature AND f.sql IS NOT NULL))::INTEGER AS observed,
       (count(*) FILTER (WHERE f.mature AND f.sql))::INTEGER AS sql,
       (count(*) FILTER (WHERE f.mature AND f.won))::INTEGER AS won,
       coalesce(sum(f.won_amount::DECIMAL(38, 6)) FILTER (WHERE f.mature AND f.won), 0)::DOUBLE AS won_amount,
       (count(f.lead_id) FILTER (WHERE f.sql IS NULL))::INTEGER AS unobserved
FROM moves m
LEFT JOIN flags f
  ON m.movement = CASE
       WHEN f.was_mql AND f.is_mql THEN 'stays in'
       WHEN f.is_mql THEN 'moves in'
       WHEN f.was_mql THEN 'moves out'
       ELSE 'stays out'
     END
GROUP BY m.movement, m.ord
ORDER BY m.ord
