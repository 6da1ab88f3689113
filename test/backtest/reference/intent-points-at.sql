-- intent-points-at: each activity rule's contribution to a lead's score at the end of its
-- scoring (score_until), the instant `handoff score` reports: the same arithmetic as the
-- backtest's score records (src/backtest/score-records-sql.ts) at an event time, at any
-- instant. From the rule's latest event j at or before t (ASOF join): S_r(t_j) ·
-- 2^(−(t − t_j)/h), clamped to ±cap.
-- params: $intent_rules [{rule_no, activity, points, cap, half_life_days}] (JSON, bound).
-- Reads bt_population, bt_rule_event (rule-events.sql, events up to score_until).
-- Output: TEMP TABLE bt_intent_at(lead_id, rule_no, events (scored events so far), raw (points ×
--   events: no decay, no cap), decayed (decayed total before the cap), points (the
--   contribution), is_decayed, is_capped).
CREATE OR REPLACE TEMP TABLE bt_intent_at AS
WITH rules AS (
  SELECT unnest(from_json($intent_rules, '[{"rule_no":"INTEGER","activity":"VARCHAR","points":"DOUBLE","cap":"DOUBLE","half_life_days":"DOUBLE"}]'), recursive := true)
), counts AS (
  SELECT lead_id, rule_no, count(*)::INTEGER AS events FROM bt_rule_event GROUP BY ALL
), probes AS (
  SELECT c.lead_id, c.rule_no, c.events, p.score_until AS t
  FROM counts c JOIN bt_population p USING (lead_id)
), latest AS (
  SELECT pr.lead_id, pr.rule_no, pr.events,
         e.s * CASE WHEN e.h IS NULL THEN 1.0 ELSE pow(2, -(epoch(pr.t - e.t) / 86400.0) / e.h) END AS decayed,
         e.cap
  FROM probes pr
  ASOF JOIN bt_rule_event e ON pr.lead_id = e.lead_id AND pr.rule_no = e.rule_no AND pr.t >= e.t
)
SELECT l.lead_id, l.rule_no, l.events, r.points * l.events AS raw, l.decayed,
       CASE WHEN l.cap IS NULL THEN l.decayed ELSE sign(l.decayed) * least(abs(l.decayed), l.cap) END AS points,
       abs(l.decayed) < abs(r.points * l.events) * (1 - 1e-9) AS is_decayed,
       l.cap IS NOT NULL AND abs(l.decayed) > l.cap AS is_capped
FROM latest l JOIN rules r USING (rule_no)
