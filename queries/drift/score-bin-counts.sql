-- score-bin-counts: the score distribution of two periods over the same bins, for PSI. Each
-- lead's score is its highest score by its decision time under the model (bt_lead_score under
-- $model, scored with population-from-labels until 'decision': the score the fit's metrics
-- judge). Bins: the deciles of the 'from' period's scores (distinct cut points, so ties do not
-- make empty bins): bin k holds scores in [cut_k, cut_{k+1}), the first bin is open below and
-- the last open above.
-- params: $from, $to (periods), $model (model key in bt_lead_score).
-- Reads bt_lead_score, lead_labels.
-- columns: bin INTEGER (1 = lowest), lo DOUBLE (NULL = open), hi DOUBLE (NULL = open),
--   period ('from' | 'to'), leads, mature, won (INTEGER).
WITH scored AS (
  SELECT CASE l.period WHEN $from THEN 'from' ELSE 'to' END AS side, s.peak, l.mature, l.won
  FROM bt_lead_score s JOIN lead_labels l ON l.lead_id = s.lead_id
  WHERE s.model_key = $model AND l.period IN ($from, $to)
), cuts AS (
  SELECT DISTINCT unnest(quantile_disc(peak, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])) AS cut
  FROM scored WHERE side = 'from'
), bins AS (
  SELECT row_number() OVER (ORDER BY lo NULLS FIRST)::INTEGER AS bin, lo, hi
  FROM (
    SELECT NULL::DOUBLE AS lo, min(cut) AS hi FROM cuts
    UNION ALL
    SELECT cut AS lo, lead(cut) OVER (ORDER BY cut) AS hi FROM cuts
  )
), sides AS (
  SELECT 'from' AS period UNION ALL SELECT 'to'
)
SELECT b.bin, b.lo, b.hi, sd.period,
       count(s.side)::INTEGER AS leads,
       (count(*) FILTER (WHERE s.mature))::INTEGER AS mature,
       (count(*) FILTER (WHERE s.mature AND s.won))::INTEGER AS won
FROM bins b
CROSS JOIN sides sd
LEFT JOIN scored s
  ON s.side = sd.period
 AND (b.lo IS NULL OR s.peak >= b.lo) AND (b.hi IS NULL OR s.peak < b.hi)
GROUP BY b.bin, b.lo, b.hi, sd.period
ORDER BY b.bin, sd.period
