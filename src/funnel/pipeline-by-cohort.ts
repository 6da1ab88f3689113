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
