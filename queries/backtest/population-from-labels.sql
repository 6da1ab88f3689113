-- population-from-labels: the leads a backtest scores, and until when (lead_labels from the
-- features stage). A lead's score is replayed from its creation up to:
--   $until = 'outcome_window' (default): the end of its outcome window (window_end = decision
--     time + maturity days), but not past the data's as-of: a live scoring rule keeps scoring
--     after the decision time, and a crossing up to window_end can still have its outcome
--     counted;
--   $until = 'decision': its decision time, the moment the features and the fit judge it at.
-- params: $until ('outcome_window' | 'decision'), $as_of (TIMESTAMP or NULL).
-- Output: TEMP TABLE bt_population(lead_id, created_at, score_until). created_at and
-- score_until are NULL for flat exports without dates (a single as-of score).
CREATE OR REPLACE TEMP TABLE bt_population AS
SELECT lead_id, created_at,
       CASE
         WHEN $until = 'decision' OR window_end IS NULL THEN decision_at
         WHEN $as_of IS NULL THEN window_end
         ELSE least(window_end, $as_of::TIMESTAMP)
       END AS score_until
FROM lead_labels
