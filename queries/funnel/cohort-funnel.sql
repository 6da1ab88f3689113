-- cohort-funnel: Lead → MQL → SQL → Opportunity → Won by creation cohort (and segment), with
-- median days between stages and the won deal size of MQL-sourced pipeline. Needs lead-stages.
-- params:
--   $grain          'week' | 'month' | 'quarter' (weeks start on Monday, ISO)
--   $by             a leads column name to segment by, or NULL for one segment '(all)'
--   $as_of::TIMESTAMP          TIMESTAMP, the data's "today"
--   $maturity_days  INTEGER, days an outcome may take to count
-- A cohort is mature when cohort_end (exclusive) + $maturity_days <= $as_of::TIMESTAMP. Besides one row
-- per (segment, cohort), each segment gets a total row (is_total, cohort_start NULL) over its
-- mature cohorts only. Leads without created_at are in no cohort.
-- Output columns: segment, is_total, cohort_start DATE, cohort_end DATE (exclusive), mature,
--   matures_on DATE (cohort_end + $maturity_days; NULL for totals),
--   leads, mqls, sqls, opportunities, won (MQL-sourced: every count after mqls is among MQLs),
--   sql_without_mql (reached SQL with no mql_at), days_lead_to_mql, days_mql_to_sql,
--   days_sql_to_opportunity, days_opportunity_to_won, days_mql_to_won (medians, DOUBLE, over
--   MQLs with both dates in order), won_deals (distinct won deals linked to the MQLs),
--   won_revenue (their summed amount), avg_won_deal_size (mean amount of those with an amount)
WITH segmented AS (
  SELECT
    s.*,
    coalesce(
      CASE WHEN $by IS NULL THEN '(all)' ELSE struct_extract(l, coalesce($by, 'lead_id'))::VARCHAR END,
      '(missing)'
    ) AS segment,
    date_trunc($grain, s.created_at)::DATE AS cohort_start
  FROM lead_stages s
  JOIN leads l USING (lead_id)
  WHERE s.created_at IS NOT NULL
),
cohorted AS (
  SELECT
    *,
    CASE $grain
      WHEN 'week' THEN cohort_start + INTERVAL 7 DAY
      WHEN 'month' THEN cohort_start + INTERVAL 1 MONTH
      ELSE cohort_start + INTERVAL 3 MONTH
    END::DATE AS cohort_end
  FROM segmented
),
matured AS (
  SELECT *, cohort_end + $maturity_days * INTERVAL 1 DAY <= $as_of::TIMESTAMP AS mature FROM cohorted
),
grouped AS (
  SELECT *, false AS is_total FROM matured
  UNION ALL
  SELECT * REPLACE (NULL::DATE AS cohort_start, NULL::DATE AS cohort_end), true AS is_total
  FROM matured WHERE mature
),
won_deals AS (
  SELECT DISTINCT g.segment, g.is_total, g.cohort_start, d.deal_id, d.amount
  FROM grouped g
  JOIN deal_leads dl USING (lead_id)
  JOIN deals d USING (deal_id)
  WHERE g.is_mql AND d.is_won
),
deal_sizes AS (
  SELECT
    segment, is_total, cohort_start,
    count(*)::INTEGER AS won_deals,
    sum(amount::DECIMAL(38, 6))::DOUBLE AS won_revenue,
    (sum(amount::DECIMAL(38, 6)) / count(amount))::DOUBLE AS avg_won_deal_size
  FROM won_deals
  GROUP BY ALL
),
days AS (
  SELECT
    *,
    CASE WHEN mql_at >= created_at THEN date_diff('second', created_at, mql_at) / 86400.0 END AS d_lead_mql,
    CASE WHEN is_mql AND sql_at >= mql_at THEN date_diff('second', mql_at, sql_at) / 86400.0 END AS d_mql_sql,
    CASE WHEN is_mql AND opportunity_at >= sql_at THEN date_diff('second', sql_at, opportunity_at) / 86400.0 END AS d_sql_opp,
    CASE WHEN is_mql AND won_at >= opportunity_at THEN date_diff('second', opportunity_at, won_at) / 86400.0 END AS d_opp_won,
    CASE WHEN is_mql AND won_at >= mql_at THEN date_diff('second', mql_at, won_at) / 86400.0 END AS d_mql_won
  FROM grouped
),
counts AS (
  SELECT
    segment, is_total, cohort_start,
    any_value(cohort_end) AS cohort_end,
    bool_and(mature) AS mature,
    count(*)::INTEGER AS leads,
    count(*) FILTER (WHERE is_mql)::INTEGER AS mqls,
    count(*) FILTER (WHERE is_mql AND reached_sql)::INTEGER AS sqls,
    count(*) FILTER (WHERE is_mql AND reached_opportunity)::INTEGER AS opportunities,
    count(*) FILTER (WHERE is_mql AND is_won)::INTEGER AS won,
    count(*) FILTER (WHERE NOT is_mql AND reached_sql)::INTEGER AS sql_without_mql,
    median(d_lead_mql) AS days_lead_to_mql,
    median(d_mql_sql) AS days_mql_to_sql,
    median(d_sql_opp) AS days_sql_to_opportunity,
    median(d_opp_won) AS days_opportunity_to_won,
    median(d_mql_won) AS days_mql_to_won
  FROM days
  GROUP BY segment, is_total, cohort_start
)
SELECT
  c.segment, c.is_total, c.cohort_start, c.cohort_end, c.mature,
  (c.cohort_end + $maturity_days * INTERVAL 1 DAY)::DATE AS matures_on,
  c.leads, c.mqls, c.sqls, c.opportunities, c.won, c.sql_without_mql,
  c.days_lead_to_mql, c.days_mql_to_sql, c.days_sql_to_opportunity, c.days_opportunity_to_won,
  c.days_mql_to_won,
  coalesce(s.won_deals, 0) AS won_deals,
  coalesce(s.won_revenue, 0) AS won_revenue,
  s.avg_won_deal_size
FROM counts c
LEFT JOIN deal_sizes s
  ON s.segment = c.segment AND s.is_total = c.is_total
  AND s.cohort_start IS NOT DISTINCT FROM c.cohort_start
ORDER BY c.segment, c.is_total, c.cohort_start;
