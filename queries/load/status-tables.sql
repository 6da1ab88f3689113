-- status-tables: row counts and date ranges of the canonical tables.
-- params: none. output: table_name, rows, first, last (TIMESTAMP), date_column.
SELECT 'leads' AS table_name, count(*)::BIGINT AS rows, min(created_at) AS first, max(created_at) AS last, 'created_at' AS date_column FROM leads
UNION ALL
SELECT 'deals', count(*), min(coalesce(created_at, closed_at)), max(coalesce(created_at, closed_at)), 'created_at' FROM deals
UNION ALL
SELECT 'activities', count(*), min(occurred_at), max(occurred_at), 'occurred_at' FROM activities
UNION ALL
SELECT 'spend', count(*), min(period_start)::TIMESTAMP, max(period_end)::TIMESTAMP, 'period' FROM spend
UNION ALL
SELECT 'rejects', count(*), NULL, NULL, NULL FROM rejects;
