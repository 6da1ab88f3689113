-- lead-features: every lead's candidate features as of its decision time, in long form
-- (table lead_features, one row per lead and feature). Reads leads, activities, lead_labels
-- and feature_run (half-life); needs features/macros.sql. Extra export columns are added by
-- src/features/build-features.ts (one INSERT per column, names quoted).
-- params: $sales_types VARCHAR, a JSON array of activity types that are sales' own actions
--   (features.sales_activity_types, default meeting and call): left out of every feature.
-- Families:
--   fit         who the lead is: source, industry, country, campaign (categorical), seniority
--               (seniority_of(title)), size_band (size_band_of(employees)), employees (numeric).
--   intent      intent.<type>: decayed count of that activity type as of decision_at:
--               Σ 0.5^(age_days / half_life_days) over events with occurred_at <= decision_at
--               (an event one second later is not seen). Flat exports (no activities at all):
--               the count_* lead columns; they are lifetime totals as of the export, so they are
--               left out when activities exist.
--   engagement  events.<type> (plain counts as of decision_at), engagement.recency_days (days
--               from the last event to decision_at; NULL = no activity), engagement.active_days
--               (distinct calendar days with an event; 1 = a single session),
--               engagement.decayed_total (all types).
-- Leads without a decision time get NULL activity features (nothing can be placed in time).
-- Features that are NULL for every lead are left out.
-- columns: lead_id, feature, family ENUM ('fit' | 'intent' | 'engagement'),
--   kind ENUM ('categorical' | 'numeric'), cat VARCHAR, num DOUBLE.
CREATE OR REPLACE TABLE lead_features AS
WITH run AS (
  SELECT half_life_days FROM feature_run LIMIT 1
), l AS (
  SELECT l.*, b.decision_at FROM leads l JOIN lead_labels b ON b.lead_id = l.lead_id
), acts AS (
  SELECT a.lead_id, a.type, a.occurred_at,
         epoch(l.decision_at - a.occurred_at) / 86400.0 AS age_days
  FROM activities a JOIN l ON l.lead_id = a.lead_id
  WHERE a.occurred_at <= l.decision_at
    AND NOT list_contains(from_json($sales_types, '["VARCHAR"]'), a.type)
), types AS (
  SELECT DISTINCT type FROM activities
  WHERE NOT list_contains(from_json($sales_types, '["VARCHAR"]'), type)
), flat AS (
  SELECT NOT EXISTS (SELECT 1 FROM activities) AS counts_usable
), per_type AS (
  SELECT lead_id, type, count(*) AS events, sum(decay_weight_of(age_days, run.half_life_days)) AS decayed
  FROM acts CROSS JOIN run
  GROUP BY lead_id, type
), grid AS (
  SELECT l.lead_id, t.type,
         CASE WHEN l.decision_at IS NOT NULL THEN coalesce(p.events, 0) END::DOUBLE AS events,
         CASE WHEN l.decision_at IS NOT NULL THEN coalesce(p.decayed, 0) END::DOUBLE AS decayed
  FROM l CROSS JOIN types t
  LEFT JOIN per_type p ON p.lead_id = l.lead_id AND p.type = t.type
), per_lead AS (
  SELECT l.lead_id,
         CASE WHEN l.decision_at IS NOT NULL THEN min(a.age_days) END AS recency_days,
         CASE WHEN l.decision_at IS NOT NULL THEN count(DISTINCT CAST(a.occurred_at AS DATE)) END::DOUBLE AS active_days,
         CASE WHEN l.decision_at IS NOT NULL THEN coalesce(sum(decay_weight_of(a.age_days, run.half_life_days)), 0) END AS decayed_total
  FROM l CROSS JOIN run LEFT JOIN acts a ON a.lead_id = l.lead_id
  GROUP BY l.lead_id, l.decision_at
), long AS (
  SELECT lead_id, 'source' AS feature, 'fit' AS family, 'categorical' AS kind, nullif(trim(source), '') AS cat, NULL::DOUBLE AS num FROM l
  UNION ALL SELECT lead_id, 'industry', 'fit', 'categorical', nullif(trim(industry), ''), NULL FROM l
  UNION ALL SELECT lead_id, 'country', 'fit', 'categorical', nullif(trim(country), ''), NULL FROM l
  UNION ALL SELECT lead_id, 'campaign', 'fit', 'categorical', nullif(trim(campaign), ''), NULL FROM l
  UNION ALL SELECT lead_id, 'seniority', 'fit', 'categorical', CASE WHEN (SELECT count(title) FROM leads) > 0 THEN seniority_of(title) END, NULL FROM l
  UNION ALL SELECT lead_id, 'size_band', 'fit', 'categorical', CASE WHEN (SELECT count(employees) FROM leads) > 0 THEN size_band_of(employees) END, NULL FROM l
  UNION ALL SELECT lead_id, 'employees', 'fit', 'numeric', NULL, employees FROM l
  UNION ALL SELECT lead_id, 'count_page_view', 'intent', 'numeric', NULL, count_page_view FROM l, flat WHERE flat.counts_usable
  UNION ALL SELECT lead_id, 'count_form_submit', 'intent', 'numeric', NULL, count_form_submit FROM l, flat WHERE flat.counts_usable
  UNION ALL SELECT lead_id, 'count_session', 'intent', 'numeric', NULL, count_session FROM l, flat WHERE flat.counts_usable
  UNION ALL SELECT lead_id, 'count_email_click', 'intent', 'numeric', NULL, count_email_click FROM l, flat WHERE flat.counts_usable
  UNION ALL SELECT lead_id, 'count_email_open', 'intent', 'numeric', NULL, count_email_open FROM l, flat WHERE flat.counts_usable
  UNION ALL SELECT lead_id, 'count_event', 'intent', 'numeric', NULL, count_event FROM l, flat WHERE flat.counts_usable
  UNION ALL SELECT lead_id, 'intent.' || type, 'intent', 'numeric', NULL, decayed FROM grid
  UNION ALL SELECT lead_id, 'events.' || type, 'engagement', 'numeric', NULL, events FROM grid
  UNION ALL SELECT lead_id, 'engagement.recency_days', 'engagement', 'numeric', NULL, recency_days FROM per_lead WHERE (SELECT count(*) FROM types) > 0
  UNION ALL SELECT lead_id, 'engagement.active_days', 'engagement', 'numeric', NULL, active_days FROM per_lead WHERE (SELECT count(*) FROM types) > 0
  UNION ALL SELECT lead_id, 'engagement.decayed_total', 'engagement', 'numeric', NULL, decayed_total FROM per_lead WHERE (SELECT count(*) FROM types) > 0
)
SELECT lead_id, feature,
       -- ENUMs, not VARCHAR: written as one byte per row instead of a string (of the table's
       -- write cost, about a quarter); read and compared like the strings they hold
       family::ENUM('fit', 'intent', 'engagement') AS family,
       kind::ENUM('categorical', 'numeric') AS kind,
       cat, num
FROM long
WHERE feature IN (SELECT feature FROM long GROUP BY feature HAVING count(cat) + count(num) > 0);
