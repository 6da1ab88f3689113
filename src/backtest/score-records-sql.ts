import { intentTimelineSql, type TimelineRule } from "../model/intent-timeline-sql.js";
import { isActivityRule, type Model } from "../model/model-file.js";

/**
 * The statement that builds `bt_record_new(lead_id, t, score_from, score)`: each lead's score
 * over time under `model`, kept as its records, the moments it sets a new high (DESIGN.md "Time
 * and honesty"). The creation is always a record (fit + count points, plus events at or before
 * it); then every later event time where the score beats every earlier moment.
 *
 * Why event times suffice: see {@link scoreLeads}. The score at each moment comes from
 * {@link intentTimelineSql}: every activity rule's decayed total from running sums in one window
 * over the lead's events, clamped to its cap, plus the fit and count points; a row at the
 * creation that matches no rule gives every lead its creation moment (events at or before it
 * are its peers and count there).
 *
 * params: `$intent_rules` [{rule_no, activity, …}] (flattenModel's JSON: activity names stay
 * bound). Reads bt_lead_base and, when `withEvents`, activities (only events up to
 * the lead's score_until, of leads with a creation time). `spanDays`: `score-span.sql`'s bound
 * (null: unknown), which lets the query skip epochs for the usual half-lives. The timeline is
 * keyed by the lead's row number in bt_lead_base (`lead_key`, INTEGER); `lead_id` is joined
 * back onto the records only.
 */
export function scoreRecordsSql(
  model: Model,
  withEvents: boolean,
  spanDays: number | null,
): string {
  return `-- score-records: each lead's score records under one model (src/backtest/score-records-sql.ts)
CREATE OR REPLACE TEMP TABLE bt_record_new AS
${scoreTimelineSql(model, withEvents, spanDays)}, highs AS (
  SELECT lead_key, t_eval AS t, total AS score,
         max(total) OVER (PARTITION BY lead_key ORDER BY t_eval
                          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS score_from
  FROM timeline
)
SELECT b.lead_id, h.t, h.score_from, h.score
FROM highs h
JOIN bt_lead_base b ON b.rowid = h.lead_key
WHERE h.score_from IS NULL OR h.score > h.score_from`;
}

/**
 * `WITH timeline_input AS (…), … timeline AS (…)`: every lead's score at its creation and at
 * every scored event time under `model` ({@link intentTimelineSql}), keyed by the lead's row
 * number in bt_lead_base (`lead_key`); the CTEs that {@link scoreRecordsSql} and
 * `scorePeaksSql` (`handoff score`) continue. Arguments as for scoreRecordsSql.
 */
export function scoreTimelineSql(
  model: Model,
  withEvents: boolean,
  spanDays: number | null,
): string {
  const rules: TimelineRule[] = [];
  if (withEvents)
    model.intent_rules.forEach((rule, ruleNo) => {
      if (!isActivityRule(rule)) return;
      rules.push({
        ruleNo,
        negative: rule.points < 0,
        cap: rule.cap ?? null,
        halfLifeDays: rule.half_life_days ?? null,
      });
    });
  // the lead's row number in bt_lead_base (rowid) keys the timeline: an INTEGER sorts and
  // partitions cheaper than the VARCHAR lead_id, which is joined back onto the records only
  const events =
    rules.length === 0
      ? ""
      : `
  UNION ALL
  SELECT b.rowid::INTEGER, r.rule_no, r.points, b.fit_points + b.count_points,
         a.occurred_at, greatest(a.occurred_at, b.created_at), b.score_until
  FROM bt_lead_base b
  JOIN activities a ON a.lead_id = b.lead_id AND a.occurred_at <= b.score_until
  JOIN (SELECT unnest(from_json($intent_rules, '[{"rule_no":"INTEGER","activity":"VARCHAR","points":"DOUBLE"}]'), recursive := true)) r
    ON r.activity = a.type
  WHERE b.created_at IS NOT NULL`;
  return `WITH timeline_input AS (
  SELECT rowid::INTEGER AS lead_key, NULL::INTEGER AS rule_no, 0::DOUBLE AS w,
         fit_points + count_points AS base, created_at AS t, created_at AS t_eval, score_until AS t_end
  FROM bt_lead_base${events}
), ${intentTimelineSql(rules, spanDays)}`;
}
