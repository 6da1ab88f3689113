-- quarters: the calendar quarters leads were created in, for walk-forward validation.
-- params: none. Reads lead_labels. Output: start (TIMESTAMP, first instant of the quarter),
-- end (first instant of the next), quarter ('2026Q3'), leads.
SELECT date_trunc('quarter', created_at)::TIMESTAMP AS start,
       (date_trunc('quarter', created_at) + INTERVAL 3 MONTH)::TIMESTAMP AS "end",
       strftime(date_trunc('quarter', created_at), '%Y') || 'Q'
         || CAST(quarter(date_trunc('quarter', created_at)) AS VARCHAR) AS quarter,
       count(*)::INTEGER AS leads
FROM lead_labels
WHERE created_at IS NOT NULL
GROUP BY ALL
ORDER BY start
