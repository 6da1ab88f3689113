import { createHash } from "node:crypto";
import type { Config } from "../config/schema.js";
import { type Db, dataFingerprint, reuseAllowed } from "../db/index.js";
import { type BuiltBins, buildBins } from "./build-bins.js";
import { buildLabels, type LabelCounts } from "./build-labels.js";
import { leadFeatureColumns, leadFeaturesSql } from "./lead-features-sql.js";
import { type FeatureProfile, profileFeatures } from "./profile-features.js";
import type { ResolvedWindows } from "./resolve-windows.js";
import { writeLeadFeatures } from "./write-lead-features.js";

/** How fit_sample splits mature leads. */
export type SplitPlan =
  | { mode: "all" }
  | { mode: "periods"; validatePeriods: number }
  | { mode: "holdout"; share: number; seed: number };

export interface FeaturesResult {
  windows: ResolvedWindows;
  labels: LabelCounts;
  target: "won" | "sql";
  split: SplitPlan;
  /** Why the split is what it is (e.g. no dates: random stratified holdout). */
  splitNote: string;
  /** Leads per split with the target observed. */
  sample: { train: number; validation: number; trainEvents: number; validationEvents: number };
  /** Extra export columns used as features. */
  extras: string[];
  /**
   * lead_features was reused from an earlier build with the same settings on the same loaded
   * data (e.g. `handoff features` before `handoff fit`) instead of being rebuilt.
   */
  reusedLeadFeatures?: boolean;
  bins: BuiltBins;
  profiles: FeatureProfile[];
}

/**
 * The features stage, in order:
 * 1. labels (buildLabels: feature_run + lead_labels);
 * 2. lead_features as of decision time, wide (writeLeadFeatures: one column per feature, extra
 *    export columns included, minus `features.exclude`; lead_feature_catalog lists them);
 * 3. the sample split (fit-sample.sql): all mature leads for the profile; for fit, the latest
 *    quarters validate, or a random stratified holdout when there are no dates;
 * 4. bins and their counts on the training leads (buildBins);
 * 5. the profile (profileFeatures).
 */
export async function buildFeatures(
  db: Db,
  config: Config,
  options: { target: "won" | "sql"; purpose: "profile" | "fit"; validateQuarters?: number },
): Promise<FeaturesResult> {
  // 1.
  const { windows, counts } = await buildLabels(db, config.windows, config.features.half_life_days);
  // 2.
  const { extras, reused } = await ensureLeadFeatures(db, config, windows);
  // 3.
  const { split, note } = await planSplit(db, config, options, windows);
  await db.exec("features/fit-sample", {
    target: options.target,
    mode: split.mode,
    validate_periods: split.mode === "periods" ? split.validatePeriods : 0,
    holdout_share: split.mode === "holdout" ? split.share : 0,
    seed: split.mode === "holdout" ? split.seed : 0,
  });
  const sampleRows = await db.all<{ split: string; leads: number; events: number }>(
    "SELECT split, count(y)::INTEGER AS leads, count(*) FILTER (WHERE y)::INTEGER AS events FROM fit_sample GROUP BY split",
  );
  const train = sampleRows.find((r) => r.split === "train");
  const validation = sampleRows.find((r) => r.split === "validation");
  // 4.
  const bins = await buildBins(db, {
    maxCategories: config.features.max_categories,
    numericBins: config.features.numeric_bins,
    minBinLeads: config.features.min_bin_leads,
    leadBins: options.purpose === "fit",
  });
  // 5.
  const profiles = profileFeatures(bins.features, bins.bins, bins.counts, {
    target: options.target,
    minBinOutcomes: config.features.min_bin_outcomes,
  });
  return {
    windows,
    labels: counts,
    target: options.target,
    split,
    splitNote: note,
    sample: {
      train: train?.leads ?? 0,
      validation: validation?.leads ?? 0,
      trainEvents: train?.events ?? 0,
      validationEvents: validation?.events ?? 0,
    },
    extras,
    reusedLeadFeatures: reused,
    bins,
    profiles,
  };
}

/**
 * lead_features and lead_feature_catalog (writeLeadFeatures), rebuilt
 * only when it was not built with the same settings on the same loaded data. The settings key
 * (recorded in the one-row table lead_features_run when a build completes) covers everything
 * the table depends on: the resolved windows (as-of, decision, scoring and maturity days,
 * half-life: lead_labels' decision times and the decay), the sales activity types, the
 * exclusions, the loaded data (dataFingerprint: load_log and the tables' row counts), the
 * generated statement's text and this builder's version. The record is dropped before a rebuild
 * starts, so a build interrupted half-way is never taken for a complete one. With
 * HANDOFF_RECOMPUTE=1 (db/stage-results.ts reuseAllowed) it is always rebuilt.
 */
async function ensureLeadFeatures(
  db: Db,
  config: Config,
  windows: ResolvedWindows,
): Promise<{ extras: string[]; reused: boolean }> {
  const { key, settings } = await leadFeaturesKey(db, config, windows);
  if (
    reuseAllowed() &&
    (await db.hasTable("lead_features_run")) &&
    (await db.hasTable("lead_features")) &&
    (await db.hasTable("lead_feature_catalog"))
  ) {
    const recorded = await db.all<{ settings_key: string; extras: string }>(
      "SELECT settings_key, extras FROM lead_features_run LIMIT 1",
    );
    const row = recorded[0];
    if (row !== undefined && row.settings_key === key)
      return { extras: JSON.parse(row.extras) as string[], reused: true };
  }
  await db.run("DROP TABLE IF EXISTS lead_features_run");
  const extras = await writeLeadFeatures(db, {
    salesTypes: config.features.sales_activity_types,
    exclude: config.features.exclude,
  });
  await db.run(
    "CREATE TABLE lead_features_run AS SELECT $key AS settings_key, $settings AS settings, $extras AS extras, now()::TIMESTAMP AS built_at",
    { key, settings, extras: JSON.stringify(extras) },
  );
  return { extras, reused: false };
}

/**
 * The settings key lead_features is recorded under (see ensureLeadFeatures): what a build with
 * these resolved windows and config on the loaded data would be.
 */
export async function leadFeaturesKey(
  db: Db,
  config: Config,
  windows: ResolvedWindows,
): Promise<{ key: string; settings: string }> {
  const settings = JSON.stringify({
    version: LEAD_FEATURES_VERSION,
    // the generated statement for a fixed set of types stands for the generator's text
    query: createHash("sha256")
      .update(leadFeaturesSql(leadFeatureColumns(["a", "b"], false), ["a", "b"]))
      .update(leadFeaturesSql(leadFeatureColumns([], true), []))
      .digest("hex"),
    windows: {
      asOf: windows.asOf?.toISOString() ?? null,
      decision: windows.decision,
      scoringDays: windows.scoringDays,
      maturityDays: windows.maturityDays,
      halfLifeDays: windows.halfLifeDays,
      hasDates: windows.hasDates,
      hasActivities: windows.hasActivities,
    },
    salesTypes: config.features.sales_activity_types,
    exclude: config.features.exclude,
    data: await dataFingerprint(db),
  });
  return { key: createHash("sha256").update(settings).digest("hex"), settings };
}

/**
 * Bump when the way lead_features is built changes outside the generated statement
 * (write-lead-features.ts). 2: wide lead_features (one column per feature) and
 * lead_feature_catalog.
 */
const LEAD_FEATURES_VERSION = 2;

async function planSplit(
  db: Db,
  config: Config,
  options: { purpose: "profile" | "fit"; validateQuarters?: number },
  windows: ResolvedWindows,
): Promise<{ split: SplitPlan; note: string }> {
  if (options.purpose === "profile")
    return { split: { mode: "all" }, note: "profile of all mature leads" };
  const quarters = options.validateQuarters ?? config.fit.validate_quarters;
  const holdout: SplitPlan = {
    mode: "holdout",
    share: config.fit.holdout_share,
    seed: config.fit.seed,
  };
  const share = `${Math.round(config.fit.holdout_share * 100)}%`;
  if (!windows.hasDates) {
    return {
      split: holdout,
      note: `no lead dates: no out-of-time split possible; a random ${share} holdout stratified by the target (seed ${config.fit.seed}) validates instead`,
    };
  }
  const periods = await db.all<{ period: string; complete: boolean; mature: number }>(
    "SELECT period, bool_and(mature) AS complete, count(*) FILTER (WHERE mature)::INTEGER AS mature FROM lead_labels WHERE period IS NOT NULL GROUP BY period ORDER BY period",
  );
  const complete = periods.filter((p) => p.complete).map((p) => p.period);
  if (complete.length <= quarters) {
    return {
      split: holdout,
      note: `only ${complete.length} complete quarter${complete.length === 1 ? "" : "s"} (every lead mature): too few to train and validate on the latest ${quarters}; a random ${share} holdout stratified by the target (seed ${config.fit.seed}) validates instead`,
    };
  }
  const validation = complete.slice(-quarters);
  const first = validation[0] as string;
  const last = validation[validation.length - 1] as string;
  const trainFrom = periods[0]?.period as string;
  const before = periods.filter((p) => p.period < first).map((p) => p.period);
  const later = periods.filter((p) => p.period > last);
  const left = later.reduce((s, p) => s + p.mature, 0);
  const leftNote =
    later.length > 0
      ? `; ${later.map((p) => p.period).join(", ")} not complete (not all leads mature yet): their ${left} mature leads are left out`
      : "";
  return {
    split: { mode: "periods", validatePeriods: quarters },
    note: `out of time: train ${trainFrom}–${before[before.length - 1]}, validate ${first}${first !== last ? `–${last}` : ""}${leftNote}`,
  };
}
