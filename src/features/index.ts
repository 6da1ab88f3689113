/** The features and fit stages as a library (re-exported from src/index.ts). */
export {
  type BinCount,
  type BuiltBins,
  buildBins,
  type FeatureBin,
  type FeatureInfo,
} from "./build-bins.js";
export { buildFeatures, type FeaturesResult, type SplitPlan } from "./build-features.js";
export { buildLabels, type LabelCounts } from "./build-labels.js";
export {
  type FitOptions,
  type FittedScorecard,
  fitScorecard,
  type SplitMetrics,
  splitMetrics,
  suggestThreshold,
} from "./fit-scorecard.js";
export { mergeMonotonicBins, type RangeBin } from "./merge-monotonic-bins.js";
export { type FeatureProfile, type ProfileBin, profileFeatures } from "./profile-features.js";
export { profileTable } from "./profile-table.js";
export { type ResolvedWindows, resolveWindows } from "./resolve-windows.js";
