import type { Db } from "../db/index.js";
import type { FeatureBin, FeatureInfo } from "../features/build-bins.js";

/**
 * The features stage's bins as it stored them (feature_bins; open ends, stored as ±infinity,
 * back to null) and the features of lead_feature_catalog that have bins.
 */
export async function storedBins(db: Db): Promise<{ features: FeatureInfo[]; bins: FeatureBin[] }> {
  const features = (
    await db.all<{ feature: string; family: FeatureInfo["family"]; kind: FeatureInfo["kind"] }>(
      "SELECT feature, family, kind FROM lead_feature_catalog WHERE feature IN (SELECT feature FROM feature_bins) ORDER BY feature",
    )
  ).map((f) => ({ ...f, trend: null }));
  const bins = (
    await db.all<FeatureBin>(
      "SELECT feature, bin, label, role, category, lo, hi FROM feature_bins ORDER BY feature, bin",
    )
  ).map((b) => ({
    ...b,
    lo: b.lo === Number.NEGATIVE_INFINITY ? null : b.lo,
    hi: b.hi === Number.POSITIVE_INFINITY ? null : b.hi,
  }));
  return { features, bins };
}
