-- sample-base-check: whether every fit_sample lead's peak score can be read off the records of
-- the model the fit writes (stored_lead_score / stored_score_record, scored by the backtest's
-- engine, src/features/score-sample-from-records.ts) instead of a second timeline. It can when,
-- for every sample lead with an outcome:
--   unscored = 0: the lead was scored (it is in the backtest population);
--   base_differs = 0: its time-independent points from the fit's own bins (lead_bins: the bin
--     points and count columns, as score-sample.ts adds them) equal the model file's, applied
--     to the lead's values (fit_points + count_points): rounding, derived fields, reserved
--     category names or count values that do not survive the trip through the model file show
--     up here;
--   window_differs = 0: its timeline starts no later than its decision time and was scored at
--     least up to it (the records up to decision_at then hold its peak up to decision_at).
-- params: $bin_points [{feature, bin, points}], $intent_points [{feature, points, cap}] (JSON),
--   Reads fit_sample, lead_labels, lead_bins, stored_lead_score.
-- Output: one row, leads, unscored, base_differs, window_differs (BIGINT).
WITH bp AS (
  SELECT unnest(from_json($bin_points, '[{"feature":"VARCHAR","bin":"INTEGER","points":"DOUBLE"}]'), recursive := true)
), ip AS (
  SELECT unnest(from_json($intent_points, '[{"feature":"VARCHAR","points":"DOUBLE","cap":"DOUBLE"}]'), recursive := true)
), fit_points AS (
  SELECT b.lead_id, sum(bp.points) AS pts
  FROM lead_bins b JOIN bp ON bp.feature = b.feature AND bp.bin = b.bin
  GROUP BY b.lead_id
), count_points AS (
  SELECT b.lead_id,
         sum(sign(ip.points) * least(abs(ip.points) * coalesce(b.num, 0), coalesce(ip.cap, 'infinity'::DOUBLE))) AS pts
  FROM lead_bins b JOIN ip ON ip.feature = b.feature
  WHERE NOT starts_with(ip.feature, 'intent.')
  GROUP BY b.lead_id
)
SELECT count(*)::BIGINT AS leads,
       count(*) FILTER (WHERE sc.lead_id IS NULL)::BIGINT AS unscored,
       count(*) FILTER (WHERE coalesce(f.pts, 0) + coalesce(c.pts, 0)
                              IS DISTINCT FROM sc.fit_points + sc.count_points)::BIGINT AS base_differs,
       count(*) FILTER (WHERE l.created_at IS NOT NULL
                          AND (l.decision_at IS NULL OR l.decision_at < l.created_at
                               OR sc.score_until IS NULL OR sc.score_until < l.decision_at))::BIGINT AS window_differs
FROM fit_sample s
JOIN lead_labels l ON l.lead_id = s.lead_id
LEFT JOIN fit_points f ON f.lead_id = s.lead_id
LEFT JOIN count_points c ON c.lead_id = s.lead_id
LEFT JOIN stored_lead_score sc ON sc.lead_id = s.lead_id
WHERE s.y IS NOT NULL
