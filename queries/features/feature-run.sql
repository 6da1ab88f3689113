-- feature-run: the one-row table recording the resolved windows of the last features build.
-- lead_labels and lead_features read their windows from it, and backtest / score read it to
-- know which windows the labels were built with.
-- params: $as_of (TIMESTAMP or NULL), $decision, $scoring_days, $maturity_days (DOUBLE),
--   $maturity_source ('config' | 'auto' | 'default'), $half_life_days (DOUBLE),
--   $has_dates (BOOLEAN), $has_activities (BOOLEAN).
-- columns: as_of, decision, scoring_days, maturity_days, maturity_source, half_life_days,
--   has_dates, has_activities, built_at.
CREATE OR REPLACE TABLE feature_run AS
SELECT CAST($as_of AS TIMESTAMP) AS as_of,
       CAST($decision AS VARCHAR) AS decision,
       CAST($scoring_days AS DOUBLE) AS scoring_days,
       CAST($maturity_days AS DOUBLE) AS maturity_days,
       CAST($maturity_source AS VARCHAR) AS maturity_source,
       CAST($half_life_days AS DOUBLE) AS half_life_days,
       CAST($has_dates AS BOOLEAN) AS has_dates,
       CAST($has_activities AS BOOLEAN) AS has_activities,
       CAST(now() AS TIMESTAMP) AS built_at;
