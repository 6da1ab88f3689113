-- lead-gates: each gate's verdict per lead under one model (lead-base-points combines them; a
-- lead must pass every gate to be an MQL; `handoff score` names the gates a lead fails).
-- params (JSON arrays from flattenModel, bound as strings):
--   $gates          [{gate_no, field, has_in, has_not_in, min, max}]  min/max inclusive
--   $gate_values    [{gate_no, kind: in|not_in, value}]
-- Reads bt_lead_value(lead_id, field, value_text, value_num).
-- Output: TEMP TABLE bt_lead_gate(lead_id, gate_no, field, value_text, pass).
CREATE OR REPLACE TEMP TABLE bt_lead_gate AS
WITH gates AS (
  SELECT unnest(from_json($gates, '[{"gate_no":"INTEGER","field":"VARCHAR","has_in":"BOOLEAN","has_not_in":"BOOLEAN","min":"DOUBLE","max":"DOUBLE"}]'), recursive := true)
), gate_values AS (
  SELECT unnest(from_json($gate_values, '[{"gate_no":"INTEGER","kind":"VARCHAR","value":"VARCHAR"}]'), recursive := true)
)
-- a missing value fails in / min / max conditions and passes a not_in condition
SELECT v.lead_id, g.gate_no, g.field, v.value_text,
       (NOT g.has_in OR (v.value_text IS NOT NULL AND EXISTS (
          SELECT 1 FROM gate_values gv
          WHERE gv.gate_no = g.gate_no AND gv.kind = 'in' AND gv.value = v.value_text)))
       AND (NOT g.has_not_in OR v.value_text IS NULL OR NOT EXISTS (
          SELECT 1 FROM gate_values gv
          WHERE gv.gate_no = g.gate_no AND gv.kind = 'not_in' AND gv.value = v.value_text))
       AND (g.min IS NULL OR coalesce(v.value_num >= g.min, false))
       AND (g.max IS NULL OR coalesce(v.value_num <= g.max, false)) AS pass
FROM gates g
JOIN bt_lead_value v ON v.field = g.field
