-- walk-forward-sweep: every walk-forward split's training sweep and evaluation sweep in ONE
-- pass, with the same counts as sweep-leads.sql + sweep.sql would give split by split.
-- Split k (k >= 1 in bt_wf_quarter, start S_k):
--   train  leads created before S_k and scored by then (coalesce(score_until, decision_at)
--          <= S_k), outcomes as known at S_k: mature iff decision_at + $maturity_days <= S_k,
--          SQL iff sql_at < S_k, won iff won_at < S_k (sweep-leads.sql with $censor_at = S_k);
--   eval   leads created in the quarter [S_k, end_k), outcomes as labelled now.
-- Every one of those conditions only switches on as S_k grows, so each lead gets the first
-- split index at which it enters training and at which it counts as mature, SQL and won (ASOF
-- lookups into the handful of split starts); leads are then grouped by those indices and their
-- threshold bucket (arithmetic on the regular grid, as in sweep.sql), and only those groups are
-- repeated over the splits they train in: no per-split scan of the scored leads. Amounts are
-- summed as DECIMAL(38, 6) as in sweep.sql (exact, so equal revenues tie exactly).
-- params: $model (model key in bt_lead_score), $maturity_days DOUBLE, $from, $to, $step
--   (INTEGER grid from:to:step, no extra threshold).
-- Reads bt_lead_score, lead_labels, bt_wf_quarter (walk-forward-quarters.sql).
-- Output, one row per (role, k, threshold), ordered by role, k, threshold: role ('train' |
--   'eval'), k, threshold, mql, mql_mature, mql_immature, mql_observed, mql_sql, mql_won,
--   won_amount, mql_unobserved, leads, leads_mature, won_total, won_amount_total (as sweep.sql),
--   first_day, last_day (DATE: creation window of the split's leads, as sweep-span.sql; NULL
--   when it has none).
WITH split AS (
  SELECT k, start, epoch(start) AS start_epoch FROM bt_wf_quarter WHERE k >= 1
), scored AS (
  SELECT l.created_at,
         CASE WHEN s.gates_pass THEN s.peak END AS peak,
         coalesce(s.score_until, l.decision_at) AS scored_by,
         CASE WHEN coalesce(l.mature, false)
              THEN epoch(l.decision_at) + $maturity_days * 86400 END AS mature_epoch,
         coalesce(l.mature, false) AS mature_now,
         l.sql IS NOT NULL AS observed,
         coalesce(l.sql, false) AND l.sql IS NOT NULL AS sql_now,
         CASE WHEN coalesce(l.sql, false) THEN l.sql_at END AS sql_at,
         coalesce(l.won, false) AS won_now,
         CASE WHEN coalesce(l.won, false) THEN l.won_at END AS won_at,
         CASE WHEN coalesce(l.won, false) THEN coalesce(l.won_amount, 0) ELSE 0 END AS amount
  FROM bt_lead_score s
  JOIN lead_labels l USING (lead_id)
  WHERE s.model_key = $model AND l.created_at IS NOT NULL
), indexed AS (
  -- first split whose start is after creation / at or after scoring ended / at or after
  -- maturity / after the SQL / after the win (NULL: no such split)
  SELECT sc.*, c.k AS created_k, b.k AS scored_k, m.k AS mature_k, q.k AS sql_k, w.k AS won_k
  FROM scored sc
  ASOF LEFT JOIN split c ON sc.created_at < c.start
  ASOF LEFT JOIN split b ON sc.scored_by <= b.start
  ASOF LEFT JOIN split m ON sc.mature_epoch <= m.start_epoch
  ASOF LEFT JOIN split q ON sc.sql_at < q.start
  ASOF LEFT JOIN split w ON sc.won_at < w.start
), cells AS (
  SELECT CASE WHEN created_k IS NOT NULL AND scored_k IS NOT NULL
              THEN greatest(created_k, scored_k) END AS train_k,
         date_trunc('quarter', created_at)::TIMESTAMP AS quarter_start,
         CASE WHEN peak >= $from
              THEN $from + $step * least(floor((peak - $from) / $step), floor(($to - $from) / $step))
         END AS bucket,
         mature_k, sql_k, won_k, mature_now, observed, sql_now, won_now,
         count(*) AS n, sum(amount::DECIMAL(38, 6)) AS amount,
         min(created_at) AS first_at, max(created_at) AS last_at
  FROM indexed
  GROUP BY ALL
), members AS (
  SELECT 'train' AS role, s.k, c.bucket, c.n, c.amount, c.first_at, c.last_at,
         coalesce(c.mature_k <= s.k, false) AS mature,
         c.observed,
         coalesce(c.sql_k <= s.k, false) AND c.observed AS sql,
         coalesce(c.won_k <= s.k, false) AS won
  FROM cells c JOIN split s ON c.train_k <= s.k
  UNION ALL
  SELECT 'eval' AS role, q.k, c.bucket, c.n, c.amount, c.first_at, c.last_at,
         c.mature_now, c.observed, c.sql_now, c.won_now
  FROM cells c JOIN bt_wf_quarter q ON q.start = c.quarter_start AND q.k >= 1
), buckets AS (
  SELECT role, k, bucket AS threshold,
         sum(n) AS mql,
         sum(n) FILTER (WHERE mature) AS mql_mature,
         sum(n) FILTER (WHERE mature AND observed) AS mql_observed,
         sum(n) FILTER (WHERE mature AND sql) AS mql_sql,
         sum(n) FILTER (WHERE mature AND won) AS mql_won,
         sum(amount) FILTER (WHERE mature AND won) AS won_amount,
         sum(n) FILTER (WHERE NOT observed) AS mql_unobserved
  FROM members
  WHERE bucket IS NOT NULL
  GROUP BY ALL
), totals AS (
  SELECT role, k,
         sum(n)::INTEGER AS leads,
         (coalesce(sum(n) FILTER (WHERE mature), 0))::INTEGER AS leads_mature,
         (coalesce(sum(n) FILTER (WHERE mature AND won), 0))::INTEGER AS won_total,
         coalesce(sum(amount) FILTER (WHERE mature AND won), 0)::DOUBLE AS won_amount_total,
         min(first_at)::DATE AS first_day,
         max(last_at)::DATE AS last_day
  FROM members
  GROUP BY ALL
), grid AS (
  SELECT r.role, s.k, g.generate_series::INTEGER AS threshold
  FROM (VALUES ('train'), ('eval')) r(role)
  CROSS JOIN split s
  CROSS JOIN generate_series($from::BIGINT, $to::BIGINT, $step::BIGINT) g
), cumulative AS (
  SELECT g.role, g.k, g.threshold,
         sum(b.mql) OVER top AS mql,
         sum(b.mql_mature) OVER top AS mql_mature,
         sum(b.mql_observed) OVER top AS mql_observed,
         sum(b.mql_sql) OVER top AS mql_sql,
         sum(b.mql_won) OVER top AS mql_won,
         sum(b.won_amount) OVER top AS won_amount,
         sum(b.mql_unobserved) OVER top AS mql_unobserved
  FROM grid g LEFT JOIN buckets b USING (role, k, threshold)
  WINDOW top AS (PARTITION BY g.role, g.k ORDER BY g.threshold DESC
                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
SELECT c.role, c.k, c.threshold,
       coalesce(c.mql, 0)::INTEGER AS mql,
       coalesce(c.mql_mature, 0)::INTEGER AS mql_mature,
       (coalesce(c.mql, 0) - coalesce(c.mql_mature, 0))::INTEGER AS mql_immature,
       coalesce(c.mql_observed, 0)::INTEGER AS mql_observed,
       coalesce(c.mql_sql, 0)::INTEGER AS mql_sql,
       coalesce(c.mql_won, 0)::INTEGER AS mql_won,
       coalesce(c.won_amount, 0)::DOUBLE AS won_amount,
       coalesce(c.mql_unobserved, 0)::INTEGER AS mql_unobserved,
       coalesce(t.leads, 0) AS leads,
       coalesce(t.leads_mature, 0) AS leads_mature,
       coalesce(t.won_total, 0) AS won_total,
       coalesce(t.won_amount_total, 0)::DOUBLE AS won_amount_total,
       t.first_day, t.last_day
FROM cumulative c LEFT JOIN totals t USING (role, k)
ORDER BY c.role, c.k, c.threshold
