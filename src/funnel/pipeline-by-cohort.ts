import type { Db } from "../db/index.js";
import type { CohortGrain } from "./cohort-funnel.js";

/** A row of queries/funnel/pipeline-by-cohort.sql. */
export interface PipelineCohortRow {
  cohort_start: Date;
  deals: number;
  deals_with_amount: number;
  /** Summed amount of the distinct deals linked to the cohort's MQLs, any stage. */
  pipeline: number;
}

/** Pipeline (deal amount, any stage) created from MQLs, by creation cohort. Needs lead_stages. */
export async function pipelineByCohort(db: Db, grain: CohortGrain): Promise<PipelineCohortRow[]> {
  return db.query<PipelineCohortRow>("funnel/pipeline-by-cohort", { grain });
}

/** A row of queries/funnel/funnel-totals.sql: the funnel over every lead, dated or not. */
export interface FunnelTotals {
  leads: number;
  mqls: number;
  sqls: number;
  won: number;
  sql_without_mql: number;
  pipeline: number;
  won_revenue: number;
  all_sqls: number;
  all_won: number;
  all_won_revenue: number;
}

/** The whole funnel without cohorts (for exports without creation dates). Needs lead_stages. */
export async function funnelTotals(db: Db): Promise<FunnelTotals> {
  const [row] = await db.query<FunnelTotals>("funnel/funnel-totals");
  if (row === undefined) throw new Error("funnel-totals returned no row");
  return row;
}
