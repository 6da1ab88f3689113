-- fit-patterns: the training data of the regression as weighted unique bin patterns: one row
-- per split and combination of bins of the selected features, with its outcome counts.
-- params: $features VARCHAR, a JSON array of feature names; the pattern lists their bins in
--   the order of that array.
-- columns: split, pattern INTEGER[], events, non_events.
WITH sel AS (
  SELECT feature, position FROM (
    SELECT unnest(from_json($features, '["VARCHAR"]')) AS feature,
           generate_subscripts(from_json($features, '["VARCHAR"]'), 1) AS position
  )
), per_lead AS (
  SELECT s.lead_id, s.split, s.y, list(b.bin ORDER BY sel.position) AS pattern
  FROM fit_sample s
  JOIN lead_bins b ON b.lead_id = s.lead_id
  JOIN sel ON sel.feature = b.feature
  WHERE s.y IS NOT NULL
  GROUP BY s.lead_id, s.split, s.y
  HAVING count(*) = (SELECT count(*) FROM sel)  -- every feature has exactly one bin per lead
)
SELECT split, pattern,
       count(*) FILTER (WHERE y)::INTEGER AS events,
       count(*) FILTER (WHERE NOT y)::INTEGER AS non_events
FROM per_lead
GROUP BY split, pattern
ORDER BY split, pattern;
