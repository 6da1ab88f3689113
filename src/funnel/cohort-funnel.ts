import type { Db } from "../db/index.js";
import { type Rate, rateOf } from "./rate.js";

export type CohortGrain = "week" | "month" | "quarter";

/** A row of queries/funnel/cohort-funnel.sql. */
interface CohortFunnelQueryRow {
  segment: string;
  is_total: boolean;
  cohort_start: Date | null;
  cohort_end: Date | null;
  mature: boolean;
  matures_on: Date | null;
  leads: number;
  mqls: number;
  sqls: number;
  opportunities: number;
  won: number;
  sql_without_mql: number;
  days_lead_to_mql: number | null;
  days_mql_to_sql: number | null;
  days_sql_to_opportunity: number | null;
  days_opportunity_to_won: number | null;
  days_mql_to_won: number | null;
  won_deals: number;
  won_revenue: number;
  avg_won_deal_size: number | null;
}

/** One cohort (or a segment's total over its mature cohorts) with its rates. */
export interface CohortFunnelRow extends CohortFunnelQueryRow {
  rates: {
    leadToMql: Rate;
    mqlToSql: Rate;
    sqlToOpportunity: Rate;
    opportunityToWon: Rate;
    /** End to end. */
    leadToWon: Rate;
    mqlToWon: Rate;
  };
}

export interface CohortFunnelOptions {
  grain: CohortGrain;
  /** A leads column to segment by; undefined for one segment "(all)". */
  by: string | undefined;
  asOf: Date;
  maturityDays: number;
}

/**
 * The cohort funnel: counts and medians from queries/funnel/cohort-funnel.sql, stage-to-stage
 * and end-to-end rates with 95% Wilson intervals. Needs the lead_stages view.
 */
export async function cohortFunnel(
  db: Db,
  options: CohortFunnelOptions,
): Promise<CohortFunnelRow[]> {
  const rows = await db.query<CohortFunnelQueryRow>("funnel/cohort-funnel", {
    grain: options.grain,
    by: options.by ?? null,
    as_of: options.asOf.toISOString(),
    maturity_days: options.maturityDays,
  });
  return rows.map((row) => ({
    ...row,
    rates: {
      leadToMql: rateOf(row.mqls, row.leads),
      mqlToSql: rateOf(row.sqls, row.mqls),
      sqlToOpportunity: rateOf(row.opportunities, row.sqls),
      opportunityToWon: rateOf(row.won, row.opportunities),
      leadToWon: rateOf(row.won, row.leads),
      mqlToWon: rateOf(row.won, row.mqls),
    },
  }));
}
