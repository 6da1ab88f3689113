/** Result of {@link wilsonInterval}. */
export interface WilsonInterval {
  /** The observed proportion `successes / n`. */
  estimate: number;
  /** Lower bound of the interval, in [0, 1]. */
  low: number;
  /** Upper bound of the interval, in [0, 1]. */
  high: number;
}

/** z for a two-sided 95% interval: the 0.975 quantile of the standard normal. */
export const Z_95 = 1.959963984540054;

/**
 * The [Wilson score interval](https://en.wikipedia.org/wiki/Binomial_proportion_confidence_interval#Wilson_score_interval)
 * for a binomial proportion (Wilson 1927). Unlike the normal ("Wald") interval it stays
 * inside [0, 1] and keeps close to its nominal coverage for small `n` and proportions near 0
 * or 1, which is why it is used for conversion rates of small segments.
 *
 * With p̂ = successes / n:
 * centre = (p̂ + z²/2n) / (1 + z²/n), half-width = z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²).
 *
 * Same as `statsmodels.stats.proportion.proportion_confint(successes, n, method="wilson")`.
 * Counts may be fractional (weighted counts). With `n = 0` nothing is known: every field is NaN.
 *
 * @param successes number of successes, 0 ≤ successes ≤ n
 * @param n number of trials, ≥ 0
 * @param z normal quantile for the confidence level; default 1.959963984540054 (95%)
 * @returns the observed proportion and the interval bounds
 * @throws {RangeError} if the counts are not finite, n < 0, successes outside [0, n], or z ≤ 0
 * @example
 * wilsonInterval(8, 10); // => { estimate: 0.8, low: 0.4901624715366417, high: 0.9433178485456247 }
 */
export function wilsonInterval(successes: number, n: number, z = Z_95): WilsonInterval {
  if (!Number.isFinite(successes) || !Number.isFinite(n) || n < 0) {
    throw new RangeError(
      `wilsonInterval requires finite counts with n ≥ 0: got successes=${successes}, n=${n}`,
    );
  }
  if (successes < 0 || successes > n) {
    throw new RangeError(
      `wilsonInterval requires 0 ≤ successes ≤ n: got successes=${successes}, n=${n}`,
    );
  }
  if (!Number.isFinite(z) || z <= 0) {
    throw new RangeError(`wilsonInterval requires a finite z > 0: got ${z}`);
  }
  if (n === 0) return { estimate: Number.NaN, low: Number.NaN, high: Number.NaN };

  const p = successes / n;
  const q = 1 - p;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const halfWidth = (z / denominator) * Math.sqrt((p * q) / n + z2 / (4 * n * n));
  // The bounds are the roots of d·π² − (2p̂ + z²/n)·π + p̂² = 0 (d = 1 + z²/n). Subtracting
  // the half-width from the centre cancels badly when p̂ is near 0 (or 1), so each bound is
  // taken from the product of the roots instead: low · high = p̂²/d, and the same for 1 − p̂.
  const upper = (p + z2 / (2 * n)) / denominator + halfWidth;
  const upperOfFailures = (q + z2 / (2 * n)) / denominator + halfWidth;
  const low = (p * p) / (denominator * upper);
  const high = 1 - (q * q) / (denominator * upperOfFailures);
  return { estimate: p, low: Math.min(low, p), high: Math.max(high, p) };
}
