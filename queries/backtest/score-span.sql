-- score-span: an upper bound, in days, on how long before its lead's score_until any moment of a
-- lead's timeline lies (its creation, or an activity, which may predate the creation): the
-- latest score_until minus the earliest creation or activity. The scoring query needs epochs
-- (src/model/intent-timeline-sql.ts) only when this reaches 512 of the model's shortest
-- half-lives; a bound over all activities, not only the scored ones, keeps it one cheap scan.
-- params: none. Reads bt_lead_base, activities.
-- Output: one row, span_days DOUBLE (NULL when no lead has dates).
SELECT (epoch_us(max(score_until))
        - epoch_us(least(min(created_at), (SELECT min(occurred_at) FROM activities)))) / 86400e6 AS span_days
FROM bt_lead_base
