-- category-counts: the categories each categorical feature keeps: the most frequent ones among
-- training leads, at most $max_categories, each with at least $min_leads leads.
-- Reads lead_features_long (the long-form view over the wide lead_features, made by
-- src/features/write-lead-features.ts: lead_id, feature, family, kind, cat, num) and fit_sample.
-- params: $max_categories INTEGER, $min_leads INTEGER.
-- columns: feature, category, leads (ordered by feature, then leads descending).
WITH counts AS (
  SELECT f.feature, f.cat AS category, count(*)::INTEGER AS leads
  FROM lead_features_long f JOIN fit_sample s ON s.lead_id = f.lead_id AND s.split = 'train'
  WHERE f.kind = 'categorical' AND f.cat IS NOT NULL
  GROUP BY f.feature, f.cat
)
SELECT feature, category, leads
FROM counts
WHERE leads >= $min_leads
QUALIFY row_number() OVER (PARTITION BY feature ORDER BY leads DESC, category) <= $max_categories
ORDER BY feature, leads DESC, category;
