-- pipeline-by-cohort: the deal amount (pipeline) created from MQLs, by the MQLs' creation cohort.
-- A deal counts once per cohort however many of its leads are MQLs of that cohort (deal_leads),
-- whatever its stage (open, won or lost): the pipeline marketing-qualified leads generated.
-- Needs the lead_stages view (queries/funnel/lead-stages.sql).
-- params:
--   $grain   'week' | 'month' | 'quarter'
-- Output columns: cohort_start DATE, deals INTEGER (distinct deals linked to the cohort's MQLs),
--   deals_with_amount INTEGER, pipeline DOUBLE (sum of their amounts; 0 when none has one)
WITH linked AS (
  SELECT DISTINCT date_trunc($grain, s.created_at)::DATE AS cohort_start, d.deal_id, d.amount
  FROM lead_stages s
  JOIN deal_leads dl USING (lead_id)
  JOIN deals d USING (deal_id)
  WHERE s.is_mql AND s.created_at IS NOT NULL
)
SELECT
  cohort_start,
  count(*)::INTEGER AS deals,
  count(amount)::INTEGER AS deals_with_amount,
  coalesce(sum(amount::DECIMAL(38, 6)), 0)::DOUBLE AS pipeline
FROM linked
GROUP BY cohort_start
ORDER BY cohort_start
