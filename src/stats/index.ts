/**
 * Pure statistics: data in, typed results out; no I/O. One function per file, each tested
 * against reference values from statsmodels, scikit-learn, scipy or R (test/fixtures/reference/).
 */
export { auc } from "./auc.js";
export { brierScore } from "./brier-score.js";
export { IV_BANDS, IV_LEAKAGE_THRESHOLD, type IvBand, ivBand } from "./iv-band.js";
export { ksStatistic } from "./ks-statistic.js";
export { type WilsonInterval, wilsonInterval, Z_95 } from "./wilson-interval.js";
export { WOE_SMOOTHING, type WoeBin, type WoeBinCounts, type WoeIv, woeIv } from "./woe-iv.js";
