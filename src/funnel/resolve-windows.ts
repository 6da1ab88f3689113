import type { Db } from "../db/index.js";
import { UserError } from "../errors.js";
import { DEFAULT_MATURITY_DAYS, MIN_WON_FOR_AUTO_MATURITY } from "../features/resolve-windows.js";

/** The time frame every funnel and channels figure is computed in. */
export interface FunnelWindows {
  /** The data's "today": outcomes after it are not seen, cohorts are judged mature against it. */
  asOf: Date;
  asOfSource: "config" | "data";
  /** Whole days an outcome (SQL, won) may take to count. */
  maturityDays: number;
  /** config: set in handoff.yaml; auto: p90 of lead-to-won days; default: too few wins to measure. */
  maturitySource: "config" | "auto" | "default";
  /** For "auto" and "default": the won leads the 90th percentile was (or could not be) taken from. */
  maturityBasis?: { wonLeads: number; p90Days: number | null; medianDays: number | null };
}

/**
 * Resolve `windows.as_of` and `windows.maturity_days` for the funnel. Needs the lead_stages view.
 *
 * - as_of: the configured ISO date means "data through the end of that day" (next midnight UTC);
 *   unset, the latest timestamp anywhere in the data (queries/features/data-as-of.sql, the same
 *   as-of the features stage uses).
 * - maturity_days: a number is used as is (rounded up to whole days); "auto" is the 90th
 *   percentile of days from lead creation to the won deal's close among won leads, rounded up
 *   (queries/funnel/lead-to-won-days.sql): nine in ten won leads had closed by then. With fewer
 *   than MIN_WON_FOR_AUTO_MATURITY (20) won leads to measure, DEFAULT_MATURITY_DAYS (180).
 *   The thresholds are the features stage's (src/features/resolve-windows.ts); the measure
 *   differs on purpose: features count from the decision time, cohorts are by creation date,
 *   so their maturity counts from creation.
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
    const [row] = await db.query<{ as_of: Date | null }>("features/data-as-of");
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
  if (maturityBasis.wonLeads < MIN_WON_FOR_AUTO_MATURITY || maturityBasis.p90Days === null) {
    return {
      asOf,
      asOfSource,
      maturityDays: DEFAULT_MATURITY_DAYS,
      maturitySource: "default",
      maturityBasis,
    };
  }
  return {
    asOf,
    asOfSource,
    maturityDays: Math.max(1, Math.ceil(maturityBasis.p90Days - 1e-9)),
    maturitySource: "auto",
    maturityBasis,
  };
}
