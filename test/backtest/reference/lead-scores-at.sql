-- lead-scores-at: every scored lead's score at its score_until (the instant `handoff score`
-- reports), its MQL flag and the reasons in words, one contribution per rule, sorted by |points|.
--   score     = fit points + count points + Σ activity rules' contributions at that instant
--   peak      = the highest score reached by then; mql = passes every gate and peak >= $threshold
--               (a lead is an MQL from the first moment its score reaches the line, as in the
--               backtest); mql_at = that moment (NULL without dates or when not an MQL)
--   points_short = $threshold − score for non-MQLs (0 when the points suffice but a gate fails)
-- Reason words: "+15 seniority Director", "−5 country missing", "+2 country FR (not listed)",
-- "+10 employees 450", "+20 pricing view ×3 (decayed)", "+30 pricing view ×5 (capped)"; a rule's
-- `label` replaces its field or activity name. Contributions that round to 0 are left out.
-- params: $threshold (DOUBLE), $top (INTEGER, reasons kept), $rule_labels [{kind, rule_no, name,
--   label}] (JSON from flattenModel). Reads bt_population, bt_lead_base, bt_lead_rule_points,
--   bt_lead_gate, bt_lead_value, bt_intent_at, bt_record_new.
-- Output: lead_id, created_at, score, fit_points, intent_points, peak, gates_pass, mql, mql_at,
--   points_short, reasons (VARCHAR[], the top $top), contributions (all, as
--   [{rule, points, text}]), gates_failed (VARCHAR[]).
WITH labels AS (
  SELECT unnest(from_json($rule_labels, '[{"kind":"VARCHAR","rule_no":"INTEGER","name":"VARCHAR","label":"VARCHAR"}]'), recursive := true)
), rule_points AS (
  -- whole numbers without a trailing ".0" (employees 450, not 450.0)
  SELECT * REPLACE (
    CASE WHEN value_num IS NOT NULL AND value_num = round(value_num) AND abs(value_num) < 1e15
         THEN value_num::BIGINT::VARCHAR ELSE value_text END AS value_text)
  FROM bt_lead_rule_points
), gate_values AS (
  SELECT g.*, CASE WHEN v.value_num IS NOT NULL AND v.value_num = round(v.value_num) AND abs(v.value_num) < 1e15
                   THEN v.value_num::BIGINT::VARCHAR ELSE g.value_text END AS shown
  FROM bt_lead_gate g
  JOIN bt_lead_value v ON v.lead_id = g.lead_id AND v.field = g.field
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
), contributions AS (
  SELECT lead_id,
         list({'rule': rule, 'points': points,
               'text': CASE WHEN round(points) < 0 THEN '−' ELSE '+' END
                       || abs(round(points))::BIGINT::VARCHAR || ' ' || words}
              ORDER BY abs(points) DESC, words) AS items
  FROM signed
  WHERE abs(points) >= 0.5
  GROUP BY lead_id
), intent AS (
  SELECT lead_id, sum(points) AS points FROM bt_intent_at GROUP BY lead_id
), gates_failed AS (
  SELECT g.lead_id,
         list(coalesce(lb.label, g.field) || ' (' || g.field || ' = ' || coalesce(g.shown, 'missing') || ')'
              ORDER BY g.gate_no) AS failed
  FROM gate_values g
  JOIN labels lb ON lb.kind = 'gate' AND lb.rule_no = g.gate_no
  WHERE NOT g.pass
  GROUP BY g.lead_id
), records AS (
  SELECT lead_id, max(score) AS peak, min(t) FILTER (WHERE score >= $threshold) AS first_at
  FROM bt_record_new GROUP BY lead_id
), scored AS (
  SELECT b.lead_id, b.created_at, b.fit_points,
         b.count_points + coalesce(i.points, 0) AS intent_points,
         b.fit_points + b.count_points + coalesce(i.points, 0) AS score,
         greatest(coalesce(r.peak, b.fit_points + b.count_points), b.fit_points + b.count_points + coalesce(i.points, 0)) AS peak,
         b.gates_pass, r.first_at
  FROM bt_lead_base b
  LEFT JOIN intent i USING (lead_id)
  LEFT JOIN records r USING (lead_id)
)
SELECT s.lead_id, s.created_at, s.score, s.fit_points, s.intent_points, s.peak, s.gates_pass,
       s.gates_pass AND s.peak >= $threshold AS mql,
       CASE WHEN s.gates_pass AND s.peak >= $threshold THEN s.first_at END AS mql_at,
       CASE WHEN s.gates_pass AND s.peak >= $threshold THEN NULL
            ELSE greatest($threshold - s.score, 0) END AS points_short,
       coalesce(list_transform(c.items[1:$top], x -> x.text), []) AS reasons,
       coalesce(c.items, []) AS contributions,
       coalesce(g.failed, []) AS gates_failed
FROM scored s
LEFT JOIN contributions c USING (lead_id)
LEFT JOIN gates_failed g USING (lead_id)
ORDER BY s.score DESC, s.lead_id
