-- lead-base-points: each lead's points that do not depend on time under one model: fit rules
-- (counted at creation), flat-export count rules, and whether it passes every gate.
-- params (JSON arrays from flattenModel, bound as strings, never pasted in):
--   $fit_fields     [{field, kind: categorical|numeric, other_points, missing_points}]
--   $fit_categories [{field, value, points}]
--   $fit_bins       [{field, lo, hi, points}]   lo inclusive, hi exclusive, NULL = open
--   $count_rules    [{field, points, cap}]      points per unit, |total| capped
--   $gates          [{gate_no, field, has_in, has_not_in, min, max}]  min/max inclusive
--   $gate_values    [{gate_no, kind: in|not_in, value}]
-- Reads bt_population and bt_lead_value(lead_id, field, value_text, value_num).
-- Output: TEMP TABLE bt_lead_base(lead_id, created_at, score_until, fit_points, count_points, gates_pass).
CREATE OR REPLACE TEMP TABLE bt_lead_base AS
WITH fit_fields AS (
  SELECT unnest(from_json($fit_fields, '[{"field":"VARCHAR","kind":"VARCHAR","other_points":"DOUBLE","missing_points":"DOUBLE"}]'), recursive := true)
), fit_categories AS (
  SELECT unnest(from_json($fit_categories, '[{"field":"VARCHAR","value":"VARCHAR","points":"DOUBLE"}]'), recursive := true)
), fit_bins AS (
  SELECT unnest(from_json($fit_bins, '[{"field":"VARCHAR","lo":"DOUBLE","hi":"DOUBLE","points":"DOUBLE"}]'), recursive := true)
), count_rules AS (
  SELECT unnest(from_json($count_rules, '[{"field":"VARCHAR","points":"DOUBLE","cap":"DOUBLE"}]'), recursive := true)
), gates AS (
  SELECT unnest(from_json($gates, '[{"gate_no":"INTEGER","field":"VARCHAR","has_in":"BOOLEAN","has_not_in":"BOOLEAN","min":"DOUBLE","max":"DOUBLE"}]'), recursive := true)
), gate_values AS (
  SELECT unnest(from_json($gate_values, '[{"gate_no":"INTEGER","kind":"VARCHAR","value":"VARCHAR"}]'), recursive := true)
), fit AS (
  SELECT v.lead_id,
         sum(CASE
               WHEN f.kind = 'categorical' AND v.value_text IS NULL THEN f.missing_points
               WHEN f.kind = 'categorical' THEN coalesce(c.points, f.other_points)
               WHEN v.value_num IS NULL THEN f.missing_points
               ELSE coalesce(b.points, 0)
             END) AS points
  FROM fit_fields f
  JOIN bt_lead_value v ON v.field = f.field
  LEFT JOIN fit_categories c
    ON f.kind = 'categorical' AND c.field = f.field AND c.value = v.value_text
  LEFT JOIN fit_bins b
    ON f.kind = 'numeric' AND b.field = f.field
   AND (b.lo IS NULL OR v.value_num >= b.lo) AND (b.hi IS NULL OR v.value_num < b.hi)
  GROUP BY v.lead_id
), counts AS (
  SELECT v.lead_id,
         sum(CASE
               WHEN v.value_num IS NULL THEN 0
               WHEN r.cap IS NULL THEN r.points * v.value_num
               ELSE sign(r.points * v.value_num) * least(abs(r.points * v.value_num), r.cap)
             END) AS points
  FROM count_rules r
  JOIN bt_lead_value v ON v.field = r.field
  GROUP BY v.lead_id
), gate_checks AS (
  -- a missing value fails in / min / max conditions and passes a not_in condition
  SELECT v.lead_id,
         bool_and(
           (NOT g.has_in OR (v.value_text IS NOT NULL AND EXISTS (
              SELECT 1 FROM gate_values gv
              WHERE gv.gate_no = g.gate_no AND gv.kind = 'in' AND gv.value = v.value_text)))
           AND (NOT g.has_not_in OR v.value_text IS NULL OR NOT EXISTS (
              SELECT 1 FROM gate_values gv
              WHERE gv.gate_no = g.gate_no AND gv.kind = 'not_in' AND gv.value = v.value_text))
           AND (g.min IS NULL OR coalesce(v.value_num >= g.min, false))
           AND (g.max IS NULL OR coalesce(v.value_num <= g.max, false))
         ) AS pass
  FROM gates g
  JOIN bt_lead_value v ON v.field = g.field
  GROUP BY v.lead_id
)
SELECT p.lead_id, p.created_at, p.score_until,
       coalesce(fit.points, 0) AS fit_points,
       coalesce(counts.points, 0) AS count_points,
       coalesce(gate_checks.pass, true) AS gates_pass
FROM bt_population p
LEFT JOIN fit USING (lead_id)
LEFT JOIN counts USING (lead_id)
LEFT JOIN gate_checks USING (lead_id)
