-- population-from-labels: the leads a backtest scores, and until when: each lead of
-- lead_labels (features stage) is scored from its creation up to its decision time.
-- params: none. Output: TEMP TABLE bt_population(lead_id, created_at, score_until).
-- created_at and score_until are NULL for flat exports without dates (single as-of score).
CREATE OR REPLACE TEMP TABLE bt_population AS
SELECT lead_id, created_at, decision_at AS score_until
FROM lead_labels
