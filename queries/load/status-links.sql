-- status-links: how leads and deals connect, and the funnel markers the data carries.
-- params: none. output: one row of counts.
SELECT
  (SELECT count(*) FROM leads)::BIGINT AS leads,
  (SELECT count(*) FROM leads WHERE mql_at IS NOT NULL)::BIGINT AS leads_with_mql_date,
  (SELECT count(*) FROM leads WHERE is_sales_accepted)::BIGINT AS leads_sales_accepted,
  (SELECT count(*) FROM leads WHERE is_disqualified)::BIGINT AS leads_disqualified,
  (SELECT count(*) FROM deals)::BIGINT AS deals,
  (SELECT count(*) FROM deals WHERE is_won)::BIGINT AS deals_won,
  (SELECT count(*) FROM deals WHERE NOT is_closed)::BIGINT AS deals_open,
  (SELECT coalesce(sum(amount::DECIMAL(38, 6)) FILTER (WHERE is_won), 0) FROM deals)::DOUBLE AS won_amount,
  (SELECT count(DISTINCT deal_id) FROM deal_leads)::BIGINT AS deals_linked,
  (SELECT count(DISTINCT lead_id) FROM deal_leads)::BIGINT AS leads_with_deal,
  (SELECT count(DISTINCT dl.lead_id) FROM deal_leads dl JOIN deals d USING (deal_id) WHERE d.is_won)::BIGINT AS leads_with_won_deal,
  (SELECT count(*) FROM (SELECT deal_id FROM deal_leads GROUP BY deal_id HAVING count(*) > 1))::BIGINT AS deals_with_several_leads,
  (SELECT count(DISTINCT lead_id) FROM activities)::BIGINT AS leads_with_activity,
  (SELECT count(DISTINCT type) FROM activities)::BIGINT AS activity_types,
  (SELECT count(*) FROM leads WHERE first_touch_at IS NOT NULL)::BIGINT AS leads_with_first_touch,
  (SELECT count(DISTINCT source) FROM spend)::BIGINT AS spend_sources,
  (SELECT count(*) FROM (SELECT DISTINCT source FROM spend EXCEPT SELECT DISTINCT source FROM leads))::BIGINT AS spend_sources_without_leads;
