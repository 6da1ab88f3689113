-- sweep: for every candidate threshold at once, what the MQL line would have produced over
-- bt_sweep_lead. ONE pass: each lead falls into the bucket of the highest grid threshold its
-- peak reaches (arithmetic on the regular grid, plus the extra threshold: no join), buckets
-- are counted in a hash aggregate, and one sort of the grid with a cumulative sum from the top
-- threshold down gives, at threshold T, the totals over all leads with peak >= T.
-- Amounts are summed as DECIMAL(38, 6): exact whatever order the threads add them in, so two
-- thresholds capturing the same revenue tie exactly (recommend-threshold's tie-break) instead
-- of differing in the last bits of a DOUBLE sum from run to run.
-- params: $from, $to, $step (INTEGER grid from:to:step), $extra (INTEGER or NULL: one more
--   threshold, e.g. the current one).
-- Output, one row per threshold: threshold, mql (leads whose score reaches it and pass the
--   gates), mql_mature, mql_immature, mql_observed (mature and handed to sales), mql_sql,
--   mql_won, won_amount (captured), mql_unobserved (never handed to sales, any maturity),
--   leads, leads_mature, won_total, won_amount_total (every lead of the population).
WITH grid AS (
  SELECT DISTINCT threshold::INTEGER AS threshold
  FROM (SELECT generate_series AS threshold FROM generate_series($from::BIGINT, $to::BIGINT, $step::BIGINT)
        UNION ALL SELECT $extra::BIGINT WHERE $extra IS NOT NULL)
), buckets AS (
  SELECT greatest(
           CASE WHEN l.peak >= $from THEN $from + $step * least(floor((l.peak - $from) / $step), floor(($to - $from) / $step)) END,
           CASE WHEN l.peak >= $extra THEN $extra END) AS threshold,
         count(*) AS mql,
         count(*) FILTER (WHERE l.mature) AS mql_mature,
         count(*) FILTER (WHERE l.mature AND l.observed) AS mql_observed,
         count(*) FILTER (WHERE l.mature AND l.sql) AS mql_sql,
         count(*) FILTER (WHERE l.mature AND l.won) AS mql_won,
         sum(l.won_amount::DECIMAL(38, 6)) FILTER (WHERE l.mature AND l.won) AS won_amount,
         count(*) FILTER (WHERE NOT l.observed) AS mql_unobserved
  FROM bt_sweep_lead l
  WHERE l.peak IS NOT NULL
  GROUP BY 1
), totals AS (
  SELECT count(*)::INTEGER AS leads,
         (count(*) FILTER (WHERE mature))::INTEGER AS leads_mature,
         (count(*) FILTER (WHERE mature AND won))::INTEGER AS won_total,
         coalesce(sum(won_amount::DECIMAL(38, 6)) FILTER (WHERE mature AND won), 0)::DOUBLE AS won_amount_total
  FROM bt_sweep_lead
), cumulative AS (
  SELECT g.threshold,
         sum(b.mql) OVER top AS mql,
         sum(b.mql_mature) OVER top AS mql_mature,
         sum(b.mql_observed) OVER top AS mql_observed,
         sum(b.mql_sql) OVER top AS mql_sql,
         sum(b.mql_won) OVER top AS mql_won,
         sum(b.won_amount) OVER top AS won_amount,
         sum(b.mql_unobserved) OVER top AS mql_unobserved
  FROM grid g LEFT JOIN buckets b USING (threshold)
  WINDOW top AS (ORDER BY g.threshold DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
SELECT c.threshold,
       coalesce(c.mql, 0)::INTEGER AS mql,
       coalesce(c.mql_mature, 0)::INTEGER AS mql_mature,
       (coalesce(c.mql, 0) - coalesce(c.mql_mature, 0))::INTEGER AS mql_immature,
       coalesce(c.mql_observed, 0)::INTEGER AS mql_observed,
       coalesce(c.mql_sql, 0)::INTEGER AS mql_sql,
       coalesce(c.mql_won, 0)::INTEGER AS mql_won,
       coalesce(c.won_amount, 0)::DOUBLE AS won_amount,
       coalesce(c.mql_unobserved, 0)::INTEGER AS mql_unobserved,
       t.leads, t.leads_mature, t.won_total, t.won_amount_total
FROM cumulative c CROSS JOIN totals t
ORDER BY c.threshold
