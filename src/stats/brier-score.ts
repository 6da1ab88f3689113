import { checkFinite, toBinaryLabels, toWeights } from "./validate.js";

/**
 * The [Brier score](https://en.wikipedia.org/wiki/Brier_score) (Brier 1950): the (weighted)
 * mean squared difference between predicted probabilities and 0/1 outcomes,
 * Σ wᵢ (pᵢ − yᵢ)² / Σ wᵢ. 0 is perfect; always predicting 0.5 scores 0.25. Same as
 * `sklearn.metrics.brier_score_loss(labels, probabilities, sample_weight=weights)`.
 *
 * @param probabilities predicted probabilities of the event, in [0, 1]
 * @param labels 1/true for events, 0/false for non-events
 * @param weights optional frequency weights, finite and ≥ 0, with a positive sum
 * @returns the Brier score, in [0, 1]
 * @throws {RangeError|TypeError} on empty input, mismatched lengths, probabilities outside
 *   [0, 1], bad labels, or weights that are negative or sum to 0
 * @example
 * brierScore([0.9, 0.2, 0.6], [1, 0, 0]); // => 0.13666666666666666
 */
export function brierScore(
  probabilities: readonly number[],
  labels: readonly (0 | 1 | boolean)[],
  weights?: readonly number[],
): number {
  if (probabilities.length === 0) {
    throw new RangeError("brierScore requires at least one prediction");
  }
  checkFinite("brierScore", "probabilities", probabilities);
  const y = toBinaryLabels("brierScore", labels, probabilities.length);
  const w = toWeights("brierScore", weights, probabilities.length);
  let total = 0;
  let weightSum = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i] as number;
    if (p < 0 || p > 1) {
      throw new RangeError(
        `brierScore requires probabilities in [0, 1]: probabilities[${i}] is ${p}`,
      );
    }
    const weight = w[i] as number;
    const error = p - (y[i] as number);
    total += weight * error * error;
    weightSum += weight;
  }
  if (weightSum === 0) throw new RangeError("brierScore requires weights with a positive sum");
  return total / weightSum;
}
