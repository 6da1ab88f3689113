-- data-as-of: the data's own "today": the latest timestamp of something that has happened in
-- the loaded data, used as as_of when windows.as_of is not configured. Open deals' closed_at is
-- an expected close date (often in the future) and is left out.
-- params: none.
-- columns: as_of TIMESTAMP (NULL when the data has no timestamps at all).
SELECT greatest(
  (SELECT max(greatest(created_at, mql_at, sql_at, opportunity_at, customer_at, disqualified_at)) FROM leads),
  (SELECT max(greatest(created_at, CASE WHEN is_closed THEN closed_at END)) FROM deals),
  (SELECT max(occurred_at) FROM activities)
) AS as_of;
