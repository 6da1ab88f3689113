-- fit-sample: which mature leads train and which validate, and their target (table fit_sample).
-- params: $target ('won' | 'sql'), $mode ('all' | 'periods' | 'holdout'),
--   $validate_periods INTEGER (mode periods: the latest N complete periods validate; a period is
--   complete when all of its leads are mature; earlier periods train, and later, incomplete
--   ones are left out: their few mature leads are the fastest deals, not a fair sample),
--   $holdout_share DOUBLE and $seed INTEGER (mode holdout: a random stratified holdout; within
--   each target value leads are ordered by hash(lead_id, seed) and every 1/share-th is held out,
--   so the split is the same on every run and keeps the target rate in both parts).
-- mode all: every mature lead is 'train' (the features profile). mode periods: leads without a
-- period, and those of incomplete periods after the validation periods, are left out.
-- columns: lead_id, split ('train' | 'validation'), period, y BOOLEAN (NULL: sql not observed).
CREATE OR REPLACE TABLE fit_sample AS
WITH periods AS (
  SELECT period, bool_and(mature) AS complete
  FROM lead_labels WHERE period IS NOT NULL GROUP BY period
), ranked_periods AS (
  SELECT period,
         row_number() OVER (ORDER BY period DESC) AS complete_rank
  FROM periods WHERE complete
), cutoff AS (
  SELECT max(period) FILTER (WHERE complete_rank <= $validate_periods) AS last_validation,
         min(period) FILTER (WHERE complete_rank <= $validate_periods) AS first_validation
  FROM ranked_periods
), m AS (
  SELECT lead_id, period, CASE WHEN $target = 'sql' THEN sql ELSE won END AS y
  FROM lead_labels
  WHERE mature
), ranked AS (
  SELECT m.*, c.first_validation, c.last_validation,
         row_number() OVER (PARTITION BY y ORDER BY hash(lead_id, $seed), lead_id) AS stratum_row
  FROM m CROSS JOIN cutoff c
)
SELECT lead_id,
       CASE
         WHEN $mode = 'periods' AND period >= first_validation THEN 'validation'
         WHEN $mode = 'holdout' AND floor(stratum_row * $holdout_share) > floor((stratum_row - 1) * $holdout_share) THEN 'validation'
         ELSE 'train'
       END AS split,
       period,
       y
FROM ranked
WHERE $mode <> 'periods' OR (period IS NOT NULL AND period <= last_validation);
