-- link-deals: rebuild deal_leads, the credit of each deal to its leads, from both directions:
--   deal side: the contact ids a deal export lists (deal_contacts, e.g. HubSpot "Associated Contact IDs");
--   lead side: the opportunity a lead converted into (leads.converted_deal_id, Salesforce).
-- Only links between a loaded deal and a loaded lead are kept.
-- params: none. output: table deal_leads (deal_id, lead_id, via), emptied by the caller first
-- (removeRows, src/load/remove-rows.ts: a rebuild, not a DELETE of every row of a keyed table).
INSERT INTO deal_leads
SELECT deal_id, lead_id, min(via) AS via
FROM (
  SELECT dc.deal_id, dc.lead_id, 'deal' AS via
  FROM deal_contacts dc
  JOIN deals d ON d.deal_id = dc.deal_id
  JOIN leads l ON l.lead_id = dc.lead_id
  UNION ALL
  SELECT l.converted_deal_id AS deal_id, l.lead_id, 'lead' AS via
  FROM leads l
  JOIN deals d ON d.deal_id = l.converted_deal_id
)
GROUP BY deal_id, lead_id;
