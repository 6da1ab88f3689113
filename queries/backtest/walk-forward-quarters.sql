-- walk-forward-quarters: the calendar quarters leads were created in, numbered, for
-- walk-forward validation (each quarter after the first is one split).
-- params: none. Reads lead_labels.
-- Output: TEMP TABLE bt_wf_quarter(k, start, end, quarter, leads): k = 0, 1, … in order;
--   start = first instant of the quarter (TIMESTAMP), end = first instant of the next,
--   quarter = '2026Q3', leads = leads created in it.
CREATE OR REPLACE TEMP TABLE bt_wf_quarter AS
SELECT (row_number() OVER (ORDER BY start) - 1)::INTEGER AS k, start, "end", quarter, leads
FROM (
  SELECT date_trunc('quarter', created_at)::TIMESTAMP AS start,
         (date_trunc('quarter', created_at) + INTERVAL 3 MONTH)::TIMESTAMP AS "end",
         strftime(date_trunc('quarter', created_at), '%Y') || 'Q'
           || CAST(quarter(date_trunc('quarter', created_at)) AS VARCHAR) AS quarter,
         count(*)::INTEGER AS leads
  FROM lead_labels
  WHERE created_at IS NOT NULL
  GROUP BY ALL
)
