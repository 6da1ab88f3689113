-- score-records-new: each lead's score over time under one model, kept as its records: the
-- moments the score sets a new high (DESIGN.md "Time and honesty"). The creation is always a
-- record (fit + count points, plus events at or before it); then every later event time.
--
-- Why event times suffice (see also src/backtest/score-leads.ts): between two event times no
-- points arrive; each positive rule's total only decays, its cap min(cap, ·) keeps that order,
-- negative rules never decay (the model file forbids it) and fit points are constant, so the
-- score is highest at the event time that starts the interval. The first moment a score
-- reaches T is therefore an event time (or the creation).
--
-- At evaluation time t_k each rule contributes clamp(S_r(t_j) · 2^(−(t_k − t_j)/h), ±cap) from
-- its latest event j at or before t_k (ASOF join); rules without an event yet contribute 0.
-- params: none. Reads bt_lead_base, bt_rule_event.
-- Output: TEMP TABLE bt_record_new(lead_id, t, score_from, score).
CREATE OR REPLACE TEMP TABLE bt_record_new AS
WITH eval_times AS (
  SELECT DISTINCT lead_id, t_eval AS t FROM bt_rule_event
), lead_rules AS (
  SELECT DISTINCT lead_id, rule_no FROM bt_rule_event
), probes AS (
  SELECT et.lead_id, et.t, lr.rule_no FROM eval_times et JOIN lead_rules lr USING (lead_id)
), rule_values AS (
  SELECT pr.lead_id, pr.t,
         e.s * CASE WHEN e.h IS NULL THEN 1.0 ELSE pow(2, -(epoch(pr.t - e.t) / 86400.0) / e.h) END AS v,
         e.cap
  FROM probes pr
  ASOF JOIN bt_rule_event e ON pr.lead_id = e.lead_id AND pr.rule_no = e.rule_no AND pr.t >= e.t
), intent AS (
  SELECT lead_id, t,
         sum(CASE WHEN cap IS NULL THEN v ELSE sign(v) * least(abs(v), cap) END) AS points
  FROM rule_values
  GROUP BY ALL
), timeline AS (
  -- the creation, unless events before (or at) it already give the score at that moment
  SELECT b.lead_id, b.created_at AS t, b.fit_points + b.count_points AS score
  FROM bt_lead_base b
  WHERE NOT EXISTS (SELECT 1 FROM intent i WHERE i.lead_id = b.lead_id AND i.t = b.created_at)
  UNION ALL
  SELECT i.lead_id, i.t, b.fit_points + b.count_points + i.points AS score
  FROM intent i JOIN bt_lead_base b USING (lead_id)
), highs AS (
  SELECT *,
         max(score) OVER (PARTITION BY lead_id ORDER BY t, score
                          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS score_from
  FROM timeline
)
SELECT lead_id, t, score_from, score
FROM highs
WHERE score_from IS NULL OR score > score_from
