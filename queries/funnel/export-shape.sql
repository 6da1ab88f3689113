-- export-shape: what the loaded exports make observable, so that a stage the data cannot show
-- is reported as "not observable" instead of a misleading rate.
-- params: none.
-- Output (one row): leads, leads_with_created_at, mqls, leads_with_sql_info (sql_at or
--   is_sales_accepted), leads_with_opportunity_at, deals, won_deals, other_deals (open or lost),
--   linked_leads (leads with a deal in deal_leads), activities, leads_with_first_touch,
--   leads_disqualified (disqualified_at set), spend_rows
SELECT
  (SELECT count(*) FROM leads)::INTEGER AS leads,
  (SELECT count(created_at) FROM leads)::INTEGER AS leads_with_created_at,
  (SELECT count(mql_at) FROM leads)::INTEGER AS mqls,
  (SELECT count(*) FROM leads WHERE sql_at IS NOT NULL OR is_sales_accepted)::INTEGER AS leads_with_sql_info,
  (SELECT count(opportunity_at) FROM leads)::INTEGER AS leads_with_opportunity_at,
  (SELECT count(*) FROM deals)::INTEGER AS deals,
  (SELECT count(*) FROM deals WHERE is_won)::INTEGER AS won_deals,
  (SELECT count(*) FROM deals WHERE NOT is_won)::INTEGER AS other_deals,
  (SELECT count(DISTINCT lead_id) FROM deal_leads)::INTEGER AS linked_leads,
  (SELECT count(*) FROM activities)::INTEGER AS activities,
  (SELECT count(first_touch_at) FROM leads)::INTEGER AS leads_with_first_touch,
  (SELECT count(disqualified_at) FROM leads)::INTEGER AS leads_disqualified,
  (SELECT count(*) FROM spend)::INTEGER AS spend_rows;
