-- mql-sla: time from MQL to the first sales touch, by owner, by source and overall.
-- params:
--   $sla_hours    DOUBLE, the service level (hours from mql_at to the first touch)
--   $touch_types  VARCHAR, a JSON array of activity types that count as a sales touch
--   $as_of::TIMESTAMP        TIMESTAMP, the data's "today"
-- The first touch is leads.first_touch_at when it is at or after mql_at, else (first_touch_at
-- empty) the first activity of a touch type at or after mql_at. Touches after $as_of::TIMESTAMP do not
-- count; MQLs after $as_of::TIMESTAMP are left out. Each MQL is in exactly one status:
--   touched_before_mql  sales touched it before it became an MQL (first_touch_at < mql_at, or
--                       with no first_touch_at a touch activity before mql_at): not a handoff,
--                       kept out of the SLA share
--   within_sla          touched within $sla_hours
--   late                touched after $sla_hours
--   never_touched       no touch, and the SLA ran out before $as_of::TIMESTAMP
--   pending             no touch yet, but mql_at + $sla_hours is after $as_of::TIMESTAMP (not yet due)
-- Output columns: dimension ('all' | 'owner' | 'source'), value (NULL → '(missing)'), mqls,
--   touched_before_mql, within_sla, late, never_touched, pending,
--   median_hours_to_touch (DOUBLE, over within_sla and late)
WITH types AS (
  SELECT unnest(from_json($touch_types, '["VARCHAR"]')) AS type
),
mqls AS (
  SELECT lead_id, owner, source, mql_at, first_touch_at
  FROM leads
  WHERE mql_at IS NOT NULL AND mql_at <= $as_of::TIMESTAMP
),
touch_activity AS (
  SELECT
    a.lead_id,
    min(a.occurred_at) FILTER (WHERE a.occurred_at >= m.mql_at) AS first_after,
    bool_or(a.occurred_at < m.mql_at) AS any_before
  FROM activities a
  JOIN mqls m USING (lead_id)
  WHERE a.type IN (SELECT type FROM types) AND a.occurred_at <= $as_of::TIMESTAMP
  GROUP BY a.lead_id
),
touched AS (
  SELECT
    m.*,
    CASE
      WHEN m.first_touch_at IS NOT NULL THEN m.first_touch_at < m.mql_at
      ELSE coalesce(t.any_before, false)
    END AS before_mql,
    CASE
      WHEN m.first_touch_at IS NOT NULL THEN
        CASE WHEN m.first_touch_at >= m.mql_at AND m.first_touch_at <= $as_of::TIMESTAMP THEN m.first_touch_at END
      ELSE t.first_after
    END AS touch_at
  FROM mqls m
  LEFT JOIN touch_activity t USING (lead_id)
),
classified AS (
  SELECT
    *,
    date_diff('second', mql_at, touch_at) / 3600.0 AS hours_to_touch,
    CASE
      WHEN before_mql THEN 'touched_before_mql'
      WHEN touch_at IS NOT NULL AND date_diff('second', mql_at, touch_at) <= $sla_hours * 3600 THEN 'within_sla'
      WHEN touch_at IS NOT NULL THEN 'late'
      WHEN mql_at + $sla_hours * INTERVAL 1 HOUR > $as_of::TIMESTAMP THEN 'pending'
      ELSE 'never_touched'
    END AS status
  FROM touched
)
SELECT
  CASE WHEN grouping(owner) = 0 THEN 'owner' WHEN grouping(source) = 0 THEN 'source' ELSE 'all' END AS dimension,
  CASE
    WHEN grouping(owner) = 0 THEN coalesce(owner, '(missing)')
    WHEN grouping(source) = 0 THEN coalesce(source, '(missing)')
  END AS value,
  count(*)::INTEGER AS mqls,
  count(*) FILTER (WHERE status = 'touched_before_mql')::INTEGER AS touched_before_mql,
  count(*) FILTER (WHERE status = 'within_sla')::INTEGER AS within_sla,
  count(*) FILTER (WHERE status = 'late')::INTEGER AS late,
  count(*) FILTER (WHERE status = 'never_touched')::INTEGER AS never_touched,
  count(*) FILTER (WHERE status = 'pending')::INTEGER AS pending,
  median(hours_to_touch) FILTER (WHERE status IN ('within_sla', 'late')) AS median_hours_to_touch
FROM classified
GROUP BY GROUPING SETS ((), (owner), (source))
ORDER BY
  CASE WHEN grouping(owner) = 0 THEN 1 WHEN grouping(source) = 0 THEN 2 ELSE 0 END,
  value;
