-- numeric-cuts: starting cut points of each numeric feature among training leads.
-- A spike at the minimum (typically 0 events), holding at least 1/$bins of the values, gets a
-- bin of its own; the values above it (or all values, without a spike) are split into $bins
-- equal-count groups (ntile) and each group's smallest value is a cut. Bins are [cut, next cut).
-- params: $bins INTEGER.
-- columns: feature, cut DOUBLE (distinct, ascending).
WITH v AS (
  SELECT f.feature, f.num
  FROM lead_features f JOIN fit_sample s ON s.lead_id = f.lead_id AND s.split = 'train'
  WHERE f.kind = 'numeric' AND f.num IS NOT NULL AND isfinite(f.num)
), lows AS (
  SELECT feature, min(num) AS lo, count(*) AS n FROM v GROUP BY feature
), spikes AS (
  SELECT v.feature, l.lo,
         count(*) FILTER (WHERE v.num = l.lo) >= l.n / $bins AS spiked
  FROM v JOIN lows l ON l.feature = v.feature
  GROUP BY v.feature, l.lo, l.n
), rest AS (
  SELECT v.feature, v.num,
         ntile($bins) OVER (PARTITION BY v.feature ORDER BY v.num) AS tile
  FROM v JOIN spikes s ON s.feature = v.feature
  WHERE NOT s.spiked OR v.num > s.lo
), cuts AS (
  SELECT feature, min(num) AS cut FROM rest GROUP BY feature, tile
)
SELECT DISTINCT feature, cut FROM cuts
ORDER BY feature, cut;
