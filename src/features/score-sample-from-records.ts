import { scoreLeadsStored } from "../backtest/score-leads-stored.js";
import type { Config } from "../config/schema.js";
import type { Db } from "../db/index.js";
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
 * - in SQL (sample-base-check.sql): every sample lead is scored, its fit + count points from the
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
  const [check] = await db.query<{
    leads: number;
    unscored: number;
    base_differs: number;
    window_differs: number;
  }>("features/sample-base-check", {
    bin_points: JSON.stringify(options.binPoints),
    intent_points: JSON.stringify(options.intentPoints),
  });
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
