import type { Db } from "../db/index.js";

/** What the loaded exports contain (queries/funnel/export-shape.sql). */
export interface ExportShape {
  leads: number;
  leads_with_created_at: number;
  mqls: number;
  leads_with_sql_info: number;
  leads_with_opportunity_at: number;
  deals: number;
  won_deals: number;
  other_deals: number;
  linked_leads: number;
  activities: number;
  leads_with_first_touch: number;
  leads_disqualified: number;
  spend_rows: number;
}

/** Which stage transitions the data can show; a reason for each one it cannot. */
export interface Observability {
  /** Every lead is an MQL (an export of MQLs only): Lead → MQL and Lead → Won are unknown. */
  leadToMql: string | null;
  /** No SQL date or acceptance flag anywhere: SQL counts only leads that reached an opportunity. */
  sql: string | null;
  /** The deals file lists only won deals and no lead has an opportunity date: Opportunity = Won. */
  opportunity: string | null;
  /** Notes that do not hide a rate but qualify one. */
  notes: string[];
}

export async function readExportShape(db: Db): Promise<ExportShape> {
  const [row] = await db.query<ExportShape>("funnel/export-shape");
  if (!row) throw new Error("funnel/export-shape returned no row");
  return row;
}

/**
 * Decide which transitions are observable. Pure: takes the shape, returns reasons.
 *
 * - Lead → MQL needs leads that never became MQLs. An export in which every lead has an MQL
 *   date (e.g. a report of MQLs, or the contacts associated with deals) cannot show it: the
 *   rate would print 100%, which says nothing about the funnel.
 * - Opportunity needs open or lost deals, or opportunity dates on leads. A deals file of won
 *   deals only makes every opportunity a won one.
 */
export function observabilityOf(shape: ExportShape): Observability {
  const notes: string[] = [];
  const leadToMql =
    shape.leads > 0 && shape.mqls === shape.leads
      ? `every one of the ${shape.leads} leads has an MQL date (the export holds MQLs only), so Lead → MQL is not observable`
      : null;
  const sql =
    shape.leads_with_sql_info === 0
      ? "no lead has an SQL date or a sales-accepted status, so SQL counts only leads that reached an opportunity (MQL → SQL is a lower bound)"
      : null;
  let opportunity: string | null = null;
  if (shape.deals > 0 && shape.other_deals === 0) {
    if (shape.leads_with_opportunity_at === 0) {
      opportunity =
        "the deals file lists only won deals and no lead has an opportunity date, so every opportunity seen is a won one: SQL → Opportunity and Opportunity → Won are not observable";
    } else {
      notes.push(
        "the deals file lists only won deals: opportunities are the leads' opportunity dates plus the won deals, lost opportunities without a date on the lead are missing",
      );
    }
  }
  if (shape.deals === 0)
    notes.push("no deals are loaded: nothing is won, won rates are 0 by absence of data");
  if (shape.leads_with_created_at < shape.leads) {
    notes.push(
      `${shape.leads - shape.leads_with_created_at} of ${shape.leads} leads have no create date and are in no cohort`,
    );
  }
  return { leadToMql, sql, opportunity, notes };
}
