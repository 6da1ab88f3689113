import type { Config } from "../config/schema.js";
import type { Db } from "../db/index.js";
import { type ResolvedWindows, resolveWindows } from "./resolve-windows.js";

/** Counts that every features / fit run reports about its labels. */
export interface LabelCounts {
  leads: number;
  mature: number;
  immature: number;
  /** Mature leads never handed to sales: no observed SQL outcome. */
  neverHanded: number;
  /** Mature leads whose decision time is unknown (no dates). */
  undated: number;
  won: number;
  sql: number;
  /** Leads with an mql_at; 0: hand-offs are only seen through acceptance, SQL rates are 100%. */
  mqlDated: number;
}

/**
 * Build the labels contract: the macros, the one-row `feature_run` table with the resolved
 * windows, and `lead_labels` (queries/features/labels.sql). Backtest and score call this too,
 * so all stages label leads identically.
 */
export async function buildLabels(
  db: Db,
  windows: Config["windows"],
  halfLifeDays: number,
): Promise<{ windows: ResolvedWindows; counts: LabelCounts }> {
  await db.exec("features/macros");
  const resolved = await resolveWindows(db, windows, halfLifeDays);
  await db.transaction(async () => {
    await db.exec("features/feature-run", {
      as_of: resolved.asOf === null ? null : toTimestampText(resolved.asOf),
      decision: resolved.decision,
      scoring_days: resolved.scoringDays,
      maturity_days: resolved.maturityDays,
      maturity_source: resolved.maturitySource,
      half_life_days: resolved.halfLifeDays,
      has_dates: resolved.hasDates,
      has_activities: resolved.hasActivities,
    });
    await db.exec("features/labels");
  });
  const counts = await db.query<LabelCounts>("features/label-counts");
  return { windows: resolved, counts: counts[0] as LabelCounts };
}

/** `2026-09-30 12:00:00.000` (UTC), a literal DuckDB casts to TIMESTAMP. */
export function toTimestampText(date: Date): string {
  return date.toISOString().replace("T", " ").replace("Z", "");
}
