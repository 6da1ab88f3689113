-- lead-rule-points: each lead's points from every rule that does not depend on time under one
-- model, one row per lead and rule: the parts lead-base-points adds up, and the words of
-- `handoff score`'s reasons.
-- params (JSON arrays from flattenModel, bound as strings, never pasted in):
--   $fit_fields     [{rule_no, field, kind: categorical|numeric, other_points, missing_points}]
--   $fit_categories [{field, value, points}]
--   $fit_bins       [{field, lo, hi, points}]   lo inclusive, hi exclusive, NULL = open
--   $count_rules    [{rule_no, field, points, cap}]   points per unit, |total| capped
-- Reads bt_lead_value(lead_id, field, value_text, value_num).
-- Output: TEMP TABLE bt_lead_rule_points(lead_id, kind ('fit' | 'count'), rule_no (index in
--   fit_rules / intent_rules), field, value_text, value_num, matched ('category', 'other',
--   'missing', 'bin', 'no bin', 'count', 'capped'), lo, hi (the matched bin), points).
CREATE OR REPLACE TEMP TABLE bt_lead_rule_points AS
WITH fit_fields AS (
  SELECT unnest(from_json($fit_fields, '[{"rule_no":"INTEGER","field":"VARCHAR","kind":"VARCHAR","other_points":"DOUBLE","missing_points":"DOUBLE"}]'), recursive := true)
), fit_categories AS (
  SELECT unnest(from_json($fit_categories, '[{"field":"VARCHAR","value":"VARCHAR","points":"DOUBLE"}]'), recursive := true)
), fit_bins AS (
  SELECT unnest(from_json($fit_bins, '[{"field":"VARCHAR","lo":"DOUBLE","hi":"DOUBLE","points":"DOUBLE"}]'), recursive := true)
), count_rules AS (
  SELECT unnest(from_json($count_rules, '[{"rule_no":"INTEGER","field":"VARCHAR","points":"DOUBLE","cap":"DOUBLE"}]'), recursive := true)
), fit AS (
  SELECT v.lead_id, 'fit' AS kind, f.rule_no, f.field, v.value_text, v.value_num,
         CASE
           WHEN f.kind = 'categorical' AND v.value_text IS NULL THEN 'missing'
           WHEN f.kind = 'categorical' AND c.points IS NULL THEN 'other'
           WHEN f.kind = 'categorical' THEN 'category'
           WHEN v.value_num IS NULL THEN 'missing'
           WHEN b.points IS NULL THEN 'no bin'
           ELSE 'bin'
         END AS matched,
         b.lo, b.hi,
         CASE
           WHEN f.kind = 'categorical' AND v.value_text IS NULL THEN f.missing_points
           WHEN f.kind = 'categorical' THEN coalesce(c.points, f.other_points)
           WHEN v.value_num IS NULL THEN f.missing_points
           ELSE coalesce(b.points, 0)
         END AS points
  FROM fit_fields f
  JOIN bt_lead_value v ON v.field = f.field
  LEFT JOIN fit_categories c
    ON f.kind = 'categorical' AND c.field = f.field AND c.value = v.value_text
  LEFT JOIN fit_bins b
    ON f.kind = 'numeric' AND b.field = f.field
   AND (b.lo IS NULL OR v.value_num >= b.lo) AND (b.hi IS NULL OR v.value_num < b.hi)
), counts AS (
  SELECT v.lead_id, 'count' AS kind, r.rule_no, r.field, v.value_text, v.value_num,
         CASE
           WHEN v.value_num IS NULL THEN 'missing'
           WHEN r.cap IS NOT NULL AND abs(r.points * v.value_num) > r.cap THEN 'capped'
           ELSE 'count'
         END AS matched,
         NULL::DOUBLE AS lo, NULL::DOUBLE AS hi,
         CASE
           WHEN v.value_num IS NULL THEN 0
           WHEN r.cap IS NULL THEN r.points * v.value_num
           ELSE sign(r.points * v.value_num) * least(abs(r.points * v.value_num), r.cap)
         END AS points
  FROM count_rules r
  JOIN bt_lead_value v ON v.field = r.field
)
SELECT * FROM fit
UNION ALL
SELECT * FROM counts
