/** How much a distribution has moved, from its population stability index. */
export type PsiBand = "stable" | "watch" | "shifted";

/** Lower edges of the PSI bands (Siddiqi 2006; Yurdakul 2018): watch, shifted. */
export const PSI_BANDS = { watch: 0.1, shifted: 0.25 } as const;

/**
 * The conventional reading of a [population stability index](https://scholarworks.wmich.edu/dissertations/3208)
 * (Siddiqi, *Credit Risk Scorecards*, 2006; Yurdakul 2018): below 0.1 no significant change,
 * 0.1 up to and including 0.25 worth watching, above 0.25 a significant shift (refit or
 * re-check the threshold).
 *
 * @param psi a PSI value, ≥ 0
 * @returns the band
 * @throws {RangeError} if psi is NaN or negative
 * @example
 * psiBand(0.12); // => "watch"
 */
export function psiBand(psi: number): PsiBand {
  if (Number.isNaN(psi) || psi < 0) {
    throw new RangeError(`psiBand requires a population stability index ≥ 0: got ${psi}`);
  }
  if (psi < PSI_BANDS.watch) return "stable";
  if (psi <= PSI_BANDS.shifted) return "watch";
  return "shifted";
}
