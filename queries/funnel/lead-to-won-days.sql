-- lead-to-won-days: how long won leads took from creation to the won deal's close, the basis
-- of windows.maturity_days = "auto" (its 90th percentile). Needs the lead-stages view.
-- params: none.
-- Output (one row): won_leads (won leads with both dates, close not before creation),
--   p90_days (DOUBLE, continuous 90th percentile; NULL without won leads), median_days
SELECT
  count(*)::INTEGER AS won_leads,
  quantile_cont(days, 0.9) AS p90_days,
  quantile_cont(days, 0.5) AS median_days
FROM (
  SELECT date_diff('second', created_at, won_at) / 86400.0 AS days
  FROM lead_stages
  WHERE is_won AND created_at IS NOT NULL AND won_at IS NOT NULL AND won_at >= created_at
);
