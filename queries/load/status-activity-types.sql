-- status-activity-types: events per canonical activity type and the raw labels mapped onto it.
-- params: none. output: type, events, leads, raw_labels (list).
-- activities.type_raw is NULL when the export's label is the canonical type itself: that
-- label is `type`.
-- Three groupings joined, not one: a list() or count(DISTINCT …) over every event keeps its
-- state in memory (list states do not spill), which ran out of the 640 MiB default at 20M
-- events; DISTINCT rows first, then small lists.
SELECT e.type, e.events, l.leads, r.raw_labels
FROM (SELECT type, count(*)::BIGINT AS events FROM activities GROUP BY type) e
JOIN (SELECT type, count(*)::BIGINT AS leads
      FROM (SELECT DISTINCT type, lead_id FROM activities)
      GROUP BY type) l ON l.type = e.type
JOIN (SELECT type, list_sort(list(raw))[1:5] AS raw_labels
      FROM (SELECT DISTINCT type, coalesce(type_raw, type) AS raw FROM activities)
      GROUP BY type) r ON r.type = e.type
ORDER BY e.events DESC, e.type;
