-- labels: one row per lead with its decision time, period and outcomes (table lead_labels).
-- The contract shared by features, fit, backtest and score. Windows come from the one-row
-- table feature_run (features/feature-run.sql); macros from features/macros.sql.
-- params: none.
-- Definitions (docs/features-and-fit.md "Labels"):
--   decision_at      decision_at_of(created_at, mql_at, feature_run.decision, scoring_days).
--   period           calendar quarter of decision_at, '2026Q3' (NULL without dates).
--   window_end       decision_at + maturity_days: outcomes must happen by then to count.
--   handed_to_sales  historically handed over: mql_at, sql_at or opportunity_at set,
--                    is_sales_accepted true, a converted_deal_id, or any deal linked in deal_leads
--                    (at any time; not windowed).
--   accepted_at      earliest of sql_at, opportunity_at and the created_at of linked deals.
--   sql              NULL when not handed_to_sales; TRUE when accepted (sql_at / opportunity_at /
--                    is_sales_accepted / a linked deal) with accepted_at <= window_end (an
--                    accepted lead without any date counts as TRUE); FALSE otherwise.
--   sql_at           accepted_at when sql is TRUE.
--   won              TRUE when a deal with is_won, linked to the lead through deal_leads, closed
--                    (closed_at, else its created_at) at or before window_end (a won deal with no
--                    date at all counts); FALSE otherwise. Deals won before decision_at count.
--   won_at           earliest such close; won_amount the sum of those deals' amounts (each deal's
--                    full amount, not split between the leads it is credited to).
--   mature           window_end <= feature_run.as_of: the outcome window has fully elapsed.
--                    TRUE when decision_at is unknown (no dates: the export's outcome is final).
-- columns: lead_id, created_at, mql_at, decision_at, period, window_end, handed_to_sales, sql,
--   sql_at, won, won_at, won_amount, won_deals, mature.
CREATE OR REPLACE TABLE lead_labels AS
WITH run AS (
  SELECT * FROM feature_run LIMIT 1
), base AS (
  SELECT l.lead_id, l.created_at, l.mql_at, l.sql_at, l.opportunity_at, l.is_sales_accepted,
         l.converted_deal_id,
         decision_at_of(l.created_at, l.mql_at, run.decision, run.scoring_days) AS decision_at,
         run.maturity_days, run.as_of
  FROM leads l CROSS JOIN run
), windowed AS (
  SELECT *,
         decision_at + to_seconds(maturity_days * 86400) AS window_end
  FROM base
), linked AS (
  SELECT dl.lead_id, min(d.created_at) AS first_deal_at
  FROM deal_leads dl JOIN deals d ON d.deal_id = dl.deal_id
  GROUP BY dl.lead_id
), won AS (
  SELECT w.lead_id,
         min(coalesce(d.closed_at, d.created_at)) AS won_at,
         sum(d.amount) AS won_amount,
         count(*)::INTEGER AS won_deals
  FROM windowed w
  JOIN deal_leads dl ON dl.lead_id = w.lead_id
  JOIN deals d ON d.deal_id = dl.deal_id
  WHERE d.is_won
    AND (w.window_end IS NULL
         OR coalesce(d.closed_at, d.created_at) IS NULL
         OR coalesce(d.closed_at, d.created_at) <= w.window_end)
  GROUP BY w.lead_id
), outcome AS (
  SELECT w.*,
         k.lead_id IS NOT NULL AS has_deal,
         least(w.sql_at, w.opportunity_at, k.first_deal_at) AS accepted_at,
         (w.sql_at IS NOT NULL OR w.opportunity_at IS NOT NULL OR coalesce(w.is_sales_accepted, FALSE)
          OR w.converted_deal_id IS NOT NULL OR k.lead_id IS NOT NULL) AS accepted_ever
  FROM windowed w LEFT JOIN linked k ON k.lead_id = w.lead_id
)
SELECT o.lead_id,
       o.created_at,
       o.mql_at,
       o.decision_at,
       period_of(o.decision_at) AS period,
       o.window_end,
       (o.mql_at IS NOT NULL OR o.accepted_ever) AS handed_to_sales,
       CASE
         WHEN NOT (o.mql_at IS NOT NULL OR o.accepted_ever) THEN NULL
         WHEN o.accepted_ever AND (o.accepted_at IS NULL OR o.window_end IS NULL OR o.accepted_at <= o.window_end) THEN TRUE
         ELSE FALSE
       END AS sql,
       CASE
         WHEN o.accepted_ever AND (o.accepted_at IS NULL OR o.window_end IS NULL OR o.accepted_at <= o.window_end) THEN o.accepted_at
       END AS sql_at,
       (n.lead_id IS NOT NULL) AS won,
       n.won_at,
       coalesce(n.won_amount, 0)::DOUBLE AS won_amount,
       coalesce(n.won_deals, 0)::INTEGER AS won_deals,
       CASE WHEN o.window_end IS NULL THEN TRUE ELSE o.window_end <= o.as_of END AS mature
FROM outcome o LEFT JOIN won n ON n.lead_id = o.lead_id;
