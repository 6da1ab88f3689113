import type { Db } from "../db/index.js";
import { type Rate, rateOf } from "./rate.js";

/** A row of queries/funnel/backsolve-inputs.sql: the data's own conversion and run rate. */
export interface BacksolveData {
  mature_mqls: number;
  mature_sqls: number;
  mature_won: number;
  won_deals: number;
  avg_won_deal_size: number | null;
  run_rate_mqls: number;
  run_rate_months: number;
  run_rate_from: Date;
  run_rate_to: Date;
}

/** Months of MQL history the actual run rate is averaged over (complete months before as_of). */
export const RUN_RATE_MONTHS = 3;

export async function readBacksolveData(
  db: Db,
  options: { asOf: Date; maturityDays: number },
): Promise<BacksolveData> {
  const [row] = await db.query<BacksolveData>("funnel/backsolve-inputs", {
    as_of: options.asOf.toISOString(),
    maturity_days: options.maturityDays,
    months: RUN_RATE_MONTHS,
  });
  if (!row) throw new Error("funnel/backsolve-inputs returned no row");
  return row;
}

/** Back-solve inputs as given (config or flags); missing ones default to the data. */
export interface BacksolveTargets {
  new_arr?: number | undefined;
  avg_deal_size?: number | undefined;
  win_rate?: number | undefined;
  mql_to_sql?: number | undefined;
}

export type InputSource = "config" | "data";

export interface VolumeBacksolve {
  /** Why the back-solve could not be done, or null. */
  missing: string | null;
  inputs: {
    newArr: number | null;
    avgDealSize: { value: number | null; source: InputSource };
    winRate: { value: number | null; source: InputSource; data: Rate };
    mqlToSql: { value: number | null; source: InputSource; data: Rate };
  };
  dealsNeeded: number | null;
  sqlsNeeded: number | null;
  mqlsNeeded: number | null;
  mqlsNeededPerMonth: number | null;
  actualMqlsPerMonth: number;
  /** mqlsNeededPerMonth − actualMqlsPerMonth (positive: short of target). */
  gapPerMonth: number | null;
  runRate: { mqls: number; months: number; from: Date; to: Date };
}

/**
 * The volume back-solve, in reverse through the funnel:
 * deals = new ARR ÷ average deal size; SQLs = deals ÷ win rate (SQL → won);
 * MQLs = SQLs ÷ MQL → SQL rate; per month = MQLs ÷ 12; against the actual MQLs per month
 * over the last RUN_RATE_MONTHS complete months. Pure: the data figures come in as arguments.
 * Takes no account of the lag between MQL and close (MQLs made late in the year close next year).
 */
export function backsolveVolume(targets: BacksolveTargets, data: BacksolveData): VolumeBacksolve {
  const winData = rateOf(data.mature_won, data.mature_sqls);
  const mqlToSqlData = rateOf(data.mature_sqls, data.mature_mqls);
  const pick = (given: number | undefined, fromData: number | null) =>
    given !== undefined
      ? { value: given, source: "config" as const }
      : {
          value: fromData !== null && Number.isFinite(fromData) && fromData > 0 ? fromData : null,
          source: "data" as const,
        };
  const avgDealSize = pick(targets.avg_deal_size, data.avg_won_deal_size);
  const winRate = { ...pick(targets.win_rate, winData.estimate), data: winData };
  const mqlToSql = { ...pick(targets.mql_to_sql, mqlToSqlData.estimate), data: mqlToSqlData };
  const actualMqlsPerMonth = data.run_rate_mqls / data.run_rate_months;
  const runRate = {
    mqls: data.run_rate_mqls,
    months: data.run_rate_months,
    from: data.run_rate_from,
    to: data.run_rate_to,
  };
  const inputs = { newArr: targets.new_arr ?? null, avgDealSize, winRate, mqlToSql };

  const missing: string[] = [];
  if (targets.new_arr === undefined)
    missing.push("the new-ARR target (targets.new_arr or --target-arr)");
  if (avgDealSize.value === null)
    missing.push("an average deal size (no won deal with an amount in mature cohorts)");
  if (winRate.value === null) missing.push("a win rate (no mature SQL was won)");
  if (mqlToSql.value === null) missing.push("an MQL → SQL rate (no mature MQL reached SQL)");
  if (
    missing.length > 0 ||
    targets.new_arr === undefined ||
    avgDealSize.value === null ||
    winRate.value === null ||
    mqlToSql.value === null
  ) {
    return {
      missing: `the back-solve needs ${missing.join(", ")}`,
      inputs,
      dealsNeeded: null,
      sqlsNeeded: null,
      mqlsNeeded: null,
      mqlsNeededPerMonth: null,
      actualMqlsPerMonth,
      gapPerMonth: null,
      runRate,
    };
  }
  const dealsNeeded = targets.new_arr / avgDealSize.value;
  const sqlsNeeded = dealsNeeded / winRate.value;
  const mqlsNeeded = sqlsNeeded / mqlToSql.value;
  const mqlsNeededPerMonth = mqlsNeeded / 12;
  return {
    missing: null,
    inputs,
    dealsNeeded,
    sqlsNeeded,
    mqlsNeeded,
    mqlsNeededPerMonth,
    actualMqlsPerMonth,
    gapPerMonth: mqlsNeededPerMonth - actualMqlsPerMonth,
    runRate,
  };
}
