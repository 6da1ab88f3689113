-- source-spellings: every distinct source / channel value in leads and spend, with a match key
-- that ignores case and punctuation, so that spellings of one channel the mapping
-- (values.sources) did not merge ("Paid Search" vs "paid_search") can be reported.
-- params: none.
-- Output columns: origin ('leads' | 'spend'), source (as stored, normalised by the loader),
--   source_raw (as exported), match_key (lower-case letters and digits only), rows
SELECT
  origin, source, source_raw,
  regexp_replace(lower(source), '[^a-z0-9]+', '', 'g') AS match_key,
  count(*)::INTEGER AS rows
FROM (
  SELECT 'leads' AS origin, source, source_raw FROM leads WHERE source IS NOT NULL
  UNION ALL
  SELECT 'spend' AS origin, source, source_raw FROM spend
)
GROUP BY ALL
ORDER BY match_key, source, origin, source_raw;
