-- score-sample: every fit_sample lead's scorecard points, grouped by split and score, the way
-- backtest and score apply a model: fit points by bin, plus for each intent feature
-- sign(points) * least(|points| * value, cap) (value: decayed count as of decision time, or
-- the flat count; NULL counts as 0).
-- params: $bin_points VARCHAR, JSON [{feature, bin, points}] (fit features);
--   $intent_points VARCHAR, JSON [{feature, points, cap}] (cap NULL: uncapped).
-- columns: split, score DOUBLE (rounded to 0.01), events, non_events.
WITH bp AS (
  SELECT unnest(from_json($bin_points, '[{"feature":"VARCHAR","bin":"INTEGER","points":"DOUBLE"}]'), recursive := true)
), ip AS (
  SELECT unnest(from_json($intent_points, '[{"feature":"VARCHAR","points":"DOUBLE","cap":"DOUBLE"}]'), recursive := true)
), contributions AS (
  SELECT b.lead_id, bp.points
  FROM lead_bins b JOIN bp ON bp.feature = b.feature AND bp.bin = b.bin
  UNION ALL
  SELECT b.lead_id,
         sign(ip.points) * least(abs(ip.points) * coalesce(b.num, 0), coalesce(ip.cap, 'infinity'::DOUBLE))
  FROM lead_bins b JOIN ip ON ip.feature = b.feature
), scores AS (
  SELECT s.lead_id, s.split, s.y, round(coalesce(sum(c.points), 0), 2) AS score
  FROM fit_sample s LEFT JOIN contributions c ON c.lead_id = s.lead_id
  WHERE s.y IS NOT NULL
  GROUP BY s.lead_id, s.split, s.y
)
SELECT split, score,
       count(*) FILTER (WHERE y)::INTEGER AS events,
       count(*) FILTER (WHERE NOT y)::INTEGER AS non_events
FROM scores
GROUP BY split, score
ORDER BY split, score;
