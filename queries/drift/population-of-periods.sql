-- population-of-periods: keep in bt_population (population-from-labels.sql) only the leads
-- whose decision time falls in one of the two periods drift compares: a lead's score depends
-- on its own rows only, so the other leads' replay would be work for nothing (at 1M leads
-- most of the drift's time).
-- params: $from, $to (periods). Reads lead_labels. Output: rows deleted from bt_population.
DELETE FROM bt_population
WHERE lead_id IN (
  SELECT lead_id FROM lead_labels WHERE period IS NULL OR period NOT IN ($from, $to)
)
