-- label-counts: the headline counts of lead_labels that every features / fit run reports.
-- params: none.
-- columns: leads, mature, immature, neverHanded (mature, never handed to sales), undated
--   (mature with unknown decision time), won and sql (mature leads with that outcome),
--   mqlDated (leads with an mql_at: 0 means hand-offs are only seen through acceptance).
SELECT count(*)::INTEGER AS leads,
       count(*) FILTER (WHERE mature)::INTEGER AS mature,
       count(*) FILTER (WHERE NOT mature)::INTEGER AS immature,
       count(*) FILTER (WHERE mature AND NOT handed_to_sales)::INTEGER AS "neverHanded",
       count(*) FILTER (WHERE mature AND decision_at IS NULL)::INTEGER AS undated,
       count(*) FILTER (WHERE mature AND won)::INTEGER AS won,
       count(*) FILTER (WHERE mature AND sql)::INTEGER AS sql,
       count(mql_at)::INTEGER AS "mqlDated"
FROM lead_labels;
