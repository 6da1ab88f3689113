import type { Db } from "../db/index.js";
import { intentTimelineSql, type TimelineRule } from "../model/intent-timeline-sql.js";

/** Features named `intent.<activity type>` are activity rules; others are count columns. */
const INTENT_PREFIX = "intent.";

export interface ScoreSampleOptions {
  /** Points of each fit feature's bins. */
  binPoints: { feature: string; bin: number; points: number }[];
  /** Points per event (or per unit of a count column) and cap (null: uncapped). */
  intentPoints: { feature: string; points: number; cap: number | null }[];
  /** Days after which an event's points have halved (every activity rule). */
  halfLifeDays: number;
}

export interface ScoreSampleRow {
  split: string;
  /** Score rounded to 0.01. */
  score: number;
  events: number;
  non_events: number;
}

/**
 * Every `fit_sample` lead's scorecard score, grouped by split and score, the way backtest
 * applies a model: the highest score the lead reaches from its creation up to its decision time
 * (a lead becomes an MQL the first time its score reaches the threshold).
 *   fit points: the points of the lead's bin of each fit feature (constant);
 *   count rules (flat exports): sign(points) · min(|points| · count, cap) (constant);
 *   activity rules: at every event time τ (events before creation are first evaluated at
 *   creation), min(cap, Σ points · 0.5^((τ − t)/half-life) over the rule's events t ≤ τ);
 *   the score's peak is at creation or at an event time (docs/backtest.md), so the maximum over
 *   those moments is the peak.
 * The activity totals at every event time come from {@link intentTimelineSql} (running sums in
 * one window per lead, a column per rule), generated for these rules.
 *
 * Reads fit_sample, lead_labels, lead_bins, activities. Rows ordered by split, score.
 */
export async function scoreSample(db: Db, options: ScoreSampleOptions): Promise<ScoreSampleRow[]> {
  const intent = options.intentPoints
    .filter((p) => p.feature.startsWith(INTENT_PREFIX))
    .map((p, ruleNo) => ({ ...p, ruleNo, activity: p.feature.slice(INTENT_PREFIX.length) }));
  const rules: TimelineRule[] = intent.map((p) => ({
    ruleNo: p.ruleNo,
    negative: p.points < 0,
    cap: p.cap,
    halfLifeDays: options.halfLifeDays,
  }));
  const span =
    rules.length === 0
      ? null
      : ((await db.query<{ span_days: number | null }>("features/sample-span"))[0]?.span_days ??
        null);
  const intentPeak =
    rules.length === 0
      ? `intent_peak AS (SELECT NULL::VARCHAR AS lead_id, NULL::DOUBLE AS pts WHERE false)`
      : `timeline_input AS (
  SELECT s.lead_id AS lead_key, r.rule_no, r.points AS w, 0::DOUBLE AS base, a.occurred_at AS t,
         greatest(a.occurred_at, l.created_at) AS t_eval, l.decision_at AS t_end
  FROM fit_sample s
  JOIN lead_labels l ON l.lead_id = s.lead_id
  JOIN activities a ON a.lead_id = s.lead_id AND a.occurred_at <= l.decision_at
  JOIN (SELECT unnest(from_json($intent_rules, '[{"rule_no":"INTEGER","activity":"VARCHAR","points":"DOUBLE"}]'), recursive := true)) r
    ON r.activity = a.type
  WHERE l.created_at IS NOT NULL AND s.y IS NOT NULL
), ${intentTimelineSql(rules, span)}, intent_peak AS (
  SELECT lead_key AS lead_id, max(total) AS pts FROM timeline GROUP BY lead_key
)`;
  const sql = `-- score-sample: every fit_sample lead's peak score, grouped by split and score (src/features/score-sample.ts)
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
), ${intentPeak}, scores AS (
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
ORDER BY split, score`;
  return db.all<ScoreSampleRow>(sql, {
    bin_points: JSON.stringify(options.binPoints),
    intent_points: JSON.stringify(options.intentPoints),
    intent_rules: JSON.stringify(
      intent.map((p) => ({ rule_no: p.ruleNo, activity: p.activity, points: p.points })),
    ),
  });
}
