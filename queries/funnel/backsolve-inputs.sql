-- backsolve-inputs: the data's own conversion figures and MQL run rate, defaults for the
-- volume back-solve (MQLs needed per month for a new-ARR target). Needs lead-stages.
-- params:
--   $as_of::TIMESTAMP          TIMESTAMP, the data's "today"
--   $maturity_days  INTEGER; only leads created at least this many days before $as_of::TIMESTAMP count
--                   towards the rates (younger ones have not had time to convert)
--   $months         INTEGER, how many complete calendar months before $as_of::TIMESTAMP make the run rate
-- Output (one row): mature_mqls, mature_sqls (MQLs that reached SQL), mature_won (MQLs won),
--   won_deals (distinct won deals linked to those MQLs), avg_won_deal_size (their mean amount),
--   run_rate_mqls (MQLs with mql_at in the $months complete months before $as_of::TIMESTAMP),
--   run_rate_months ($months), run_rate_from DATE, run_rate_to DATE (exclusive)
WITH mature AS (
  SELECT * FROM lead_stages
  WHERE is_mql AND created_at IS NOT NULL
    AND created_at + $maturity_days * INTERVAL 1 DAY <= $as_of::TIMESTAMP
),
deals_won AS (
  SELECT DISTINCT d.deal_id, d.amount
  FROM mature m
  JOIN deal_leads dl USING (lead_id)
  JOIN deals d USING (deal_id)
  WHERE d.is_won
),
window_bounds AS (
  SELECT
    (date_trunc('month', $as_of::TIMESTAMP) - $months * INTERVAL 1 MONTH)::DATE AS run_rate_from,
    date_trunc('month', $as_of::TIMESTAMP)::DATE AS run_rate_to
)
SELECT
  (SELECT count(*) FROM mature)::INTEGER AS mature_mqls,
  (SELECT count(*) FROM mature WHERE reached_sql)::INTEGER AS mature_sqls,
  (SELECT count(*) FROM mature WHERE is_won)::INTEGER AS mature_won,
  (SELECT count(*) FROM deals_won)::INTEGER AS won_deals,
  (SELECT avg(amount) FROM deals_won) AS avg_won_deal_size,
  (SELECT count(*) FROM leads, window_bounds w
    WHERE mql_at >= w.run_rate_from AND mql_at < w.run_rate_to)::INTEGER AS run_rate_mqls,
  $months::INTEGER AS run_rate_months,
  w.run_rate_from,
  w.run_rate_to
FROM window_bounds w;
