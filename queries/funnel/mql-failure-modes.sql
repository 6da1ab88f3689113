-- mql-failure-modes: the four MQL failure patterns and how those MQLs convert, next to all
-- MQLs. Modes overlap. Needs lead-stages and the features macros (seniority_of, size_band_of).
-- params:
--   $as_of, $maturity_days   rates count only MQLs created at least $maturity_days before $as_of
--   $timezone                IANA zone whose calendar days define a session (config timezone)
--   $touch_types             VARCHAR JSON array: sales touch types, not the lead's engagement
--   $form_types              VARCHAR JSON array: activity types that are form fills
--   $intent_types            VARCHAR JSON array: hand-raise types that exempt a single session
--   $session_min_events      INTEGER, events on one day that make a session
--   $icp_countries, $icp_industries, $icp_seniorities, $icp_size_bands
--                            VARCHAR JSON arrays, or NULL (rule off)
--   $icp_min_employees, $icp_max_employees   DOUBLE, or NULL (rule off)
-- Engagement = the lead's activities at or before mql_at, sales touch types left out.
-- Modes:
--   form_fill_only    engagement is one or more events, every one a form type (a lone form
--                     submission is the plainest case)
--   single_session    at least $session_min_events engagement events, all on one calendar day
--                     in $timezone, none of an intent type
--   persona_mismatch  a known country / industry / seniority / size band / employee count
--                     outside the ICP rules (unknown values are not mismatches). Seniority is
--                     seniority_of(title), or the exported seniority when the title gives
--                     'unknown'; size band is size_band_of(employees) (features/macros.sql).
--   recycled          sales had the lead before this MQL (disqualified_at, else first_touch_at,
--                     before mql_at; the later of the two) and no engagement since: re-qualified
--                     without a new engagement event. Exports that overwrite the MQL date on
--                     re-qualification (HubSpot) keep the first pass's first-touch date.
-- Output columns: mode ('all_mqls' first, then the four modes), computable (BOOLEAN: the data
--   has what the mode needs: activities for three of them, plus disqualification or first-touch
--   dates for recycled, an ICP rule for persona_mismatch), mqls, mature_mqls, sqls, won (sqls
--   and won among the mature ones; all NULL when not computable)
WITH types AS (
  SELECT
    from_json($touch_types, '["VARCHAR"]') AS touch,
    from_json($form_types, '["VARCHAR"]') AS form,
    from_json($intent_types, '["VARCHAR"]') AS intent
),
icp AS (
  SELECT
    list_transform(from_json($icp_countries, '["VARCHAR"]'), x -> lower(trim(x))) AS countries,
    list_transform(from_json($icp_industries, '["VARCHAR"]'), x -> lower(trim(x))) AS industries,
    list_transform(from_json($icp_seniorities, '["VARCHAR"]'), x -> lower(trim(x))) AS seniorities,
    from_json($icp_size_bands, '["VARCHAR"]') AS size_bands,
    $icp_min_employees::DOUBLE AS min_employees,
    $icp_max_employees::DOUBLE AS max_employees
),
mqls AS (
  SELECT
    s.lead_id, s.reached_sql, s.is_won, l.mql_at, l.disqualified_at,
    l.country, l.industry, l.employees,
    CASE WHEN seniority_of(l.title) <> 'unknown' THEN seniority_of(l.title) ELSE l.seniority END AS seniority,
    nullif(size_band_of(l.employees), 'unknown') AS size_band,
    greatest(
      CASE WHEN l.disqualified_at < l.mql_at THEN l.disqualified_at END,
      CASE WHEN l.first_touch_at < l.mql_at THEN l.first_touch_at END
    ) AS recycled_from,
    s.created_at IS NOT NULL AND s.created_at + $maturity_days * INTERVAL 1 DAY <= $as_of::TIMESTAMP AS mature
  FROM lead_stages s
  JOIN leads l USING (lead_id)
  WHERE s.is_mql
),
engagement AS (
  SELECT
    m.lead_id,
    count(*) AS n_events,
    count(*) FILTER (WHERE list_contains(t.form, a.type)) AS n_forms,
    count(*) FILTER (WHERE list_contains(t.intent, a.type)) AS n_intent,
    min(a.occurred_at) AS first_at,
    max(a.occurred_at) AS last_at,
    count(*) FILTER (WHERE a.occurred_at > m.recycled_from) AS n_since_sales
  FROM mqls m
  JOIN activities a USING (lead_id)
  CROSS JOIN types t
  WHERE a.occurred_at <= m.mql_at AND NOT list_contains(t.touch, a.type)
  GROUP BY m.lead_id
),
session_candidates AS (
  -- Only these leads can be a single session: enough events, no hand-raise, and all within
  -- three days (a calendar day in any zone lasts at most 26 hours). Their calendar days in
  -- $timezone are counted exactly below; converting every event's time zone was most of this
  -- query's cost at 20M activities.
  SELECT e.lead_id, m.mql_at
  FROM engagement e JOIN mqls m USING (lead_id)
  WHERE e.n_events >= $session_min_events AND e.n_intent = 0
    AND e.last_at - e.first_at < INTERVAL 3 DAY
),
sessions AS (
  SELECT c.lead_id, count(DISTINCT (a.occurred_at::TIMESTAMPTZ AT TIME ZONE $timezone)::DATE) AS n_days
  FROM session_candidates c
  JOIN activities a USING (lead_id)
  CROSS JOIN types t
  WHERE a.occurred_at <= c.mql_at AND NOT list_contains(t.touch, a.type)
  GROUP BY c.lead_id
),
flagged AS (
  SELECT
    m.*,
    coalesce(e.n_events >= 1 AND e.n_forms = e.n_events, false) AS form_fill_only,
    coalesce(e.n_events >= $session_min_events AND s.n_days = 1 AND e.n_intent = 0, false) AS single_session,
    m.recycled_from IS NOT NULL AND coalesce(e.n_since_sales, 0) = 0 AS recycled,
    coalesce(
      (m.country IS NOT NULL AND i.countries IS NOT NULL AND NOT list_contains(i.countries, lower(trim(m.country))))
      OR (m.industry IS NOT NULL AND i.industries IS NOT NULL AND NOT list_contains(i.industries, lower(trim(m.industry))))
      OR (m.seniority IS NOT NULL AND lower(trim(m.seniority)) <> 'unknown' AND i.seniorities IS NOT NULL
          AND NOT list_contains(i.seniorities, lower(trim(m.seniority))))
      OR (m.size_band IS NOT NULL AND i.size_bands IS NOT NULL AND NOT list_contains(i.size_bands, m.size_band))
      OR (m.employees < i.min_employees)
      OR (m.employees > i.max_employees),
      false
    ) AS persona_mismatch
  FROM mqls m
  CROSS JOIN icp i
  LEFT JOIN engagement e USING (lead_id)
  LEFT JOIN sessions s USING (lead_id)
),
shape AS (
  SELECT
    (SELECT count(*) FROM activities) > 0 AS has_activities,
    (SELECT count(disqualified_at) + count(first_touch_at) FROM leads) > 0 AS has_sales_dates,
    (i.countries IS NOT NULL OR i.industries IS NOT NULL OR i.seniorities IS NOT NULL OR i.size_bands IS NOT NULL
      OR i.min_employees IS NOT NULL OR i.max_employees IS NOT NULL) AS has_icp
  FROM icp i
),
modes AS (
  SELECT 0 AS ord, 'all_mqls' AS mode, lead_id, mature, reached_sql, is_won, true AS hit FROM flagged
  UNION ALL SELECT 1, 'form_fill_only', lead_id, mature, reached_sql, is_won, form_fill_only FROM flagged
  UNION ALL SELECT 2, 'single_session', lead_id, mature, reached_sql, is_won, single_session FROM flagged
  UNION ALL SELECT 3, 'persona_mismatch', lead_id, mature, reached_sql, is_won, persona_mismatch FROM flagged
  UNION ALL SELECT 4, 'recycled', lead_id, mature, reached_sql, is_won, recycled FROM flagged
),
names AS (
  SELECT * FROM (VALUES (0, 'all_mqls'), (1, 'form_fill_only'), (2, 'single_session'),
    (3, 'persona_mismatch'), (4, 'recycled')) AS t(ord, mode)
),
counted AS (
  SELECT
    n.ord,
    n.mode,
    CASE n.mode
      WHEN 'all_mqls' THEN true
      WHEN 'persona_mismatch' THEN sh.has_icp
      WHEN 'recycled' THEN sh.has_activities AND sh.has_sales_dates
      ELSE sh.has_activities
    END AS computable,
    count(m.lead_id) FILTER (WHERE m.hit)::INTEGER AS mqls,
    count(m.lead_id) FILTER (WHERE m.hit AND m.mature)::INTEGER AS mature_mqls,
    count(m.lead_id) FILTER (WHERE m.hit AND m.mature AND m.reached_sql)::INTEGER AS sqls,
    count(m.lead_id) FILTER (WHERE m.hit AND m.mature AND m.is_won)::INTEGER AS won
  FROM names n
  CROSS JOIN shape sh
  LEFT JOIN modes m ON m.ord = n.ord
  GROUP BY n.ord, n.mode, sh.has_activities, sh.has_sales_dates, sh.has_icp
)
SELECT
  mode,
  computable,
  CASE WHEN computable THEN mqls END AS mqls,
  CASE WHEN computable THEN mature_mqls END AS mature_mqls,
  CASE WHEN computable THEN sqls END AS sqls,
  CASE WHEN computable THEN won END AS won
FROM counted
ORDER BY ord;
