-- status-activity-types: events per canonical activity type and the raw labels mapped onto it.
-- params: none. output: type, events, leads, raw_labels (list).
-- activities.type_raw is NULL when the export's label is the canonical type itself: that
-- label is `type`.
SELECT type, count(*)::BIGINT AS events, count(DISTINCT lead_id)::BIGINT AS leads,
  list_sort(list_distinct(list(coalesce(type_raw, type))))[1:5] AS raw_labels
FROM activities
GROUP BY type
ORDER BY events DESC, type;
