-- sweep-span: the creation window of the current sweep's leads (bt_sweep_lead).
-- params: none. Output: one row: leads, first_day (DATE of the first creation), last_day
-- (DATE of the last), both NULL without dates.
SELECT count(*)::INTEGER AS leads,
       min(created_at)::DATE AS first_day,
       max(created_at)::DATE AS last_day
FROM bt_sweep_lead
