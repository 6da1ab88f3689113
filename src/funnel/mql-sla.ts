import type { Db } from "../db/index.js";
import { type Rate, rateOf } from "./rate.js";

/** A row of queries/funnel/mql-sla.sql. */
interface MqlSlaQueryRow {
  dimension: "all" | "owner" | "source";
  value: string | null;
  mqls: number;
  touched_before_mql: number;
  within_sla: number;
  late: number;
  never_touched: number;
  pending: number;
  median_hours_to_touch: number | null;
}

export interface MqlSlaRow extends MqlSlaQueryRow {
  /** within_sla / (within_sla + late + never_touched): MQLs whose SLA has run out. */
  withinSla: Rate;
}

export interface MqlSlaOptions {
  slaHours: number;
  touchTypes: readonly string[];
  asOf: Date;
}

/** Time from MQL to first sales touch, by owner, by source and overall (queries/funnel/mql-sla.sql). */
export async function mqlSla(db: Db, options: MqlSlaOptions): Promise<MqlSlaRow[]> {
  const rows = await db.query<MqlSlaQueryRow>("funnel/mql-sla", {
    sla_hours: options.slaHours,
    touch_types: JSON.stringify(options.touchTypes),
    as_of: options.asOf.toISOString(),
  });
  return rows.map((row) => ({
    ...row,
    withinSla: rateOf(row.within_sla, row.within_sla + row.late + row.never_touched),
  }));
}
