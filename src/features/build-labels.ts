import type { Config } from "../config/schema.js";
import {
  type Db,
  dataFingerprint,
  openResultStore,
  queriesFingerprint,
  reuseAllowed,
  settingsKey,
} from "../db/index.js";
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
 *
 * feature_run and lead_labels are rebuilt only when they were not built under the same key
 * ({@link labelsKey}: the resolved windows, the loaded data, the code), as recorded in the
 * one-row table `lead_labels_run` with their counts; otherwise they are reused as they are
 * (`reused`), e.g. by `handoff fit`, `backtest` and `report` after `handoff features`
 * (HANDOFF_RECOMPUTE=1 rebuilds them regardless). The record is dropped and rewritten in the
 * transaction that rebuilds the tables, so a build stopped half-way leaves no record.
 */
export async function buildLabels(
  db: Db,
  windows: Config["windows"],
  halfLifeDays: number,
): Promise<{ windows: ResolvedWindows; counts: LabelCounts; reused: boolean }> {
  await db.execOnce("features/macros");
  // resolving `auto` maturity reads every won deal: stored as `features/windows` (stage_result)
  // under the window settings, the half-life, the loaded data and the code
  const store = await openResultStore(db, LABELS_VERSION);
  const resolved = await store.reuse("features/windows", { windows, halfLifeDays }, () =>
    resolveWindows(db, windows, halfLifeDays),
  );
  const key = await labelsKey(db, resolved);
  const recorded = await readLabelsRun(db, key);
  if (recorded !== null) return { windows: resolved, counts: recorded, reused: true };
  const counts = await db.transaction(async () => {
    await db.run("DROP TABLE IF EXISTS lead_labels_run");
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
    const [row] = await db.query<LabelCounts>("features/label-counts");
    // feature_run's built_at ties the record to this feature_run: a build by code that does
    // not know the record (an older version) rewrites feature_run and so voids the record
    await db.run(
      "CREATE TABLE lead_labels_run AS SELECT $key AS settings_key, $counts AS counts, built_at AS feature_run_at, now()::TIMESTAMP AS built_at FROM feature_run",
      { key, counts: JSON.stringify(row) },
    );
    return row as LabelCounts;
  });
  return { windows: resolved, counts, reused: false };
}

/** Bump when what buildLabels writes changes other than through a query file or the windows. */
const LABELS_VERSION = 1;

/**
 * The key feature_run and lead_labels are recorded under (lead_labels_run): everything they
 * depend on. labels.sql reads no config key directly, only feature_run, so that is the resolved
 * windows (as-of, decision, scoring and maturity days and where the maturity came from,
 * half-life, whether the data has dates and activities), the loaded data (dataFingerprint:
 * load_log and the canonical tables' row counts) and the code (queriesFingerprint: every query
 * file, macros.sql and labels.sql among them, and Handoff's modules), plus a version.
 */
export async function labelsKey(db: Db, windows: ResolvedWindows): Promise<string> {
  return settingsKey({
    version: LABELS_VERSION,
    windows: {
      asOf: windows.asOf,
      decision: windows.decision,
      scoringDays: windows.scoringDays,
      maturityDays: windows.maturityDays,
      maturitySource: windows.maturitySource,
      halfLifeDays: windows.halfLifeDays,
      hasDates: windows.hasDates,
      hasActivities: windows.hasActivities,
    },
    data: await dataFingerprint(db),
    queries: queriesFingerprint(),
  });
}

/**
 * The counts recorded with lead_labels when it was built under `key`, together with the
 * feature_run that is there now, and both tables are still there.
 */
async function readLabelsRun(db: Db, key: string): Promise<LabelCounts | null> {
  if (!reuseAllowed()) return null;
  for (const table of ["lead_labels_run", "lead_labels", "feature_run"])
    if (!(await db.hasTable(table))) return null;
  const [row] = await db.all<{ counts: string }>(
    "SELECT r.counts FROM lead_labels_run r JOIN feature_run f ON f.built_at = r.feature_run_at WHERE r.settings_key = $key",
    { key },
  );
  return row === undefined ? null : (JSON.parse(row.counts) as LabelCounts);
}

/** `2026-09-30 12:00:00.000` (UTC), a literal DuckDB casts to TIMESTAMP. */
export function toTimestampText(date: Date): string {
  return date.toISOString().replace("T", " ").replace("Z", "");
}
