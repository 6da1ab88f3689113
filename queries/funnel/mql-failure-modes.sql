-- mql-failure-modes: the four MQL failure patterns and how those MQLs convert, next to all
-- MQLs. Modes overlap (a form-fill-only MQL is also single-session). Needs lead-stages.
-- params:
--   $as_of::TIMESTAMP, $maturity_days   rates count only MQLs created at least $maturity_days before $as_of::TIMESTAMP
--   $icp_countries, $icp_industries, $icp_seniorities, $icp_size_bands
--                            VARCHAR JSON arrays, or NULL (rule off)
--   $icp_min_employees, $icp_max_employees              DOUBLE, or NULL (rule off)
-- Modes (engagement = any activity at or before mql_at):
--   form_fill_only    exactly one activity at or before mql_at, and it is a form_submit
--   single_session    one or more activities at or before mql_at, all on one calendar day (UTC)
--   persona_mismatch  a known country / industry / seniority / size band / employee count
--                     outside the ICP rules (unknown values are not mismatches). Seniority is
--                     seniority_of(title), or the exported seniority when the title gives
--                     'unknown'; size band is size_band_of(employees) (features/macros.sql).
--   recycled          disqualified_at < mql_at with no activity in (disqualified_at, mql_at]
-- Output columns: mode ('all_mqls' first, then the four modes), computable (BOOLEAN: the data
--   has what the mode needs: activities for three of them, an ICP rule for persona_mismatch),
--   mqls, mature_mqls, sqls, won (sqls and won among the mature ones; all NULL when not
--   computable)
WITH icp AS (
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
    s.created_at IS NOT NULL AND s.created_at + $maturity_days * INTERVAL 1 DAY <= $as_of::TIMESTAMP AS mature
  FROM lead_stages s
  JOIN leads l USING (lead_id)
  WHERE s.is_mql
),
engagement AS (
  SELECT
    m.lead_id,
    count(*) FILTER (WHERE a.occurred_at <= m.mql_at) AS n_before,
    count(*) FILTER (WHERE a.occurred_at <= m.mql_at AND a.type = 'form_submit') AS n_forms_before,
    count(DISTINCT a.occurred_at::DATE) FILTER (WHERE a.occurred_at <= m.mql_at) AS days_before,
    count(*) FILTER (WHERE a.occurred_at > m.disqualified_at AND a.occurred_at <= m.mql_at) AS n_since_dq
  FROM mqls m
  JOIN activities a USING (lead_id)
  GROUP BY m.lead_id
),
flagged AS (
  SELECT
    m.*,
    coalesce(e.n_before = 1 AND e.n_forms_before = 1, false) AS form_fill_only,
    coalesce(e.n_before >= 1 AND e.days_before = 1, false) AS single_session,
    m.disqualified_at < m.mql_at AND coalesce(e.n_since_dq, 0) = 0 AS recycled,
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
),
shape AS (
  SELECT
    (SELECT count(*) FROM activities) > 0 AS has_activities,
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
      ELSE sh.has_activities
    END AS computable,
    count(m.lead_id) FILTER (WHERE m.hit)::INTEGER AS mqls,
    count(m.lead_id) FILTER (WHERE m.hit AND m.mature)::INTEGER AS mature_mqls,
    count(m.lead_id) FILTER (WHERE m.hit AND m.mature AND m.reached_sql)::INTEGER AS sqls,
    count(m.lead_id) FILTER (WHERE m.hit AND m.mature AND m.is_won)::INTEGER AS won
  FROM names n
  CROSS JOIN shape sh
  LEFT JOIN modes m ON m.ord = n.ord
  GROUP BY n.ord, n.mode, sh.has_activities, sh.has_icp
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
