-- score-at-rows: the scored leads at places $from <= ord < $to of bt_score_at (highest score
-- first, ties by lead_id), with their reasons and failed gates as lists: `handoff score` reads
-- the leads a range at a time, so no query holds every lead's lists at once.
-- params: $from, $to (INTEGER, ord range), $top (INTEGER, reasons kept), $contributions
--   (BOOLEAN: every contribution too, for --json; false: an empty list, for the CSV).
-- Reads bt_score_at, bt_score_reason, bt_score_gate_failed.
-- Output: lead_id, created_at, score, fit_points, intent_points, peak, gates_pass, mql, mql_at,
--   points_short, reasons (VARCHAR[], the top $top), contributions ([{rule, points, text}],
--   largest |points| first), gates_failed (VARCHAR[]), in ord order.
-- A lead's contributions are gathered unordered and then sorted by list_sort, which compares
-- structs field by field: −|points| first (the largest |points| first), then the words, as
-- reasons are ranked (an ordered aggregate, list(… ORDER BY …), costs several times more).
WITH reasons AS (
  SELECT ord,
         list_sort(list({'key': -abs(points), 'words': words, 'rule': rule, 'points': points, 'text': text})) AS ranked
  FROM bt_score_reason
  WHERE ord >= $from AND ord < $to
  GROUP BY ord
), gates_failed AS (
  SELECT ord, list_transform(list_sort(list({'gate_no': gate_no, 'text': text})), x -> x.text) AS failed
  FROM bt_score_gate_failed
  WHERE ord >= $from AND ord < $to
  GROUP BY ord
)
SELECT s.lead_id, s.created_at, s.score, s.fit_points, s.intent_points, s.peak, s.gates_pass,
       s.mql, s.mql_at, s.points_short,
       coalesce(list_transform(r.ranked[1:$top], x -> x.text), []) AS reasons,
       CASE WHEN $contributions
            THEN coalesce(list_transform(r.ranked, x -> {'rule': x.rule, 'points': x.points, 'text': x.text}), [])
            ELSE [] END AS contributions,
       coalesce(g.failed, []) AS gates_failed
FROM bt_score_at s
LEFT JOIN reasons r USING (ord)
LEFT JOIN gates_failed g USING (ord)
WHERE s.ord >= $from AND s.ord < $to
ORDER BY s.ord
