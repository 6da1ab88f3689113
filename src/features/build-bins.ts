import type { Db } from "../db/index.js";
import { mergeMonotonicBins, type RangeBin } from "./merge-monotonic-bins.js";

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

/** Outcome counts of one bin among training leads (bin-counts.sql). */
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
}

export interface BuiltBins {
  features: FeatureInfo[];
  bins: FeatureBin[];
  counts: BinCount[];
}

/**
 * Bin every feature in lead_features on the training leads of fit_sample, in five steps:
 * 1. categorical: the top categories (category-counts.sql) + "other" + "missing";
 * 2. numeric: starting cuts at quantiles (numeric-cuts.sql) + "missing";
 * 3. assign every lead a bin (lead-bins.sql) and count outcomes per bin (bin-counts.sql);
 * 4. merge numeric bins into monotone ones where the data supports it (mergeMonotonicBins);
 * 5. store the final bins, move every lead from its starting bin to the merged one that holds it
 *    (binRemap, remap-lead-bins.sql: a join on the bin number, not a second placement of every
 *    value in the ranges) and recount.
 * Row-level work stays in DuckDB; only bin counts come back.
 */
export async function buildBins(db: Db, options: BinOptions): Promise<BuiltBins> {
  const features = await db.all<FeatureInfo>(
    "SELECT feature, any_value(family) AS family, any_value(kind) AS kind, NULL AS trend FROM lead_features GROUP BY feature ORDER BY feature",
  );
  const categories = await db.query<{ feature: string; category: string; leads: number }>(
    "features/category-counts",
    { max_categories: options.maxCategories, min_leads: options.minBinLeads },
  );
  const cuts = await db.query<{ feature: string; cut: number }>("features/numeric-cuts", {
    bins: options.numericBins,
  });

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
  let counts = await storeAndCount(db, initial);

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
  // 5. final bins: leads move from their starting bin to the merged bin that holds it
  await db.exec("features/feature-bins", { bins: JSON.stringify(final) });
  await db.exec("features/remap-lead-bins", { remap: JSON.stringify(binRemap(initial, final)) });
  counts = await db.query<BinCount>("features/bin-counts");
  return { features, bins: final, counts };
}

/** One starting bin whose number changes in the merged bins (remap-lead-bins.sql). */
export interface BinMove {
  feature: string;
  from_bin: number;
  to_bin: number;
}

/**
 * Where each starting bin goes when the bins are merged: a range bin to the merged range that
 * contains it, "missing" to the merged "missing", categories to themselves. Only bins whose
 * number changes are listed. The merged bins of a feature must be unions of adjacent starting
 * ranges (what mergeMonotonicBins produces); anything else is a bug and throws.
 */
export function binRemap(initial: readonly FeatureBin[], final: readonly FeatureBin[]): BinMove[] {
  const byFeature = new Map<string, FeatureBin[]>();
  for (const b of final) {
    const list = byFeature.get(b.feature) ?? [];
    list.push(b);
    byFeature.set(b.feature, list);
  }
  const moves: BinMove[] = [];
  for (const b of initial) {
    const own = byFeature.get(b.feature) ?? [];
    let target: FeatureBin | undefined;
    if (b.role === "range") {
      const lo = b.lo ?? Number.NEGATIVE_INFINITY;
      const hi = b.hi ?? Number.POSITIVE_INFINITY;
      target = own.find(
        (f) =>
          f.role === "range" &&
          (f.lo ?? Number.NEGATIVE_INFINITY) <= lo &&
          hi <= (f.hi ?? Number.POSITIVE_INFINITY),
      );
    } else if (b.role === "missing" || b.role === "other") {
      target = own.find((f) => f.role === b.role);
    } else {
      target = own.find((f) => f.role === "category" && f.category === b.category);
    }
    if (target === undefined)
      throw new Error(`bin ${b.bin} (${b.label}) of ${b.feature} has no merged bin containing it`);
    if (target.bin !== b.bin)
      moves.push({ feature: b.feature, from_bin: b.bin, to_bin: target.bin });
  }
  return moves;
}

async function storeAndCount(db: Db, bins: FeatureBin[]): Promise<BinCount[]> {
  await db.exec("features/feature-bins", { bins: JSON.stringify(bins) });
  await db.exec("features/lead-bins");
  return db.query<BinCount>("features/bin-counts");
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
