import type { Db } from "../db/index.js";
import { UserError } from "../errors.js";

/**
 * Create the `lead_stages` temp view (queries/funnel/lead-stages.sql) that every funnel and
 * channels query reads, and the features stage's macros (queries/features/macros.sql:
 * seniority_of, size_band_of) that the ICP rules use. Fails with a user error when the
 * database has not been loaded.
 */
export async function prepareLeadStages(db: Db): Promise<void> {
  for (const table of ["leads", "deals", "deal_leads", "activities", "spend"]) {
    if (!(await db.hasTable(table))) {
      throw new UserError(
        `database ${db.path} has no "${table}" table: load your exports first (handoff load)`,
      );
    }
  }
  await db.execOnce("features/macros");
  await db.exec("funnel/lead-stages");
}
