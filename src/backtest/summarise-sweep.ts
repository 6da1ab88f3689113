import * as aq from "arquero";
import { wilsonInterval } from "../stats/index.js";
import type { Sweep, SweepCounts } from "./sweep-thresholds.js";

/** MQL→SQL health bands (config `backtest.health_bands`, defaults in docs/backtest.md). */
export interface HealthBands {
  too_loose_below: number;
  too_strict_above: number;
}

export type Verdict = "too loose" | "healthy" | "too strict" | "no outcomes";

export interface SweepContext {
  /** Weeks the leads were created over; null without dates (no per-week figures). */
  weeks: number | null;
  /** Marketing spend over the same window; null when no spend is loaded. */
  spend: number | null;
  /** Reps working MQLs; undefined when not configured. */
  reps?: number | undefined;
  bands: HealthBands;
}

/** One threshold's line of the sweep, as printed and as `--json`. */
export interface SweepRow extends SweepCounts {
  mql_per_week: number | null;
  mql_per_rep_week: number | null;
  /** MQL→SQL among mature MQLs handed to sales, with its 95% Wilson interval. */
  sql_rate: number | null;
  sql_rate_low: number | null;
  sql_rate_high: number | null;
  /** MQL→won among mature MQLs, with its 95% Wilson interval. */
  won_rate: number | null;
  won_rate_low: number | null;
  won_rate_high: number | null;
  /** Won leads and won amount below the line (mature, not MQLs at this threshold). */
  won_missed: number;
  won_amount_missed: number;
  median_days_to_sql: number | null;
  median_days_to_won: number | null;
  cost_per_mql: number | null;
  verdict: Verdict;
}

/**
 * Turn a sweep's counts into the figures a reader needs: rates with 95% Wilson intervals,
 * volumes per week and per rep, what is missed below the line, cost per MQL, median delays
 * and the health verdict. Pure: data in, rows out.
 */
export function summariseSweep(sweep: Sweep, context: SweepContext): SweepRow[] {
  // one column per outcome; an outcome nobody reached still gets its (empty) column
  let delays =
    sweep.delays.length > 0
      ? aq.from(sweep.delays).groupby("threshold").pivot("outcome", "median_days")
      : aq.table({ threshold: [] as number[] });
  for (const outcome of ["sql", "won"])
    if (!delays.columnNames().includes(outcome)) delays = delays.derive({ [outcome]: () => null });
  delays = delays.rename({ sql: "median_days_to_sql", won: "median_days_to_won" });
  const joined = aq.from(sweep.counts).join_left(delays, "threshold").orderby("threshold");
  return (joined.objects() as (SweepCounts & Record<string, unknown>)[]).map((row) => {
    const sql = interval(row.mql_sql, row.mql_observed);
    const won = interval(row.mql_won, row.mql_mature);
    const perWeek = context.weeks !== null && context.weeks > 0 ? row.mql / context.weeks : null;
    return {
      ...pickCounts(row),
      mql_per_week: perWeek,
      mql_per_rep_week: perWeek !== null && context.reps ? perWeek / context.reps : null,
      sql_rate: sql.estimate,
      sql_rate_low: sql.low,
      sql_rate_high: sql.high,
      won_rate: won.estimate,
      won_rate_low: won.low,
      won_rate_high: won.high,
      won_missed: row.won_total - row.mql_won,
      won_amount_missed: row.won_amount_total - row.won_amount,
      median_days_to_sql: numberOrNull(row.median_days_to_sql),
      median_days_to_won: numberOrNull(row.median_days_to_won),
      cost_per_mql: context.spend !== null && row.mql > 0 ? context.spend / row.mql : null,
      verdict: verdictOf(sql.estimate, context.bands),
    };
  });
}

/** The MQL→SQL verdict: below the loose edge, above the strict edge, or healthy in between. */
export function verdictOf(sqlRate: number | null, bands: HealthBands): Verdict {
  if (sqlRate === null) return "no outcomes";
  if (sqlRate < bands.too_loose_below) return "too loose";
  if (sqlRate > bands.too_strict_above) return "too strict";
  return "healthy";
}

function interval(successes: number, n: number) {
  if (n === 0) return { estimate: null, low: null, high: null };
  return wilsonInterval(successes, n);
}

function numberOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function pickCounts(row: SweepCounts): SweepCounts {
  return {
    threshold: row.threshold,
    mql: row.mql,
    mql_mature: row.mql_mature,
    mql_immature: row.mql_immature,
    mql_observed: row.mql_observed,
    mql_sql: row.mql_sql,
    mql_won: row.mql_won,
    won_amount: row.won_amount,
    mql_unobserved: row.mql_unobserved,
    leads: row.leads,
    leads_mature: row.leads_mature,
    won_total: row.won_total,
    won_amount_total: row.won_amount_total,
  };
}
