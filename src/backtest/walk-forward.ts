import type { Db } from "../db/index.js";
import { type Constraints, recommendThreshold } from "./recommend-threshold.js";
import { type HealthBands, type SweepRow, summariseSweep } from "./summarise-sweep.js";
import type { Sweep, SweepCounts } from "./sweep-thresholds.js";
import type { ThresholdGrid } from "./threshold-grid.js";

const DAY = 86_400_000;

export interface WalkForwardOptions {
  /** Model key in bt_lead_score. */
  model: string;
  grid: ThresholdGrid;
  constraints: Constraints;
  bands: HealthBands;
  reps?: number | undefined;
  /** Days an outcome may take to count (the labels' maturity window). */
  maturityDays: number;
}

export interface QuarterResult {
  quarter: string;
  start: Date;
  end: Date;
  /** What the choice was made on: leads whose scoring window closed before the quarter. */
  train: { leads: number; mature: number; won: number; weeks: number | null };
  /** Threshold chosen on the data before the quarter (null: nothing to choose on). */
  chosen: number | null;
  /** The objective the chosen threshold achieved on the quarter's own leads. */
  chosen_value: number | null;
  /** Constraints the chosen threshold broke on the quarter (e.g. more MQLs than capacity). */
  chosen_violations: string[];
  /** The best threshold for the quarter in hindsight, under the same constraints. */
  hindsight: number | null;
  hindsight_value: number | null;
  /** hindsight_value − chosen_value, in the objective's units (revenue or deals). */
  regret: number | null;
  evaluated: { leads: number; mature: number; won: number };
  note: string | null;
}

export interface WalkForward {
  quarters: QuarterResult[];
  stability: {
    chosen: number[];
    distinct: number;
    min: number | null;
    max: number | null;
    /** Mean absolute change of the chosen threshold from one quarter to the next. */
    mean_abs_change: number | null;
  };
  total_regret: number;
  /** Share of the hindsight objective the walk-forward choices captured, over all quarters. */
  captured_share: number | null;
}

/**
 * Walk-forward validation by calendar quarter of creation. For each quarter Q after the first:
 * choose a threshold on the data before Q as it was known at Q's start (leads whose scoring
 * window closed by then, outcomes only if they happened before it, maturity judged at it),
 * then evaluate that threshold on the leads created in Q, against the best threshold for Q in
 * hindsight. Nothing from Q reaches the choice: the training sweep is censored at Q's start.
 * Every quarter's training and evaluation sweep come from one query (walk-forward-sweep.sql),
 * with the same counts as one censored sweepThresholds per quarter would give.
 */
export async function walkForward(db: Db, options: WalkForwardOptions): Promise<WalkForward> {
  await db.exec("backtest/walk-forward-quarters");
  const quarters = await db.all<{ k: number; start: Date; end: Date; quarter: string }>(
    'SELECT k, start, "end", quarter FROM bt_wf_quarter ORDER BY k',
  );
  // every split's training and evaluation sweep in one query (no median delays: the choice,
  // the regret and the violations do not use them)
  const swept =
    quarters.length > 1
      ? await db.query<SplitSweepRow>("backtest/walk-forward-sweep", {
          model: options.model,
          maturity_days: options.maturityDays,
          from: options.grid.from,
          to: options.grid.to,
          step: options.grid.step,
        })
      : [];
  const bySplit = new Map<string, SplitSweepRow[]>();
  for (const row of swept) {
    const key = `${row.role}:${row.k}`;
    const list = bySplit.get(key);
    if (list === undefined) bySplit.set(key, [row]);
    else list.push(row);
  }
  const results: QuarterResult[] = [];
  for (const q of quarters.slice(1)) {
    const trainSweep = bySplit.get(`train:${q.k}`) ?? [];
    const trainSpan = spanOf(trainSweep);
    // weeks over which the training leads were created (not up to the quarter: the leads of
    // the last scoring + maturity window are not in training, and must not dilute the volume)
    const trainWeeks =
      trainSpan.first_day === null || trainSpan.last_day === null
        ? null
        : (trainSpan.last_day.getTime() - trainSpan.first_day.getTime() + DAY) / (7 * DAY);
    const trainRows = summariseSweep(sweepOf(trainSweep), {
      weeks: trainWeeks,
      spend: null,
      reps: options.reps,
      bands: options.bands,
    });
    const evalSweep = bySplit.get(`eval:${q.k}`) ?? [];
    const evalSpan = spanOf(evalSweep);
    const evalEnd =
      evalSpan.last_day === null
        ? q.end.getTime()
        : Math.min(q.end.getTime(), evalSpan.last_day.getTime() + DAY);
    const evalRows = summariseSweep(sweepOf(evalSweep), {
      weeks: (evalEnd - q.start.getTime()) / (7 * DAY),
      spend: null,
      reps: options.reps,
      bands: options.bands,
    });
    const trainTotals = totals(trainRows);
    const evalTotals = totals(evalRows);
    const choice =
      trainTotals.mature > 0 ? recommendThreshold(trainRows, options.constraints) : null;
    const hindsight =
      evalTotals.mature > 0 ? recommendThreshold(evalRows, options.constraints) : null;
    const chosenRow = evalRows.find((r) => r.threshold === choice?.threshold);
    const chosenValue =
      chosenRow === undefined ? null : objectiveOf(chosenRow, options.constraints);
    const hindsightValue = hindsight?.objective_value ?? null;
    results.push({
      quarter: q.quarter,
      start: q.start,
      end: q.end,
      train: {
        leads: trainTotals.leads,
        mature: trainTotals.mature,
        won: trainTotals.won,
        weeks: trainWeeks,
      },
      chosen: choice?.threshold ?? null,
      chosen_value: chosenValue,
      chosen_violations: violationsOf(chosenRow, options.constraints),
      hindsight: hindsight?.threshold ?? null,
      hindsight_value: hindsightValue,
      regret: chosenValue !== null && hindsightValue !== null ? hindsightValue - chosenValue : null,
      evaluated: evalTotals,
      note:
        trainTotals.mature === 0
          ? "no mature outcomes before this quarter: nothing to choose on"
          : choice?.threshold === null
            ? "no threshold met the constraints on the data before this quarter"
            : evalTotals.mature === 0
              ? "no mature outcomes in this quarter yet: not evaluated"
              : null,
    });
  }
  const chosen = results.flatMap((r) => (r.chosen === null ? [] : [r.chosen]));
  const changes = chosen.slice(1).map((t, i) => Math.abs(t - (chosen[i] ?? t)));
  const scored = results.filter((r) => r.regret !== null);
  const hindsightTotal = scored.reduce((s, r) => s + (r.hindsight_value ?? 0), 0);
  const chosenTotal = scored.reduce((s, r) => s + (r.chosen_value ?? 0), 0);
  return {
    quarters: results,
    stability: {
      chosen,
      distinct: new Set(chosen).size,
      min: chosen.length > 0 ? Math.min(...chosen) : null,
      max: chosen.length > 0 ? Math.max(...chosen) : null,
      mean_abs_change:
        changes.length > 0 ? changes.reduce((s, c) => s + c, 0) / changes.length : null,
    },
    total_regret: scored.reduce((s, r) => s + (r.regret ?? 0), 0),
    captured_share: hindsightTotal > 0 ? chosenTotal / hindsightTotal : null,
  };
}

/** One row of walk-forward-sweep.sql: a split's sweep counts at one threshold, and its span. */
interface SplitSweepRow extends SweepCounts {
  role: "train" | "eval";
  k: number;
  first_day: Date | null;
  last_day: Date | null;
}

function sweepOf(rows: SplitSweepRow[]): Sweep {
  return {
    counts: rows.map(({ role: _role, k: _k, first_day: _f, last_day: _l, ...counts }) => counts),
    delays: [],
  };
}

/** The creation window of a split's leads (the same on every threshold's row). */
function spanOf(rows: SplitSweepRow[]): { first_day: Date | null; last_day: Date | null } {
  const first = rows[0];
  return { first_day: first?.first_day ?? null, last_day: first?.last_day ?? null };
}

function totals(rows: SweepRow[]): { leads: number; mature: number; won: number } {
  const first = rows[0];
  return first === undefined
    ? { leads: 0, mature: 0, won: 0 }
    : { leads: first.leads, mature: first.leads_mature, won: first.won_total };
}

function objectiveOf(row: SweepRow, constraints: Constraints): number {
  return constraints.objective === "won_revenue" ? row.won_amount : row.mql_won;
}

function violationsOf(row: SweepRow | undefined, constraints: Constraints): string[] {
  if (row === undefined) return [];
  const out: string[] = [];
  if (
    constraints.weeklyCapacity !== undefined &&
    row.mql_per_week !== null &&
    row.mql_per_week > constraints.weeklyCapacity
  )
    out.push(`${row.mql_per_week.toFixed(1)} MQLs/week > capacity ${constraints.weeklyCapacity}`);
  if (row.sql_rate !== null && row.sql_rate < constraints.minSqlRate)
    out.push(
      `MQL→SQL ${(row.sql_rate * 100).toFixed(1)}% < ${(constraints.minSqlRate * 100).toFixed(1)}%`,
    );
  return out;
}
