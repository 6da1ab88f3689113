-- lead-base-points: each lead's points that do not depend on time under one model: fit rules
-- (counted at creation), flat-export count rules, and whether it passes every gate; the sums of
-- lead-rule-points' rows.
-- params: none. Reads bt_population, bt_lead_rule_points, bt_lead_gate.
-- Output: TEMP TABLE bt_lead_base(lead_id, created_at, score_until, fit_points, count_points, gates_pass).
CREATE OR REPLACE TEMP TABLE bt_lead_base AS
WITH rule_points AS (
  SELECT lead_id,
         sum(points) FILTER (WHERE kind = 'fit') AS fit_points,
         sum(points) FILTER (WHERE kind = 'count') AS count_points
  FROM bt_lead_rule_points
  GROUP BY lead_id
), gate_checks AS (
  SELECT lead_id, bool_and(pass) AS pass FROM bt_lead_gate GROUP BY lead_id
)
SELECT p.lead_id, p.created_at, p.score_until,
       coalesce(r.fit_points, 0) AS fit_points,
       coalesce(r.count_points, 0) AS count_points,
       coalesce(gate_checks.pass, true) AS gates_pass
FROM bt_population p
LEFT JOIN rule_points r USING (lead_id)
LEFT JOIN gate_checks USING (lead_id)
