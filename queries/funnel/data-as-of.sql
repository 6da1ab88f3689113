-- data-as-of: the data's own "today" when windows.as_of is not configured: the latest
-- timestamp anywhere in the loaded exports (lead lifecycle dates, deal dates, activities).
-- params: none.
-- Output (one row): as_of TIMESTAMP (NULL when the data has no timestamps at all)
SELECT greatest(
  (SELECT max(greatest(created_at, mql_at, sql_at, opportunity_at, customer_at, disqualified_at, first_touch_at)) FROM leads),
  (SELECT max(greatest(created_at, closed_at)) FROM deals),
  (SELECT max(occurred_at) FROM activities)
) AS as_of;
