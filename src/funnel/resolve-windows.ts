import type { Db } from "../db/index.js";
import { UserError } from "../errors.js";

/** The time frame every funnel and channels figure is computed in. */
export interface FunnelWindows {
  /** The data's "today": outcomes after it are not seen, cohorts are judged mature against it. */
  asOf: Date;
  asOfSource: "config" | "data";
  /** Whole days an outcome (SQL, won) may take to count. */
  maturityDays: number;
  maturitySource: "config" | "auto" | "fallback";
  /** For "auto" and "fallback": the won leads the 90th percentile was (or could not be) taken from. */
  maturityBasis?: { wonLeads: number; p90Days: number | null; medianDays: number | null };
}

/** Fewer won leads than this with both dates and "auto" maturity falls back to a fixed window. */
export const AUTO_MATURITY_MIN_WON = 10;
/** The fixed maturity window used when "auto" has too few won leads to measure (days). */
export const FALLBACK_MATURITY_DAYS = 180;

/**
 * Resolve `windows.as_of` and `windows.maturity_days` for the funnel. Needs the lead_stages view.
 *
 * - as_of: the configured ISO date means "data through the end of that day" (next midnight UTC);
 *   unset, the latest timestamp anywhere in the data (queries/funnel/data-as-of.sql).
 * - maturity_days: a number is used as is; "auto" is the 90th percentile of days from lead
 *   creation to the won deal's close among won leads, rounded up to whole days
 *   (queries/funnel/lead-to-won-days.sql): nine in ten won leads had closed by then. With fewer
 *   than AUTO_MATURITY_MIN_WON won leads to measure, FALLBACK_MATURITY_DAYS (180) is used.
 */
export async function resolveWindows(
  db: Db,
  windows: { maturity_days: "auto" | number; as_of?: string | undefined },
): Promise<FunnelWindows> {
  let asOf: Date;
  let asOfSource: FunnelWindows["asOfSource"];
  if (windows.as_of !== undefined) {
    asOf = new Date(`${windows.as_of}T00:00:00.000Z`);
    asOf.setUTCDate(asOf.getUTCDate() + 1);
    asOfSource = "config";
  } else {
    const [row] = await db.query<{ as_of: Date | null }>("funnel/data-as-of");
    if (!row?.as_of) {
      throw new UserError(
        "the loaded data has no dates, so cohorts, maturity and SLA cannot be computed: load an export with create dates, or set windows.as_of",
      );
    }
    asOf = row.as_of;
    asOfSource = "data";
  }

  if (windows.maturity_days !== "auto") {
    return {
      asOf,
      asOfSource,
      maturityDays: Math.ceil(windows.maturity_days),
      maturitySource: "config",
    };
  }
  const [basis] = await db.query<{
    won_leads: number;
    p90_days: number | null;
    median_days: number | null;
  }>("funnel/lead-to-won-days");
  const maturityBasis = {
    wonLeads: basis?.won_leads ?? 0,
    p90Days: basis?.p90_days ?? null,
    medianDays: basis?.median_days ?? null,
  };
  if (maturityBasis.wonLeads < AUTO_MATURITY_MIN_WON || maturityBasis.p90Days === null) {
    return {
      asOf,
      asOfSource,
      maturityDays: FALLBACK_MATURITY_DAYS,
      maturitySource: "fallback",
      maturityBasis,
    };
  }
  return {
    asOf,
    asOfSource,
    maturityDays: Math.max(1, Math.ceil(maturityBasis.p90Days)),
    maturitySource: "auto",
    maturityBasis,
  };
}
