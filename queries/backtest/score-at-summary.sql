-- score-at-summary: `handoff score`'s headline counts over bt_score_at.
-- params: $threshold (DOUBLE), $near_points (DOUBLE: how close to the line counts as near).
-- Reads bt_score_at.
-- Output: one row: leads, mqls, near_line (non-MQLs that pass every gate, within $near_points
--   of the line), blocked_by_gates (fail a gate though their peak reached the line).
SELECT count(*)::INTEGER AS leads,
       count(*) FILTER (WHERE mql)::INTEGER AS mqls,
       count(*) FILTER (WHERE NOT mql AND gates_pass AND coalesce(points_short, 0) <= $near_points)::INTEGER AS near_line,
       count(*) FILTER (WHERE NOT gates_pass AND peak >= $threshold)::INTEGER AS blocked_by_gates
FROM bt_score_at
