import { scoreLeadsStored } from "../backtest/score-leads-stored.js";
import type { Config } from "../config/schema.js";
import { type Db, quoteIdent, sqlNumber } from "../db/index.js";
import { isActivityRule, type Model } from "../model/model-file.js";
import type { ScoreSampleOptions, ScoreSampleRow } from "./score-sample.js";

/** The model key scoreLeads is called with (its rows go to the stored tables, not under it). */
const FIT_MODEL_KEY = "fit";

export interface ScoreSampleFromRecordsOptions extends ScoreSampleOptions {
  /** The backtest's population settings, so its later run finds the same population. */
  until: Config["backtest"]["score_until"];
  asOf: Date | null;
}

export interface ScoreSampleFromRecordsResult {
  /** The sample's scores (scoreSample's rows); null when they cannot come from the records. */
  rows: ScoreSampleRow[] | null;
  /** Why not, when rows is null. */
  reason: string | null;
  /** The records were found stored (an earlier fit of the same model), not computed. */
  reused: boolean;
}

/**
 * The fit's sample scores from ONE timeline: score the backtest's population (every labelled
 * lead, population-from-labels with the backtest's own settings) under `model`, the model the
 * fit writes, with the backtest's engine (scoreLeadsStored: the records are stored under the
 * model's scoring content, population, data and code, so `handoff backtest` of the written file
 * reuses them instead of replaying 20M events again), then read every fit_sample lead's peak up
 * to its decision time off its records (sample-record-peaks.sql).
 *
 * That equals {@link scoreSample} (the fit's own bins and rules, a timeline ending at the
 * decision time) when the model file carries the same rules and every sample lead's
 * time-independent points agree; both are checked, and rows is null (the caller scores the
 * sample the old way) when they do not:
 * - in JS: the model's activity rules are the fit's intent rules (activity, points, cap,
 *   half-life), its count rules the fit's count columns;
 * - in SQL ({@link sampleBaseCheckSql}): every sample lead is scored, its fit + count points from the
 *   bins equal the model's, and its timeline covers creation to decision time.
 * The activity totals are the same running sums, evaluated at the same moments; they differ
 * only in the base time the sums are scaled to (the decision time here, the end of the scoring
 * window there): noise of ~1e-16 relative before the 1e-10 rounding of intentTimelineSql, so a
 * score to 0.01 can only differ when it lies within ~1e-10 of a half-cent.
 */
export async function scoreSampleFromRecords(
  db: Db,
  model: Model,
  options: ScoreSampleFromRecordsOptions,
): Promise<ScoreSampleFromRecordsResult> {
  const mismatch = rulesMismatch(model, options);
  if (mismatch !== null) return { rows: null, reason: mismatch, reused: false };
  await db.exec("backtest/population-from-labels", {
    until: options.until,
    as_of: options.asOf?.toISOString() ?? null,
  });
  const { reused } = await scoreLeadsStored(db, model, FIT_MODEL_KEY, { store: true });
  const wide = new Set((await db.tableColumns("lead_bins_wide")).map((c) => c.name));
  const numeric = new Set(
    (await db.tableColumns("lead_features")).filter((c) => c.type === "DOUBLE").map((c) => c.name),
  );
  const [check] = await db.all<{
    leads: number;
    unscored: number;
    base_differs: number;
    window_differs: number;
  }>(sampleBaseCheckSql(options, wide, numeric));
  const differs =
    check === undefined
      ? "no check"
      : check.unscored > 0
        ? `${check.unscored} sample leads not in the backtest population`
        : check.base_differs > 0
          ? `${check.base_differs} sample leads score other fit or count points under the model file than under the fit's bins`
          : check.window_differs > 0
            ? `${check.window_differs} sample leads decide before their creation or after the backtest's scoring end`
            : null;
  if (differs !== null) return { rows: null, reason: differs, reused };
  const rows = await db.query<ScoreSampleRow>("features/sample-record-peaks");
  return { rows, reason: null, reused };
}

/** Why the model's intent and count rules are not the fit's (null: they are). */
function rulesMismatch(model: Model, options: ScoreSampleOptions): string | null {
  const fitActivities = options.intentPoints
    .filter((p) => p.feature.startsWith("intent."))
    .map((p) => ({
      activity: p.feature.slice("intent.".length),
      points: p.points,
      cap: p.cap,
      half_life_days: options.halfLifeDays,
    }));
  const fitCounts = options.intentPoints
    .filter((p) => !p.feature.startsWith("intent."))
    .map((p) => ({ count_column: p.feature, points: p.points, cap: p.cap }));
  const modelActivities = model.intent_rules.filter(isActivityRule).map((r) => ({
    activity: r.activity,
    points: r.points,
    cap: r.cap ?? null,
    half_life_days: r.half_life_days ?? null,
  }));
  const modelCounts = model.intent_rules.flatMap((r) =>
    isActivityRule(r)
      ? []
      : [{ count_column: r.count_column, points: r.points, cap: r.cap ?? null }],
  );
  if (JSON.stringify(modelActivities) !== JSON.stringify(fitActivities))
    return "the model file's activity rules are not the fit's (points, cap or half-life)";
  if (JSON.stringify(modelCounts) !== JSON.stringify(fitCounts))
    return "the model file's count rules are not the fit's";
  return null;
}

/**
 * sample-base-check: whether every fit_sample lead's peak can be read off the stored records of
 * the model the fit writes (stored_lead_score / stored_score_record). It can when, for every
 * sample lead with an outcome:
 *   unscored = 0: the lead was scored (it is in the backtest population);
 *   base_differs = 0: its time-independent points from the fit's own bins equal the model
 *     file's applied to the lead's values (stored fit_points + count_points): rounding,
 *     derived fields, reserved category names or count values that do not survive the trip
 *     through the model file show up here;
 *   window_differs = 0: its timeline starts no later than its decision time and was scored at
 *     least up to it (the records up to decision_at then hold its peak up to decision_at).
 * The fit's points are {@link scoreSample}'s (its fit_points and count_points over the long
 * view lead_bins), read off the wide tables in one pass: per feature column of lead_bins_wide,
 * a CASE from its bin to the bin's points; per count column, sign(p) · min(|p| · value, cap)
 * with the finite value of the numeric column of lead_features (0 when missing; features that
 * are not columns of lead_bins_wide add nothing, as they have no rows in lead_bins). Bins and
 * points are validated numbers written as literals ({@link sqlNumber}); names are quoted.
 * Reads fit_sample, lead_labels, lead_bins_wide, lead_features, stored_lead_score.
 * Output: one row, leads, unscored, base_differs, window_differs (BIGINT).
 */
export function sampleBaseCheckSql(
  rules: Pick<ScoreSampleOptions, "binPoints" | "intentPoints">,
  wideColumns: ReadonlySet<string>,
  numericColumns: ReadonlySet<string>,
): string {
  const terms: string[] = [];
  const byFeature = new Map<string, { bin: number; points: number }[]>();
  for (const b of rules.binPoints) {
    if (!Number.isSafeInteger(b.bin)) throw new Error(`sampleBaseCheckSql: bin ${b.bin}`);
    if (!wideColumns.has(b.feature)) continue;
    byFeature.set(b.feature, [...(byFeature.get(b.feature) ?? []), b]);
  }
  for (const [feature, bins] of byFeature) {
    // a bin listed twice adds twice, as the join in scoreSample does
    const whens = bins.map((b) => `WHEN ${b.bin} THEN ${sqlNumber(b.points)}`);
    terms.push(
      bins.length === new Set(bins.map((b) => b.bin)).size
        ? `coalesce(CASE b.${quoteIdent(feature)} ${whens.join(" ")} END, 0)`
        : bins
            .map(
              (b) =>
                `CASE WHEN b.${quoteIdent(feature)} = ${b.bin} THEN ${sqlNumber(b.points)} ELSE 0 END`,
            )
            .join(" + "),
    );
  }
  for (const p of rules.intentPoints) {
    if (p.feature.startsWith("intent.") || !wideColumns.has(p.feature)) continue;
    const value = numericColumns.has(p.feature)
      ? `coalesce(CASE WHEN isfinite(f.${quoteIdent(p.feature)}) THEN f.${quoteIdent(p.feature)} END, 0)`
      : "0";
    const cap = p.cap === null ? "'infinity'::DOUBLE" : sqlNumber(p.cap);
    terms.push(
      `sign(${sqlNumber(p.points)}) * least(abs(${sqlNumber(p.points)}) * ${value}, ${cap})`,
    );
  }
  const base = terms.length === 0 ? "0::DOUBLE" : terms.join("\n           + ");
  return `-- sample-base-check: can the fit's sample peaks come from the stored records? (src/features/score-sample-from-records.ts)
WITH fit_base AS (
  SELECT b.lead_id,
         ${base} AS pts
  FROM lead_bins_wide b JOIN lead_features f ON f.lead_id = b.lead_id
)
SELECT count(*)::BIGINT AS leads,
       count(*) FILTER (WHERE sc.lead_id IS NULL)::BIGINT AS unscored,
       count(*) FILTER (WHERE coalesce(fb.pts, 0)
                              IS DISTINCT FROM sc.fit_points + sc.count_points)::BIGINT AS base_differs,
       count(*) FILTER (WHERE l.created_at IS NOT NULL
                          AND (l.decision_at IS NULL OR l.decision_at < l.created_at
                               OR sc.score_until IS NULL OR sc.score_until < l.decision_at))::BIGINT AS window_differs
FROM fit_sample s
JOIN lead_labels l ON l.lead_id = s.lead_id
LEFT JOIN fit_base fb ON fb.lead_id = s.lead_id
LEFT JOIN stored_lead_score sc ON sc.lead_id = s.lead_id
WHERE s.y IS NOT NULL`;
}
