import {
  IV_LEAKAGE_THRESHOLD,
  type IvBand,
  ivBand,
  wilsonInterval,
  woeIv,
} from "../stats/index.js";
import type { BinCount, FeatureBin, FeatureInfo } from "./build-bins.js";

/** One bin's row of the profile. */
export interface ProfileBin {
  bin: number;
  label: string;
  leads: number;
  /** Won among the bin's mature leads, with its 95% Wilson interval. */
  won: number;
  wonRate: number;
  wonLow: number;
  wonHigh: number;
  /** Leads handed to sales (SQL observed), SQL among them, and the SQL rate with its interval. */
  handed: number;
  sql: number;
  sqlRate: number;
  sqlLow: number;
  sqlHigh: number;
  /** The target (won or sql): outcomes, non-outcomes, rate / base rate, weight of evidence. */
  events: number;
  nonEvents: number;
  lift: number;
  woe: number;
  iv: number;
  /** Fewer target outcomes than min_bin_outcomes (or fewer non-outcomes): unstable. */
  thin: boolean;
}

export interface FeatureProfile {
  feature: string;
  family: FeatureInfo["family"];
  kind: FeatureInfo["kind"];
  trend: FeatureInfo["trend"];
  iv: number;
  band: IvBand;
  warnings: string[];
  bins: ProfileBin[];
}

export interface ProfileOptions {
  target: "won" | "sql";
  minBinOutcomes: number;
}

/**
 * The feature profile: per feature and bin, the won and SQL rates with Wilson intervals, lift
 * over the target's base rate, WoE and IV (stats/woeIv, smoothing 0.5 for empty cells);
 * features sorted by IV, highest first. Bins without leads are left out. Warnings: IV above
 * 0.5 (too good to be true: likely leakage, e.g. a field filled in by sales after handoff),
 * and bins with fewer than `minBinOutcomes` target outcomes.
 */
export function profileFeatures(
  features: readonly FeatureInfo[],
  bins: readonly FeatureBin[],
  counts: readonly BinCount[],
  options: ProfileOptions,
): FeatureProfile[] {
  const profiles: FeatureProfile[] = [];
  for (const f of features) {
    const rows = bins
      .filter((b) => b.feature === f.feature)
      .map((b) => ({ b, c: counts.find((c) => c.feature === f.feature && c.bin === b.bin) }))
      .filter((x): x is { b: FeatureBin; c: BinCount } => x.c !== undefined && x.c.leads > 0);
    const events = rows.reduce((s, r) => s + r.c.events, 0);
    const nonEvents = rows.reduce((s, r) => s + r.c.non_events, 0);
    const base = events + nonEvents > 0 ? events / (events + nonEvents) : Number.NaN;
    const canWoe = events > 0 && nonEvents > 0 && rows.length > 0;
    const woe = canWoe
      ? woeIv(rows.map((r) => ({ events: r.c.events, nonEvents: r.c.non_events })))
      : null;
    const profileBins: ProfileBin[] = rows.map((r, i) => {
      const won = wilsonInterval(r.c.won, r.c.leads);
      const sql = wilsonInterval(r.c.sql, r.c.handed);
      const n = r.c.events + r.c.non_events;
      return {
        bin: r.b.bin,
        label: r.b.label,
        leads: r.c.leads,
        won: r.c.won,
        wonRate: won.estimate,
        wonLow: won.low,
        wonHigh: won.high,
        handed: r.c.handed,
        sql: r.c.sql,
        sqlRate: sql.estimate,
        sqlLow: sql.low,
        sqlHigh: sql.high,
        events: r.c.events,
        nonEvents: r.c.non_events,
        lift: n > 0 && base > 0 ? r.c.events / n / base : Number.NaN,
        woe: woe?.bins[i]?.woe ?? Number.NaN,
        iv: woe?.bins[i]?.iv ?? 0,
        thin: r.c.events < options.minBinOutcomes || r.c.non_events < options.minBinOutcomes,
      };
    });
    const iv = woe?.iv ?? 0;
    const warnings: string[] = [];
    if (iv > IV_LEAKAGE_THRESHOLD) {
      warnings.push(
        `IV ${iv.toFixed(2)} is above ${IV_LEAKAGE_THRESHOLD}: unusually strong; make sure ${f.feature} is known before the decision time and is not filled in because of the outcome (possible leakage)`,
      );
    }
    const thin = profileBins.filter((b) => b.thin);
    if (thin.length > 0) {
      warnings.push(
        `${thin.length} bin${thin.length > 1 ? "s" : ""} with fewer than ${options.minBinOutcomes} ${options.target} outcomes or non-outcomes (${thin.map((b) => b.label).join(", ")}): rates there are unstable`,
      );
    }
    if (!canWoe) warnings.push(`no ${options.target} outcomes and non-outcomes to compare`);
    profiles.push({
      feature: f.feature,
      family: f.family,
      kind: f.kind,
      trend: f.trend,
      iv,
      band: ivBand(iv),
      warnings,
      bins: profileBins,
    });
  }
  return profiles.sort((a, b) => b.iv - a.iv || a.feature.localeCompare(b.feature));
}
