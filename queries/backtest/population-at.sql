-- population-at: the leads `handoff score` scores at one instant: every lead created by $as_of,
-- scored up to $as_of (a live rule's view of the lead at that moment). Leads without a creation
-- date (flat exports) are scored once, from their lead row.
-- params: $as_of (TIMESTAMP or NULL: no dates in the data).
-- Output: TEMP TABLE bt_population(lead_id, created_at, score_until).
CREATE OR REPLACE TEMP TABLE bt_population AS
SELECT lead_id, created_at,
       CASE WHEN created_at IS NULL THEN NULL ELSE $as_of::TIMESTAMP END AS score_until
FROM leads
WHERE created_at IS NULL OR $as_of IS NULL OR created_at <= $as_of::TIMESTAMP
