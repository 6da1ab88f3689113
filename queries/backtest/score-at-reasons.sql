-- score-at-reasons: every scored lead's reasons in words, one row per rule that contributes,
-- keyed by the lead's place in bt_score_at and stored in that order. Not a per-lead list():
-- list states do not spill, and at 1M leads the lists of every contribution ran out of the
-- default memory_limit; score-at-rows.sql gathers them for one range of places at a time
-- (reading only the row groups of that range) and ranks them there by |points| (largest
-- first), then words. No ranking window here: its sort by (lead, |points|, words) cost more
-- than the rest of the query.
-- Words: "+15 seniority Director", "−5 country missing", "+2 country FR (not listed)",
-- "+10 employees 450", "+20 pricing view ×3 (decayed)", "+30 pricing view ×5 (capped)"; a rule's
-- `label` replaces its field or activity name. Contributions that round to 0 are left out.
-- params: $rule_labels [{kind, rule_no, name, label}] (JSON from flattenModel).
-- Reads bt_score_at, bt_lead_rule_points, bt_intent_at.
-- Output: TEMP TABLE bt_score_reason(ord, rule, points, words, text), in ord order.
CREATE OR REPLACE TEMP TABLE bt_score_reason AS
WITH labels AS (
  SELECT unnest(from_json($rule_labels, '[{"kind":"VARCHAR","rule_no":"INTEGER","name":"VARCHAR","label":"VARCHAR"}]'), recursive := true)
), rule_points AS (
  -- whole numbers without a trailing ".0" (employees 450, not 450.0)
  SELECT * REPLACE (
    CASE WHEN value_num IS NOT NULL AND value_num = round(value_num) AND abs(value_num) < 1e15
         THEN value_num::BIGINT::VARCHAR ELSE value_text END AS value_text)
  FROM bt_lead_rule_points
), signed AS (
  -- one contribution per lead and rule: its points and the words after the points
  SELECT r.lead_id, coalesce(lb.label, r.field) AS rule, r.points,
         coalesce(lb.label, r.field) || ' ' || CASE r.matched
           WHEN 'missing' THEN 'missing'
           WHEN 'other' THEN r.value_text || ' (not listed)'
           WHEN 'capped' THEN '×' || r.value_text || ' (capped)'
           WHEN 'count' THEN '×' || r.value_text
           ELSE r.value_text
         END AS words
  FROM rule_points r
  JOIN labels lb ON lb.kind = CASE WHEN r.kind = 'fit' THEN 'fit' ELSE 'intent' END AND lb.rule_no = r.rule_no
  UNION ALL
  SELECT i.lead_id, coalesce(lb.label, replace(lb.name, '_', ' ')), i.points,
         coalesce(lb.label, replace(lb.name, '_', ' ')) || ' ×' || i.events::VARCHAR
           || CASE WHEN i.is_capped THEN ' (capped)' WHEN i.is_decayed THEN ' (decayed)' ELSE '' END
  FROM bt_intent_at i
  JOIN labels lb ON lb.kind = 'intent' AND lb.rule_no = i.rule_no
)
SELECT s.ord, c.rule, c.points, c.words,
       CASE WHEN round(c.points) < 0 THEN '−' ELSE '+' END
         || abs(round(c.points))::BIGINT::VARCHAR || ' ' || c.words AS text
FROM signed c
JOIN bt_score_at s USING (lead_id)
WHERE abs(c.points) >= 0.5
ORDER BY s.ord
