/** Default share given to a bin that is empty in one of the two distributions. */
export const PSI_EPSILON = 1e-4;

/**
 * The [population stability index](https://scholarworks.wmich.edu/dissertations/3208)
 * (Yurdakul 2018; Siddiqi, *Credit Risk Scorecards*, 2006, ch. 8): how far a distribution
 * over bins has moved from a baseline,
 * PSI = Σᵢ (aᵢ − eᵢ) · ln(aᵢ / eᵢ), where eᵢ and aᵢ are bin i's shares of the expected
 * (baseline) and actual counts. It is the symmetric (Jeffreys) divergence between the two,
 * always ≥ 0, and 0 only when the shares are identical. See {@link psiBand} for how to read it.
 *
 * Empty bins: counts are first turned into shares; a share that is exactly 0 is replaced by
 * `epsilon` (default 1e-4, i.e. 0.01%) before the sum, so an empty bin adds a large but finite
 * amount. The other shares are not rescaled.
 *
 * @param expected counts per bin in the baseline period; finite, ≥ 0, positive total
 * @param actual counts per bin in the period being checked, same bins in the same order
 * @param options.epsilon share used for empty bins, in (0, 1); default 1e-4
 * @returns the PSI, ≥ 0
 * @throws {RangeError} on different lengths, no bins, negative or non-finite counts, a zero
 *   total, or an epsilon outside (0, 1)
 * @example
 * psi([50, 30, 20], [40, 30, 30]); // => 0.06286086594223739
 */
export function psi(
  expected: readonly number[],
  actual: readonly number[],
  options: { epsilon?: number } = {},
): number {
  const epsilon = options.epsilon ?? PSI_EPSILON;
  if (!(epsilon > 0 && epsilon < 1)) {
    throw new RangeError(`psi requires an epsilon in (0, 1): got ${epsilon}`);
  }
  if (expected.length !== actual.length) {
    throw new RangeError(
      `psi requires the same bins in both distributions: got ${expected.length} expected and ${actual.length} actual counts`,
    );
  }
  if (expected.length === 0) throw new RangeError("psi requires at least one bin");
  const expectedTotal = total("expected", expected);
  const actualTotal = total("actual", actual);

  let sum = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = (expected[i] as number) / expectedTotal || epsilon;
    const a = (actual[i] as number) / actualTotal || epsilon;
    sum += (a - e) * Math.log(a / e);
  }
  return sum;
}

function total(name: string, counts: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i] as number;
    if (!Number.isFinite(count) || count < 0) {
      throw new RangeError(`psi requires finite, non-negative counts: ${name}[${i}] is ${count}`);
    }
    sum += count;
  }
  if (sum === 0) throw new RangeError(`psi requires a positive total: all ${name} counts are 0`);
  return sum;
}
