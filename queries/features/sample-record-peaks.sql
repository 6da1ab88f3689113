-- sample-record-peaks: every fit_sample lead's peak score up to its decision time, read off the
-- model's score records (the moments the score sets a new high, stored_score_record):
-- the highest record at or before decision_at, or the creation record (score_from NULL; its t
-- is NULL for leads without dates). Records only rise, so that is the lead's last record with
-- t <= decision_at: the same peak score-sample.ts computes with a timeline of its own, when
-- sample-base-check (sampleBaseCheckSql) finds nothing that differs. Grouped like score-sample.ts's rows.
-- params: none. Reads fit_sample, lead_labels, stored_score_record.
-- Output: split, score (rounded to 0.01), events, non_events; ordered by split, score.
WITH peaks AS (
  SELECT s.split, s.y, max(r.score) AS peak
  FROM fit_sample s
  JOIN lead_labels l ON l.lead_id = s.lead_id
  JOIN stored_score_record r ON r.lead_id = s.lead_id
  WHERE s.y IS NOT NULL AND (r.score_from IS NULL OR r.t <= l.decision_at)
  GROUP BY s.lead_id, s.split, s.y
)
SELECT split, round(peak, 2) AS score,
       count(*) FILTER (WHERE y)::INTEGER AS events,
       count(*) FILTER (WHERE NOT y)::INTEGER AS non_events
FROM peaks
GROUP BY split, round(peak, 2)
ORDER BY split, score
