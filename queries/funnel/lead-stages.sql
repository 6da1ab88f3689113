-- lead-stages: one row per lead with the funnel stages it reached and when. Creates a TEMP
-- VIEW (nothing is written to the database file) that the other funnel and channels queries read.
-- params: none.
-- Stage membership (docs/funnel-and-channels.md):
--   MQL          = leads.mql_at is set
--   SQL          = leads.sql_at is set, or is_sales_accepted
--   Opportunity  = leads.opportunity_at is set, or any deal is linked to the lead (deal_leads)
--   Won          = a won deal is linked to the lead (deal_leads → deals.is_won)
-- Stages are cumulative from SQL on: a lead with a won deal has reached Opportunity and SQL even
-- when the export lacks those dates (reached_*). MQL is not implied: a lead that reached SQL
-- without an mql_at bypassed marketing qualification and is counted apart (sql_without_mql).
-- View lead_stages columns:
--   lead_id, created_at, mql_at, sql_at, opportunity_at (its own date, else the first linked
--   deal's created_at), won_at (first linked won deal's closed_at), is_mql, reached_sql,
--   reached_opportunity, is_won (BOOLEAN, never NULL)
CREATE OR REPLACE TEMP VIEW lead_stages AS
WITH linked AS (
  SELECT
    dl.lead_id,
    min(d.created_at) AS first_deal_at,
    min(d.closed_at) FILTER (WHERE d.is_won) AS won_at,
    bool_or(d.is_won) AS has_won
  FROM deal_leads dl
  JOIN deals d USING (deal_id)
  GROUP BY dl.lead_id
)
SELECT
  l.lead_id,
  l.created_at,
  l.mql_at,
  l.sql_at,
  coalesce(l.opportunity_at, k.first_deal_at) AS opportunity_at,
  k.won_at,
  l.mql_at IS NOT NULL AS is_mql,
  (l.sql_at IS NOT NULL OR coalesce(l.is_sales_accepted, false)
    OR l.opportunity_at IS NOT NULL OR k.lead_id IS NOT NULL) AS reached_sql,
  (l.opportunity_at IS NOT NULL OR k.lead_id IS NOT NULL) AS reached_opportunity,
  coalesce(k.has_won, false) AS is_won
FROM leads l
LEFT JOIN linked k USING (lead_id);
