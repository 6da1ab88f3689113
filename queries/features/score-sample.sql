-- score-sample: every fit_sample lead's scorecard score, grouped by split and score, the way
-- backtest applies a model: the highest score the lead reaches from its creation up to its
-- decision time (a lead becomes an MQL the first time its score reaches the threshold).
--   fit points: the points of the lead's bin of each fit feature (constant);
--   count rules (flat exports): sign(points) * least(|points| * count, cap) (constant);
--   activity rules: at every event time tau (events before creation are first evaluated at
--   creation), min(cap, Σ points * 0.5^((tau - t) / half_life) over the rule's events t <= tau);
--   the score's peak is at creation or at an event time (docs/backtest.md), so the maximum
--   over those moments is the peak.
-- params: $bin_points VARCHAR, JSON [{feature, bin, points}] (fit features);
--   $intent_points VARCHAR, JSON [{feature, points, cap}] (cap NULL: uncapped); features named
--   'intent.<type>' are activity rules, others count columns; $half_life DOUBLE (days).
-- columns: split, score DOUBLE (rounded to 0.01), events, non_events.
WITH bp AS (
  SELECT unnest(from_json($bin_points, '[{"feature":"VARCHAR","bin":"INTEGER","points":"DOUBLE"}]'), recursive := true)
), ip AS (
  SELECT unnest(from_json($intent_points, '[{"feature":"VARCHAR","points":"DOUBLE","cap":"DOUBLE"}]'), recursive := true)
), fit_points AS (
  SELECT b.lead_id, sum(bp.points) AS pts
  FROM lead_bins b JOIN bp ON bp.feature = b.feature AND bp.bin = b.bin
  GROUP BY b.lead_id
), count_points AS (
  SELECT b.lead_id,
         sum(sign(ip.points) * least(abs(ip.points) * coalesce(b.num, 0), coalesce(ip.cap, 'infinity'::DOUBLE))) AS pts
  FROM lead_bins b JOIN ip ON ip.feature = b.feature
  WHERE NOT starts_with(ip.feature, 'intent.')
  GROUP BY b.lead_id
), rules AS (
  SELECT substr(feature, 8) AS type, points, cap FROM ip WHERE starts_with(feature, 'intent.')
), ev AS (
  SELECT s.lead_id, a.type, a.occurred_at AS t, r.points, r.cap, l.created_at
  FROM fit_sample s
  JOIN lead_labels l ON l.lead_id = s.lead_id
  JOIN activities a ON a.lead_id = s.lead_id AND a.occurred_at <= l.decision_at
  JOIN rules r ON r.type = a.type
  WHERE l.created_at IS NOT NULL
), epochs AS (
  -- the rule's decayed total at each of its events, with window sums as in
  -- queries/backtest/rule-events.sql: S(t_k) = 2^(-u_k) * sum_{j <= k} p * 2^(u_j), u in
  -- half-lives since creation, split into epochs of 512 half-lives so 2^u never overflows
  SELECT *, epoch(t - created_at) / 86400.0 / $half_life AS u,
         floor(epoch(t - created_at) / 86400.0 / $half_life / 512) AS e
  FROM ev
), running AS (
  SELECT *, sum(points * pow(2, u - 512 * e)) OVER (PARTITION BY lead_id, type, e ORDER BY t) AS acc
  FROM epochs
), epoch_totals AS (
  SELECT lead_id, type, e, sum(points * pow(2, u - 512 * e)) AS total FROM epochs GROUP BY ALL
), rule_event AS (
  SELECT r.lead_id, r.type, r.t, r.cap,
         r.acc * pow(2, 512 * r.e - r.u) + coalesce(pt.total * pow(2, 512 * (r.e - 1) - r.u), 0) AS s
  FROM running r
  LEFT JOIN epoch_totals pt ON pt.lead_id = r.lead_id AND pt.type = r.type AND pt.e = r.e - 1
), moments AS (
  SELECT DISTINCT lead_id, greatest(t, created_at) AS tau FROM ev
), lead_types AS (
  SELECT DISTINCT lead_id, type FROM ev
), rule_at AS (
  -- each rule's capped total at each moment, decayed from its latest event at or before it:
  -- one ASOF lookup per moment and rule (linear in events; a self-join of every moment with
  -- every earlier event was quadratic in a lead's event count)
  SELECT pr.lead_id, pr.tau,
         least(re.cap, re.s * pow(0.5, epoch(pr.tau - re.t) / 86400.0 / $half_life)) AS pts
  FROM (SELECT m.lead_id, m.tau, lt.type FROM moments m JOIN lead_types lt USING (lead_id)) pr
  ASOF JOIN rule_event re ON pr.lead_id = re.lead_id AND pr.type = re.type AND pr.tau >= re.t
), intent_peak AS (
  SELECT lead_id, max(pts) AS pts
  FROM (SELECT lead_id, tau, sum(pts) AS pts FROM rule_at GROUP BY lead_id, tau)
  GROUP BY lead_id
), scores AS (
  SELECT s.split, s.y,
         round(coalesce(f.pts, 0) + coalesce(c.pts, 0) + greatest(coalesce(i.pts, 0), 0), 2) AS score
  FROM fit_sample s
  LEFT JOIN fit_points f ON f.lead_id = s.lead_id
  LEFT JOIN count_points c ON c.lead_id = s.lead_id
  LEFT JOIN intent_peak i ON i.lead_id = s.lead_id
  WHERE s.y IS NOT NULL
)
SELECT split, score,
       count(*) FILTER (WHERE y)::INTEGER AS events,
       count(*) FILTER (WHERE NOT y)::INTEGER AS non_events
FROM scores
GROUP BY split, score
ORDER BY split, score;
