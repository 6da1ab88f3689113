-- sample-span: an upper bound, in days, on how long before its lead's decision time any moment
-- of a fit_sample lead's timeline lies: the latest decision time minus the earliest creation or
-- activity (over all labelled leads and activities: one cheap scan, a looser bound). The
-- scoring query needs epochs (src/model/intent-timeline-sql.ts) only when this reaches 512
-- half-lives.
-- params: none. Reads lead_labels, activities.
-- Output: one row, span_days DOUBLE (NULL when no lead has dates).
SELECT (epoch_us(max(decision_at))
        - epoch_us(least(min(created_at), (SELECT min(occurred_at) FROM activities)))) / 86400e6 AS span_days
FROM lead_labels
