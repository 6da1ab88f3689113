-- score-at-gates: the gates each scored lead fails, in words ("sanctioned country (country =
-- KP)"; a gate's `label` replaces its field name), keyed by the lead's place in bt_score_at.
-- params: $rule_labels [{kind, rule_no, name, label}] (JSON from flattenModel).
-- Reads bt_score_at, bt_lead_gate, bt_lead_value.
-- Output: TEMP TABLE bt_score_gate_failed(ord, gate_no, text), in (ord, gate_no) order.
CREATE OR REPLACE TEMP TABLE bt_score_gate_failed AS
WITH labels AS (
  SELECT unnest(from_json($rule_labels, '[{"kind":"VARCHAR","rule_no":"INTEGER","name":"VARCHAR","label":"VARCHAR"}]'), recursive := true)
), gate_values AS (
  -- whole numbers without a trailing ".0" (employees 5, not 5.0)
  SELECT g.*, CASE WHEN v.value_num IS NOT NULL AND v.value_num = round(v.value_num) AND abs(v.value_num) < 1e15
                   THEN v.value_num::BIGINT::VARCHAR ELSE g.value_text END AS shown
  FROM bt_lead_gate g
  JOIN bt_lead_value v ON v.lead_id = g.lead_id AND v.field = g.field
  WHERE NOT g.pass
)
SELECT s.ord, g.gate_no,
       coalesce(lb.label, g.field) || ' (' || g.field || ' = ' || coalesce(g.shown, 'missing') || ')' AS text
FROM gate_values g
JOIN labels lb ON lb.kind = 'gate' AND lb.rule_no = g.gate_no
JOIN bt_score_at s USING (lead_id)
ORDER BY s.ord, g.gate_no
