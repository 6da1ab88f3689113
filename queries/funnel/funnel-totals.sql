-- funnel-totals: the whole funnel over every lead, dated or not, for data without creation dates
-- (no cohorts, no maturity: outcomes are as the export shows them). Needs the lead_stages view.
-- params: none.
-- Output columns: leads, mqls, sqls, won (INTEGER; sqls and won among MQLs), sql_without_mql,
--   pipeline DOUBLE (amount of distinct deals linked to MQLs, any stage),
--   won_revenue DOUBLE (amount of distinct won deals linked to MQLs),
--   all_sqls, all_won INTEGER (over every lead, MQL or not), all_won_revenue DOUBLE
WITH lead_deals AS (
  SELECT DISTINCT s.is_mql, d.deal_id, d.amount, d.is_won
  FROM lead_stages s
  JOIN deal_leads dl USING (lead_id)
  JOIN deals d USING (deal_id)
),
mql_deals AS (SELECT DISTINCT deal_id, amount, is_won FROM lead_deals WHERE is_mql),
all_deals AS (SELECT DISTINCT deal_id, amount, is_won FROM lead_deals)
SELECT
  (SELECT count(*) FROM lead_stages)::INTEGER AS leads,
  (SELECT count(*) FILTER (WHERE is_mql) FROM lead_stages)::INTEGER AS mqls,
  (SELECT count(*) FILTER (WHERE is_mql AND reached_sql) FROM lead_stages)::INTEGER AS sqls,
  (SELECT count(*) FILTER (WHERE is_mql AND is_won) FROM lead_stages)::INTEGER AS won,
  (SELECT count(*) FILTER (WHERE NOT is_mql AND reached_sql) FROM lead_stages)::INTEGER AS sql_without_mql,
  (SELECT coalesce(sum(amount::DECIMAL(38, 6)), 0) FROM mql_deals)::DOUBLE AS pipeline,
  (SELECT coalesce(sum(amount::DECIMAL(38, 6)) FILTER (WHERE is_won), 0) FROM mql_deals)::DOUBLE AS won_revenue,
  (SELECT count(*) FILTER (WHERE reached_sql) FROM lead_stages)::INTEGER AS all_sqls,
  (SELECT count(*) FILTER (WHERE is_won) FROM lead_stages)::INTEGER AS all_won,
  (SELECT coalesce(sum(amount::DECIMAL(38, 6)) FILTER (WHERE is_won), 0) FROM all_deals)::DOUBLE AS all_won_revenue
