import type { Config } from "../config/schema.js";
import type { Db } from "../db/index.js";

/** The windows a features build actually used, after defaults and `auto` are resolved. */
export interface ResolvedWindows {
  /** The data's "today"; null when the data has no timestamps at all. */
  asOf: Date | null;
  decision: "created" | "mql";
  scoringDays: number;
  maturityDays: number;
  /** config: set in handoff.yaml; auto: p90 of decision-to-won days; default: too few wins to measure. */
  maturitySource: "config" | "auto" | "default";
  /** Won leads the auto maturity was measured on (0 when not measured). */
  maturityWonLeads: number;
  halfLifeDays: number;
  /** Leads carry created_at (false for flat exports without dates). */
  hasDates: boolean;
  /** The activities table has rows. */
  hasActivities: boolean;
}

/** Fewer won leads than this and `maturity_days: auto` falls back to DEFAULT_MATURITY_DAYS. */
export const MIN_WON_FOR_AUTO_MATURITY = 20;
/** Used when auto cannot be measured: a common B2B sales-cycle allowance. */
export const DEFAULT_MATURITY_DAYS = 180;
/** The percentile of decision-to-won days that `maturity_days: auto` uses. */
export const AUTO_MATURITY_QUANTILE = 0.9;

/**
 * Resolve `windows` against the loaded data:
 * 1. as_of: the configured date (its end: the next midnight UTC), else the latest timestamp in
 *    the data.
 * 2. maturity_days: a number as configured; `auto` is the 90th percentile of the days from
 *    decision time to won (time-to-won.sql), rounded up to whole days, at least 1; with fewer
 *    than 20 won leads it is 180 days (source "default").
 * The macros (features/macros.sql) must exist.
 */
export async function resolveWindows(
  db: Db,
  windows: Config["windows"],
  halfLifeDays: number,
): Promise<ResolvedWindows> {
  const asOf =
    windows.as_of !== undefined
      ? new Date(Date.parse(`${windows.as_of}T00:00:00Z`) + 86_400_000)
      : ((await db.query<{ as_of: Date | null }>("features/data-as-of"))[0]?.as_of ?? null);
  const facts = await db.all<{ dated: number; activities: number }>(
    "SELECT (SELECT count(*) FROM leads WHERE created_at IS NOT NULL)::INTEGER AS dated, (SELECT count(*) FROM activities)::INTEGER AS activities",
  );
  const hasDates = (facts[0]?.dated ?? 0) > 0;
  const hasActivities = (facts[0]?.activities ?? 0) > 0;

  let maturityDays: number;
  let maturitySource: ResolvedWindows["maturitySource"];
  let maturityWonLeads = 0;
  if (windows.maturity_days !== "auto") {
    maturityDays = windows.maturity_days;
    maturitySource = "config";
  } else {
    const rows = await db.query<{ won_leads: number; p90_days: number | null }>(
      "features/time-to-won",
      { decision: windows.decision, scoring_days: windows.scoring_days },
    );
    maturityWonLeads = rows[0]?.won_leads ?? 0;
    const p90 = rows[0]?.p90_days ?? null;
    if (maturityWonLeads >= MIN_WON_FOR_AUTO_MATURITY && p90 !== null) {
      maturityDays = Math.max(1, Math.ceil(p90 - 1e-9));
      maturitySource = "auto";
    } else {
      maturityDays = DEFAULT_MATURITY_DAYS;
      maturitySource = "default";
    }
  }
  return {
    asOf,
    decision: windows.decision,
    scoringDays: windows.scoring_days,
    maturityDays,
    maturitySource,
    maturityWonLeads,
    halfLifeDays,
    hasDates,
    hasActivities,
  };
}
