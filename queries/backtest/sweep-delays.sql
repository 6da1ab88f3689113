-- sweep-delays: for every candidate threshold, the median whole days from the moment a lead
-- would have become an MQL (its first record reaching the threshold) to its SQL and to its
-- won close. A record (score_from, score] at time t is the MQL moment for every threshold in
-- that range, so it adds +1 at the bucket of the highest threshold <= score and −1 at the
-- bucket of the highest threshold <= score_from (buckets by arithmetic on the grid, as in
-- sweep.sql); a cumulative sum from the top threshold down,
-- per (outcome, days), gives the day histogram at each threshold, and the median is read from
-- its running total. Same sort-and-cumulate shape as sweep.sql, no query per threshold.
-- Days are whole days rounded down (floor), negative when sales accepted the lead before its
-- score would have crossed the line. Only mature, gated-in leads with an outcome date count.
-- params: $model, $from, $to, $step, $extra (as in sweep.sql). Reads bt_sweep_lead, bt_score_record.
-- Output: threshold, outcome ('sql' | 'won'), n (leads with that outcome), median_days.
WITH grid AS (
  SELECT DISTINCT threshold::INTEGER AS threshold
  FROM (SELECT generate_series AS threshold FROM generate_series($from::BIGINT, $to::BIGINT, $step::BIGINT)
        UNION ALL SELECT $extra::BIGINT WHERE $extra IS NOT NULL)
), lead_outcomes AS (
  -- the (few) mature, gated-in leads with an outcome date, one row per outcome, so the
  -- score records are scanned and joined once
  SELECT lead_id, 'sql' AS outcome, sql_at AS at
  FROM bt_sweep_lead WHERE peak IS NOT NULL AND mature AND sql AND sql_at IS NOT NULL
  UNION ALL
  SELECT lead_id, 'won' AS outcome, won_at AS at
  FROM bt_sweep_lead WHERE peak IS NOT NULL AND mature AND won AND won_at IS NOT NULL
), outcomes AS (
  SELECT r.score_from, r.score, o.outcome, floor(epoch(o.at - r.t) / 86400)::INTEGER AS days
  FROM bt_score_record r JOIN lead_outcomes o USING (lead_id)
  WHERE r.model_key = $model AND r.t IS NOT NULL
), marks AS (
  SELECT outcome, days, greatest(
           CASE WHEN score >= $from THEN $from + $step * least(floor((score - $from) / $step), floor(($to - $from) / $step)) END,
           CASE WHEN score >= $extra THEN $extra END) AS threshold, 1 AS delta
  FROM outcomes
  UNION ALL
  SELECT outcome, days, greatest(
           CASE WHEN score_from >= $from THEN $from + $step * least(floor((score_from - $from) / $step), floor(($to - $from) / $step)) END,
           CASE WHEN score_from >= $extra THEN $extra END) AS threshold, -1 AS delta
  FROM outcomes
), cells AS (
  SELECT outcome, days, threshold, sum(delta) AS delta FROM marks WHERE threshold IS NOT NULL GROUP BY ALL
), keys AS (
  SELECT DISTINCT outcome, days FROM cells
), histogram AS (
  SELECT k.outcome, k.days, g.threshold,
         sum(coalesce(c.delta, 0)) OVER (PARTITION BY k.outcome, k.days ORDER BY g.threshold DESC
                                         ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS n
  FROM keys k CROSS JOIN grid g
  LEFT JOIN cells c ON c.outcome = k.outcome AND c.days = k.days AND c.threshold = g.threshold
), running AS (
  SELECT outcome, threshold, days, n,
         sum(n) OVER (PARTITION BY outcome, threshold ORDER BY days) AS below,
         sum(n) OVER (PARTITION BY outcome, threshold) AS total
  FROM histogram
  WHERE n > 0
)
-- the median is the mean of the values at ranks floor((N+1)/2) and floor(N/2)+1
SELECT threshold, outcome, any_value(total)::INTEGER AS n,
       ((min(days) FILTER (WHERE below >= floor((total + 1) / 2)))
        + (min(days) FILTER (WHERE below >= floor(total / 2) + 1))) / 2.0 AS median_days
FROM running
GROUP BY threshold, outcome
ORDER BY outcome, threshold
