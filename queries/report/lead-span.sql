-- lead-span: how many leads are loaded and the creation dates they span, for a report's model card.
-- params: none.
-- Output columns: leads INTEGER, first_created TIMESTAMP (NULL without dates), last_created TIMESTAMP
SELECT count(*)::INTEGER AS leads, min(created_at) AS first_created, max(created_at) AS last_created
FROM leads
