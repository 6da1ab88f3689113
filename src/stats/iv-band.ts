/** How predictive a binned feature is, from its information value. */
export type IvBand = "none" | "weak" | "medium" | "strong";

/** Lower edges of the IV bands (Siddiqi 2006, p. 81): weak, medium, strong. */
export const IV_BANDS = { weak: 0.02, medium: 0.1, strong: 0.3 } as const;

/**
 * An information value above this is "too good to be true" (Siddiqi 2006): the feature
 * probably leaks the outcome (it is recorded after the decision, or derived from it). Check
 * it before trusting it.
 */
export const IV_LEAKAGE_THRESHOLD = 0.5;

/**
 * The conventional [information value](https://documentation.sas.com/doc/en/vdmmlcdc/8.1/casstat/viyastat_binning_details02.htm)
 * rule of thumb (Siddiqi, *Credit Risk Scorecards*, 2006): below 0.02 not predictive,
 * 0.02 up to 0.1 weak, 0.1 up to and including 0.3 medium, above 0.3 strong.
 * See {@link IV_LEAKAGE_THRESHOLD} for values that are suspiciously high.
 *
 * @param iv an information value, ≥ 0
 * @returns the band
 * @throws {RangeError} if iv is NaN or negative
 * @example
 * ivBand(0.15); // => "medium"
 */
export function ivBand(iv: number): IvBand {
  if (Number.isNaN(iv) || iv < 0) {
    throw new RangeError(`ivBand requires an information value ≥ 0: got ${iv}`);
  }
  if (iv < IV_BANDS.weak) return "none";
  if (iv < IV_BANDS.medium) return "weak";
  if (iv <= IV_BANDS.strong) return "medium";
  return "strong";
}
