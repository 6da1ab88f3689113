-- spend-in-window: marketing spend that falls in a time window, each spend row prorated by
-- the share of its days (period_start..period_end inclusive) inside [from, to).
-- params: $from, $to (TIMESTAMP). Output: one row: spend (DOUBLE, 0 when none), rows (spend
-- rows overlapping the window).
SELECT coalesce(sum((amount * overlap_days / period_days)::DECIMAL(38, 6)), 0)::DOUBLE AS spend,
       count(*)::INTEGER AS rows
FROM (
  SELECT amount,
         (period_end - period_start + 1)::DOUBLE AS period_days,
         greatest(0, least(period_end + 1, $to::TIMESTAMP::DATE) - greatest(period_start, $from::TIMESTAMP::DATE))::DOUBLE AS overlap_days
  FROM spend
)
WHERE overlap_days > 0
