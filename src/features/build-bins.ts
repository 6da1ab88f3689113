import type { Db } from "../db/index.js";
import { binCountsSql, leadBinsSql } from "./lead-bins-sql.js";
import { mergeMonotonicBins, type RangeBin } from "./merge-monotonic-bins.js";
import { numericCutsSql } from "./numeric-cuts-sql.js";

/** One bin of a feature, as stored in feature_bins. */
export interface FeatureBin {
  feature: string;
  bin: number;
  label: string;
  role: "category" | "other" | "missing" | "range";
  category: string | null;
  /** Range bins: lo <= value < hi; null for an open end. */
  lo: number | null;
  hi: number | null;
}

/** A candidate feature: what lead_features holds for it and how its bins were made. */
export interface FeatureInfo {
  feature: string;
  family: "fit" | "intent" | "engagement";
  kind: "categorical" | "numeric";
  /** Numeric features: the monotone trend of the target rate over the bins, or none. */
  trend: "increasing" | "decreasing" | "none" | null;
}

/** Outcome counts of one bin among training leads (binCountsSql). */
export interface BinCount {
  feature: string;
  bin: number;
  leads: number;
  won: number;
  handed: number;
  sql: number;
  events: number;
  non_events: number;
  mean_num: number | null;
  max_num: number | null;
}

export interface BinOptions {
  maxCategories: number;
  numericBins: number;
  minBinLeads: number;
  /**
   * Also write every fit_sample lead's final bins (lead_bins_wide, and the long view lead_bins:
   * leadBinsSql), for the fit's patterns and scoring. The profile needs only the counts.
   */
  leadBins?: boolean;
}

export interface BuiltBins {
  features: FeatureInfo[];
  bins: FeatureBin[];
  counts: BinCount[];
}

/**
 * Bin every feature of lead_features (wide; lead_feature_catalog lists the features) on the
 * training leads of fit_sample, in five steps:
 * 1. categorical: the top categories (category-counts.sql) + "other" + "missing";
 * 2. numeric: starting cuts at quantiles (numericCutsSql: a sorted list per column) + "missing";
 * 3. count outcomes per starting bin: every lead's bins assigned on the fly in one pass over
 *    the wide table, one CASE expression per feature (binCountsSql);
 * 4. merge numeric bins into monotone ones where the data supports it (mergeMonotonicBins);
 * 5. store the final bins (feature-bins.sql) and count again the same way the features whose
 *    bins the merging changed; for the fit, write the final bins of every fit_sample lead
 *    (lead_bins_wide, leadBinsSql).
 * Row-level work stays in DuckDB; only bin counts come back.
 */
export async function buildBins(db: Db, options: BinOptions): Promise<BuiltBins> {
  const features = await db.all<FeatureInfo>(
    "SELECT feature, family::VARCHAR AS family, kind::VARCHAR AS kind, NULL AS trend FROM lead_feature_catalog ORDER BY feature",
  );
  const categories = await db.query<{ feature: string; category: string; leads: number }>(
    "features/category-counts",
    { max_categories: options.maxCategories, min_leads: options.minBinLeads },
  );
  const cuts = await db.all<{ feature: string; cut: number }>(
    numericCutsSql(features.filter((f) => f.kind === "numeric").map((f) => f.feature)),
    { bins: options.numericBins },
  );

  // 1-2. starting bins
  const initial: FeatureBin[] = [];
  for (const f of features) {
    if (f.kind === "categorical") {
      const kept = categories.filter((c) => c.feature === f.feature);
      kept.forEach((c, i) => {
        initial.push(bin(f.feature, i, c.category, "category", c.category, null, null));
      });
      initial.push(bin(f.feature, kept.length, "other", "other", null, null, null));
      initial.push(bin(f.feature, kept.length + 1, "missing", "missing", null, null, null));
    } else {
      const edges = cuts.filter((c) => c.feature === f.feature).map((c) => c.cut);
      initial.push(...rangeBins(f.feature, edges));
    }
  }
  // 3. counts of the starting bins
  let counts = await db.all<BinCount>(binCountsSql(features, initial));

  // 4. monotone merging of numeric bins
  const final: FeatureBin[] = [];
  for (const f of features) {
    const own = initial.filter((b) => b.feature === f.feature);
    if (f.kind === "categorical") {
      final.push(...own);
      continue;
    }
    const ranges: RangeBin[] = own
      .filter((b) => b.role === "range")
      .map((b) => {
        const c = counts.find((x) => x.feature === f.feature && x.bin === b.bin);
        return {
          lo: b.lo ?? Number.NEGATIVE_INFINITY,
          hi: b.hi ?? Number.POSITIVE_INFINITY,
          leads: c?.leads ?? 0,
          events: c?.events ?? 0,
          nonEvents: c?.non_events ?? 0,
        };
      });
    const merged = mergeMonotonicBins(ranges, options.minBinLeads);
    f.trend = merged.trend;
    const edges = merged.bins.slice(1).map((b) => b.lo);
    final.push(...rangeBins(f.feature, edges));
  }
  // 5. final bins and their counts: recounted for the features whose bins the merging changed;
  // the others keep the counts of step 3 (the same bins over the same leads)
  await db.exec("features/feature-bins", { bins: JSON.stringify(final) });
  const binsOf = (list: FeatureBin[], feature: string) =>
    JSON.stringify(list.filter((b) => b.feature === feature));
  const changed = new Set(
    features
      .filter((f) => binsOf(initial, f.feature) !== binsOf(final, f.feature))
      .map((f) => f.feature),
  );
  const recounted =
    changed.size === 0
      ? []
      : await db.all<BinCount>(
          binCountsSql(
            features.filter((f) => changed.has(f.feature)),
            final,
          ),
        );
  // in the order of one query over every feature: feature (as lead_feature_catalog sorts), bin
  counts = features.flatMap((f) =>
    (changed.has(f.feature) ? recounted : counts).filter((c) => c.feature === f.feature),
  );
  if (options.leadBins) for (const sql of leadBinsSql(features, final)) await db.run(sql);
  return { features, bins: final, counts };
}

function bin(
  feature: string,
  index: number,
  label: string,
  role: FeatureBin["role"],
  category: string | null,
  lo: number | null,
  hi: number | null,
): FeatureBin {
  return { feature, bin: index, label, role, category, lo, hi };
}

/** Range bins from ascending cut points: (-∞, c1), [c1, c2), ..., [ck, ∞), then missing. */
export function rangeBins(feature: string, cuts: readonly number[]): FeatureBin[] {
  const edges = [...new Set(cuts)].sort((a, b) => a - b);
  const out: FeatureBin[] = [];
  const bounds: [number | null, number | null][] = [];
  if (edges.length === 0) bounds.push([null, null]);
  else {
    bounds.push([null, edges[0] as number]);
    for (let i = 0; i < edges.length - 1; i++)
      bounds.push([edges[i] as number, edges[i + 1] as number]);
    bounds.push([edges[edges.length - 1] as number, null]);
  }
  bounds.forEach(([lo, hi], i) => {
    out.push(bin(feature, i, rangeLabel(lo, hi), "range", null, lo, hi));
  });
  out.push(bin(feature, bounds.length, "missing", "missing", null, null, null));
  return out;
}

/** "< 10", "10 to < 50", ">= 50", "all". */
export function rangeLabel(lo: number | null, hi: number | null): string {
  if (lo === null && hi === null) return "all";
  if (lo === null) return `< ${formatNumber(hi as number)}`;
  if (hi === null) return `>= ${formatNumber(lo)}`;
  return `${formatNumber(lo)} to < ${formatNumber(hi)}`;
}

function formatNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(3)));
}
