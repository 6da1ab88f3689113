-- rule-events: every activity that an intent rule scores, with the rule's decayed (uncapped)
-- total at that event: S(t_k) = Σ_{j ≤ k} p · 0.5^((t_k − t_j) / h) over the rule's events j
-- of the lead up to t_k (ties included), h = half_life_days (NULL: no decay, S = p · count).
-- Used by `handoff score` (scoreLeadsAt, for intent-points-at.sql); backtest and fit replay
-- scores with src/model/intent-timeline-sql.ts.
--
-- Computed with window sums: with u_j = (t_j − created_at) / h in half-lives,
-- S(t_k) = 2^(−u_k) · Σ_{j ≤ k} p · 2^(u_j). 2^(u_j) overflows a double beyond u ≈ 1023, so u is
-- split into epochs of 512 half-lives: the running sum within the epoch of k is scaled by
-- 2^(u_j − 512·e) ≤ 2^512, the whole previous epoch is added scaled the same way, and epochs
-- before that are dropped: they are more than 512 half-lives old, worth under p · n · 2^-512.
--
-- params: $intent_rules [{rule_no, activity, points, cap, half_life_days}] (JSON, bound).
-- Reads bt_population, activities. Only events up to the lead's score_until count; events before
-- the lead's creation count from their own time and are first evaluated at the creation.
-- Output: TEMP TABLE bt_rule_event(lead_id, rule_no, t, t_eval, h, cap, s).
CREATE OR REPLACE TEMP TABLE bt_rule_event AS
WITH rules AS (
  SELECT unnest(from_json($intent_rules, '[{"rule_no":"INTEGER","activity":"VARCHAR","points":"DOUBLE","cap":"DOUBLE","half_life_days":"DOUBLE"}]'), recursive := true)
), events AS (
  SELECT p.lead_id, r.rule_no, r.points AS p, r.cap, r.half_life_days AS h,
         a.occurred_at AS t,
         greatest(a.occurred_at, p.created_at) AS t_eval,
         CASE WHEN r.half_life_days IS NULL THEN 0.0
              ELSE epoch(a.occurred_at - p.created_at) / 86400.0 / r.half_life_days
         END AS u
  FROM bt_population p
  JOIN activities a ON a.lead_id = p.lead_id AND a.occurred_at <= p.score_until
  JOIN rules r ON r.activity = a.type
  WHERE p.created_at IS NOT NULL
), epochs AS (
  SELECT *, floor(u / 512) AS e, p * pow(2, u - 512 * floor(u / 512)) AS w FROM events
), running AS (
  SELECT *, sum(w) OVER (PARTITION BY lead_id, rule_no, e ORDER BY t) AS acc  -- peers included
  FROM epochs
), epoch_totals AS (
  SELECT lead_id, rule_no, e, sum(w) AS total FROM epochs GROUP BY ALL
)
SELECT r.lead_id, r.rule_no, r.t, r.t_eval, r.h, r.cap,
       r.acc * pow(2, 512 * r.e - r.u)
         + coalesce(pt.total * pow(2, 512 * (r.e - 1) - r.u), 0) AS s
FROM running r
LEFT JOIN epoch_totals pt ON pt.lead_id = r.lead_id AND pt.rule_no = r.rule_no AND pt.e = r.e - 1
