import type { Db } from "../db/index.js";
import { UserError } from "../errors.js";
import { pointsFor, probabilityFor } from "../model/scale-points.js";
import {
  auc,
  brierScore,
  type DecileRow,
  decileTable,
  ksStatistic,
  logisticRegression,
  type SparsePredictors,
} from "../stats/index.js";
import { releaseGarbage } from "../util/release-garbage.js";
import type { BinCount, FeatureBin } from "./build-bins.js";
import type { FeaturesResult } from "./build-features.js";
import { fitPatternsSql } from "./lead-bins-sql.js";
import type { FeatureProfile } from "./profile-features.js";
import { type ScoreSampleOptions, type ScoreSampleRow, scoreSample } from "./score-sample.js";

export interface FitOptions {
  l2: number;
  pointsToDoubleOdds: number;
  minIv: number;
  /**
   * Score the sample another way than {@link scoreSample}: given the fitted scorecard before it
   * is measured (metrics empty, threshold 0), the same rows, or null to fall back to
   * scoreSample. `handoff fit` reads them off the records of the model it writes
   * (scoreSampleFromRecords), which the backtest then reuses.
   */
  sampleScores?: (
    provisional: FittedScorecard,
    rules: ScoreSampleOptions,
  ) => Promise<ScoreSampleRow[] | null>;
}

/** Metrics of a scorecard not measured yet (the provisional card of FitOptions.sampleScores). */
const UNMEASURED: SplitMetrics = {
  leads: 0,
  events: 0,
  rate: 0,
  auc: null,
  gini: null,
  ks: null,
  brier: null,
  deciles: [],
};

/** One bin of a fitted fit rule, with its evidence on the training leads. */
export interface FittedBin {
  bin: number;
  label: string;
  role: FeatureBin["role"];
  category: string | null;
  lo: number | null;
  hi: number | null;
  points: number;
  /** Coefficient of the bin's indicator (0 for the reference bin and bins without leads). */
  beta: number;
  standardError: number | null;
  leads: number;
  events: number;
  rate: number;
  lift: number;
  reference: boolean;
}

export interface FittedFitRule {
  feature: string;
  kind: "categorical" | "numeric";
  iv: number;
  bins: FittedBin[];
}

export interface FittedIntentRule {
  feature: string;
  /** activities.type (event-level exports) or a count column of leads (flat exports). */
  source: { activity: string } | { countColumn: string };
  iv: number;
  beta: number;
  standardError: number;
  pointsPerEvent: number;
  /** Most (decayed) events that earn points: the mean of the top bin on training leads. */
  capEvents: number;
  capPoints: number;
  /** Leads with any events, and the won rate / lift of the top bin, for the evidence comment. */
  topBinLeads: number;
  topBinRate: number;
  topBinLift: number;
  /** Why the rule is not in the model, when it is not. */
  omitted: string | null;
}

export interface SplitMetrics {
  leads: number;
  events: number;
  rate: number;
  auc: number | null;
  gini: number | null;
  ks: number | null;
  brier: number | null;
  /** Score deciles (highest first) with observed and predicted rate: calibration and lift. */
  deciles: DecileRow[];
}

export interface FittedScorecard {
  target: "won" | "sql";
  pointsToDoubleOdds: number;
  l2: number;
  intercept: number;
  /** Odds of the target at 0 points: exp(intercept). */
  baseOdds: number;
  fitRules: FittedFitRule[];
  intentRules: FittedIntentRule[];
  /** Features considered and left out, with the reason. */
  skipped: { feature: string; reason: string }[];
  threshold: number;
  thresholdNote: string;
  train: SplitMetrics;
  validation: SplitMetrics | null;
  converged: boolean;
  separation: boolean;
  iterations: number;
  /** Unique bin patterns the regression was fitted on, and the leads behind them. */
  patterns: number;
}

/** Field names the model file accepts (src/model/model-file.ts). */
const MODEL_FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface Column {
  feature: string;
  bin: number | null; // null: the intent covariate
}

/**
 * Fit the points scorecard on the bins of `features` (built with purpose "fit"):
 * 1. select fit and intent features with IV >= minIv and at least two bins with leads;
 * 2. fetch the training data as weighted unique bin patterns (fitPatternsSql: a GROUP BY over
 *    the bin columns of lead_bins_wide);
 * 3. design: an indicator per non-reference bin of each fit feature (reference: the bin with
 *    most leads), and for each intent feature its value taken as the training mean of the
 *    lead's bin (so the pattern stays a bin pattern and the coefficient is log-odds per event);
 * 4. L2-regularised logistic regression (stats/logisticRegression, frequency weights);
 * 5. points: round(β · PDO / ln 2) per bin, per event for intent, with a cap of the top bin's
 *    mean events; intent rules with negative or zero points are left out (noted);
 * 6. score every training and validation lead in SQL as backtest does: its peak score between
 *    creation and decision time (options.sampleScores, else scoreSample); measure AUC, Gini,
 *    KS, Brier and deciles on each split;
 * 7. suggest a threshold: the training score with the largest KS gap.
 */
export async function fitScorecard(
  db: Db,
  features: FeaturesResult,
  options: FitOptions,
): Promise<FittedScorecard> {
  const { bins, counts } = features.bins;
  const skipped: { feature: string; reason: string }[] = [];
  // 1.
  const selected: FeatureProfile[] = [];
  for (const p of features.profiles) {
    if (p.family === "engagement") continue;
    if (p.family === "fit" && !MODEL_FIELD.test(p.feature)) {
      skipped.push({
        feature: p.feature,
        reason:
          "not a name the model format accepts (letters, digits and _): rename the column to use it",
      });
      continue;
    }
    if (p.iv < options.minIv) {
      skipped.push({ feature: p.feature, reason: `IV ${p.iv.toFixed(3)} below ${options.minIv}` });
      continue;
    }
    if (p.bins.filter((b) => b.events + b.nonEvents > 0).length < 2) {
      skipped.push({ feature: p.feature, reason: "fewer than two bins with outcomes" });
      continue;
    }
    selected.push(p);
  }
  const names = selected.map((p) => p.feature);
  if (features.sample.trainEvents === 0 || features.sample.trainEvents === features.sample.train) {
    throw new UserError(
      `cannot fit: the ${features.sample.train} mature training leads have ${features.sample.trainEvents} ${features.target} outcomes; a model needs both outcomes and non-outcomes (check the labels: handoff features)`,
    );
  }
  if (names.length === 0) {
    throw new UserError(
      `cannot fit: no fit or intent feature reaches the minimum information value ${options.minIv} for ${features.target} on the training leads (lower fit.min_iv in handoff.yaml, or check the profile: handoff features)`,
    );
  }
  const pdo = options.pointsToDoubleOdds;
  // 2.–5. in a function of their own: the patterns and design (hundreds of MB at a million
  // leads) are garbage once it returns, before the sample is scored in step 6
  const { result, dropped, patternCount } = await (async () => {
    // 2.
    // as columns, not one object per pattern (at a million leads nearly every lead is a
    // pattern of its own: intent bins are fine-grained)
    const fetched = await db.columns(fitPatternsSql(names));
    const splits = fetched.split as string[];
    const trainRows: number[] = [];
    for (let i = 0; i < splits.length; i++) if (splits[i] === "train") trainRows.push(i);
    const patternOf = fetched.pattern as number[][];
    const eventsOf = fetched.events as number[];
    const nonEventsOf = fetched.non_events as number[];

    const countOf = (feature: string, bin: number): BinCount | undefined =>
      counts.find((c) => c.feature === feature && c.bin === bin);
    const base = features.sample.trainEvents / Math.max(1, features.sample.train);

    // 3.–5. fit; intent rules that come out with no positive points are dropped and the model
    // refitted without them, so the coefficients written belong to the rules kept
    const fitOnce = (active: FeatureProfile[]) => {
      // 3.
      const columns: Column[] = [];
      const reference = new Map<string, number>();
      const intentMean = new Map<string, Map<number, number>>();
      for (const p of active) {
        if (p.family === "intent") {
          columns.push({ feature: p.feature, bin: null });
          const means = new Map<number, number>();
          for (const b of bins.filter((x) => x.feature === p.feature))
            means.set(b.bin, countOf(p.feature, b.bin)?.mean_num ?? 0);
          intentMean.set(p.feature, means);
        } else {
          const withLeads = p.bins.filter((b) => b.leads > 0);
          const ref = withLeads.reduce((a, b) => (b.leads > a.leads ? b : a));
          reference.set(p.feature, ref.bin);
          for (const b of withLeads)
            if (b.bin !== ref.bin) columns.push({ feature: p.feature, bin: b.bin });
        }
      }
      // the design sparse by rows: a fit feature's indicator is non-zero for one bin at most,
      // so each row has at most one entry per feature (the regression drops zero values too)
      const position = columns.map((c) => names.indexOf(c.feature));
      const rowStart = new Int32Array(trainRows.length + 1);
      const entryColumns = new Int32Array(trainRows.length * Math.max(1, active.length));
      const entryValues = new Float64Array(entryColumns.length);
      const y: number[] = [];
      const w: number[] = [];
      let nnz = 0;
      for (const i of trainRows) {
        const n = (eventsOf[i] as number) + (nonEventsOf[i] as number);
        if (n === 0) continue;
        const pattern = patternOf[i] as number[];
        rowStart[y.length] = nnz;
        for (let j = 0; j < columns.length; j++) {
          const c = columns[j] as Column;
          const bin = pattern[position[j] as number] as number;
          const value =
            c.bin === null ? (intentMean.get(c.feature)?.get(bin) ?? 0) : bin === c.bin ? 1 : 0;
          if (value === 0) continue;
          entryColumns[nnz] = j;
          entryValues[nnz] = value;
          nnz++;
        }
        y.push((eventsOf[i] as number) / n);
        w.push(n);
      }
      rowStart[y.length] = nnz;
      const design: SparsePredictors = {
        predictors: columns.length,
        rowStart: rowStart.subarray(0, y.length + 1),
        columns: entryColumns.subarray(0, nnz),
        values: entryValues.subarray(0, nnz),
      };
      // 4.
      const fit = logisticRegression(design, y, { weights: w, l2: options.l2 });
      const coefficient = (feature: string, bin: number | null) => {
        const i = columns.findIndex((c) => c.feature === feature && c.bin === bin);
        return i < 0
          ? { beta: 0, se: null }
          : { beta: fit.coefficients[i + 1] as number, se: fit.standardErrors[i + 1] as number };
      };

      // 5.
      const fitRules: FittedFitRule[] = [];
      const intentRules: FittedIntentRule[] = [];
      for (const p of active) {
        if (p.family === "intent") {
          const { beta, se } = coefficient(p.feature, null);
          const rangeBins = p.bins.filter(
            (b) => bins.find((x) => x.feature === p.feature && x.bin === b.bin)?.role === "range",
          );
          const top = rangeBins[rangeBins.length - 1];
          const capEvents = top ? (countOf(p.feature, top.bin)?.mean_num ?? 0) : 0;
          const ppe = pointsFor(beta, pdo);
          const isActivity = p.feature.startsWith("intent.");
          let omitted: string | null = null;
          if (ppe === 0) omitted = "rounds to 0 points per event";
          else if (ppe < 0 && isActivity)
            omitted = `negative points per event (${ppe}): the model format cannot decay negative points`;
          else if (!(capEvents > 0)) omitted = "no events in the top bin";
          intentRules.push({
            feature: p.feature,
            source: isActivity
              ? { activity: p.feature.slice("intent.".length) }
              : { countColumn: p.feature },
            iv: p.iv,
            beta,
            standardError: se ?? Number.NaN,
            pointsPerEvent: ppe,
            capEvents,
            capPoints: Math.max(1, Math.round(Math.abs(ppe) * capEvents)),
            topBinLeads: top?.leads ?? 0,
            topBinRate: top ? top.events / Math.max(1, top.events + top.nonEvents) : Number.NaN,
            topBinLift: top?.lift ?? Number.NaN,
            omitted,
          });
          continue;
        }
        const ruleBins: FittedBin[] = bins
          .filter((b) => b.feature === p.feature)
          .map((b) => {
            const c = countOf(p.feature, b.bin);
            const { beta, se } = coefficient(p.feature, b.bin);
            const n = (c?.events ?? 0) + (c?.non_events ?? 0);
            const rate = n > 0 ? (c?.events ?? 0) / n : Number.NaN;
            return {
              bin: b.bin,
              label: b.label,
              role: b.role,
              category: b.category,
              lo: b.lo,
              hi: b.hi,
              points: pointsFor(beta, pdo),
              beta,
              standardError: se,
              leads: c?.leads ?? 0,
              events: c?.events ?? 0,
              rate,
              lift: base > 0 ? rate / base : Number.NaN,
              reference: reference.get(p.feature) === b.bin,
            };
          });
        fitRules.push({ feature: p.feature, kind: p.kind, iv: p.iv, bins: ruleBins });
      }
      return { fit, fitRules, intentRules };
    };
    let active = [...selected];
    const dropped: FittedIntentRule[] = [];
    let result = fitOnce(active);
    for (;;) {
      const drop = result.intentRules.filter((r) => r.omitted !== null);
      if (drop.length === 0) break;
      for (const r of drop)
        dropped.push({ ...r, omitted: `${r.omitted}; left out and the model refitted without it` });
      active = active.filter((p) => !drop.some((r) => r.feature === p.feature));
      result = fitOnce(active);
    }
    return { result, dropped, patternCount: trainRows.length };
  })();
  // the patterns and design are garbage now: collected before the population is scored
  releaseGarbage();
  const { fit, fitRules } = result;
  const intentRules = [...result.intentRules, ...dropped];
  const beta0 = fit.coefficients[0] as number;

  // 6.
  const binPoints = fitRules.flatMap((r) =>
    r.bins.map((b) => ({ feature: r.feature, bin: b.bin, points: b.points })),
  );
  const intentPoints = intentRules
    .filter((r) => r.omitted === null)
    .map((r) => ({ feature: r.feature, points: r.pointsPerEvent, cap: r.capPoints }));
  const sampleRules: ScoreSampleOptions = {
    binPoints,
    intentPoints,
    halfLifeDays: features.windows.halfLifeDays,
  };
  const baseOdds = Math.exp(beta0);
  const provisional: FittedScorecard = {
    target: features.target,
    pointsToDoubleOdds: pdo,
    l2: options.l2,
    intercept: beta0,
    baseOdds,
    fitRules,
    intentRules,
    skipped,
    threshold: 0,
    thresholdNote: "",
    train: UNMEASURED,
    validation: null,
    converged: fit.converged,
    separation: fit.separation,
    iterations: fit.iterations,
    patterns: patternCount,
  };
  const scored =
    (await options.sampleScores?.(provisional, sampleRules)) ??
    (await scoreSample(db, sampleRules));
  const metricsOf = (split: string): SplitMetrics | null =>
    splitMetrics(
      scored.filter((s) => s.split === split),
      (points) => probabilityFor(points, baseOdds, pdo),
    );
  const trainMetrics = metricsOf("train");
  if (trainMetrics === null) throw new UserError("cannot fit: no training leads to score");

  // 7.
  const { threshold, note } = suggestThreshold(scored.filter((s) => s.split === "train"));
  return {
    ...provisional,
    threshold,
    thresholdNote: note,
    train: trainMetrics,
    validation: metricsOf("validation"),
  };
}

/** Metrics of one split from its (score, events, non-events) groups; null when empty. */
export function splitMetrics(
  groups: readonly { score: number; events: number; non_events: number }[],
  probability: (points: number) => number,
): SplitMetrics | null {
  const scores: number[] = [];
  const labels: (0 | 1)[] = [];
  const weights: number[] = [];
  for (const g of groups) {
    if (g.events > 0) {
      scores.push(g.score);
      labels.push(1);
      weights.push(g.events);
    }
    if (g.non_events > 0) {
      scores.push(g.score);
      labels.push(0);
      weights.push(g.non_events);
    }
  }
  const leads = weights.reduce((a, b) => a + b, 0);
  if (leads === 0) return null;
  const events = groups.reduce((a, g) => a + g.events, 0);
  const both = events > 0 && events < leads;
  const probabilities = scores.map(probability);
  const a = both ? auc(scores, labels, weights) : null;
  return {
    leads,
    events,
    rate: events / leads,
    auc: a,
    gini: a === null ? null : 2 * a - 1,
    ks: both ? ksStatistic(scores, labels, weights) : null,
    brier: brierScore(probabilities, labels, weights),
    deciles: decileTable(scores, labels, { weights, probabilities }),
  };
}

/**
 * The training score with the largest gap between the share of outcomes and the share of
 * non-outcomes at or above it (the KS point), as a whole number of points (rounded down so
 * that every lead at that score passes).
 */
export function suggestThreshold(
  groups: readonly { score: number; events: number; non_events: number }[],
): { threshold: number; note: string } {
  const sorted = [...groups].sort((a, b) => b.score - a.score);
  const e = sorted.reduce((s, g) => s + g.events, 0);
  const n = sorted.reduce((s, g) => s + g.non_events, 0);
  let best = { gap: Number.NEGATIVE_INFINITY, score: 0, captured: 0, passed: 0 };
  let ce = 0;
  let cn = 0;
  for (const g of sorted) {
    ce += g.events;
    cn += g.non_events;
    const gap = (e > 0 ? ce / e : 0) - (n > 0 ? cn / n : 0);
    if (gap > best.gap) best = { gap, score: g.score, captured: ce, passed: ce + cn };
  }
  const threshold = Math.floor(best.score);
  return {
    threshold,
    note: `max KS on training leads: ${best.passed} of ${e + n} leads (${((100 * best.passed) / Math.max(1, e + n)).toFixed(1)}%) score ${threshold} or more and hold ${best.captured} of ${e} outcomes; confirm with handoff backtest`,
  };
}
