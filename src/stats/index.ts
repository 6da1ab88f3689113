/**
 * Pure statistics: data in, typed results out; no I/O. One function per file, each tested
 * against reference values from statsmodels, scikit-learn, scipy or R (test/fixtures/reference/).
 */
export { auc } from "./auc.js";
export { brierScore } from "./brier-score.js";
export { type DecileRow, type DecileTableOptions, decileTable } from "./decile-table.js";
export { IV_BANDS, IV_LEAKAGE_THRESHOLD, type IvBand, ivBand } from "./iv-band.js";
export { ksStatistic } from "./ks-statistic.js";
export {
  type LogisticRegressionOptions,
  type LogisticRegressionResult,
  logisticRegression,
  type SparsePredictors,
} from "./logistic-regression.js";
export { normalQuantile } from "./normal-quantile.js";
export { PSI_EPSILON, psi } from "./psi.js";
export { PSI_BANDS, type PsiBand, psiBand } from "./psi-band.js";
export { type WilsonInterval, wilsonInterval, Z_95 } from "./wilson-interval.js";
export { WOE_SMOOTHING, type WoeBin, type WoeBinCounts, type WoeIv, woeIv } from "./woe-iv.js";
