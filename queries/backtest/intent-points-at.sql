-- intent-points-at: each activity rule's contribution to a lead's score at the end of its
-- scoring (score_until = τ), the instant `handoff score` reports, in one GROUP BY over the
-- lead's scored events: S_r(τ) = Σ_j p · 2^(−(τ − t_j)/h) over the rule's events j with
-- t_j ≤ τ (h = half_life_days; NULL: no decay, S_r = p · count), clamped to ±cap. The base
-- time is τ itself, so every weight 2^(−(τ − t_j)/h) lies in (0, 1]: no overflow, no epochs,
-- no running window. Events before the lead's creation count from their own time, as in the
-- backtest's timeline (src/model/intent-timeline-sql.ts), whose arithmetic this is at one
-- instant. Unlike the timeline's totals S_r is not rounded to 1e-10 points: `--json` prints
-- 9 significant digits, and a rule's last decayed millionths of a point (4.7436e-6) would lose
-- them; the score at an instant only enters the peak through greatest(records' peak, score), and
-- the MQL flag and its moment come from the (rounded) records.
-- params: $intent_rules [{rule_no, activity, points, cap, half_life_days}] (JSON, bound).
-- Reads bt_population, activities (only events up to the lead's score_until, of leads with a
-- creation time).
-- Output: TEMP TABLE bt_intent_at(lead_id, rule_no, events (scored events so far), raw (points ×
--   events: no decay, no cap), decayed (decayed total before the cap), points (the
--   contribution), is_decayed, is_capped).
CREATE OR REPLACE TEMP TABLE bt_intent_at AS
WITH rules AS (
  SELECT unnest(from_json($intent_rules, '[{"rule_no":"INTEGER","activity":"VARCHAR","points":"DOUBLE","cap":"DOUBLE","half_life_days":"DOUBLE"}]'), recursive := true)
), sums AS (
  -- per lead and rule: the count, and Σ 2^(−(τ − t_j)/h) (the count without decay)
  SELECT p.lead_id, r.rule_no, count(*)::INTEGER AS events,
         sum(CASE WHEN r.half_life_days IS NULL THEN 1.0
                  ELSE pow(2, -((epoch_us(p.score_until) - epoch_us(a.occurred_at)) / 86400e6) / r.half_life_days)
             END) AS weight
  FROM bt_population p
  JOIN activities a ON a.lead_id = p.lead_id AND a.occurred_at <= p.score_until
  JOIN rules r ON r.activity = a.type
  WHERE p.created_at IS NOT NULL
  GROUP BY p.lead_id, r.rule_no
), totals AS (
  SELECT s.lead_id, s.rule_no, s.events, r.points, r.cap,
         r.points * s.weight AS decayed
  FROM sums s JOIN rules r USING (rule_no)
)
SELECT lead_id, rule_no, events, points * events AS raw, decayed,
       CASE WHEN cap IS NULL THEN decayed ELSE sign(decayed) * least(abs(decayed), cap) END AS points,
       abs(decayed) < abs(points * events) * (1 - 1e-9) AS is_decayed,
       cap IS NOT NULL AND abs(decayed) > cap AS is_capped
FROM totals
