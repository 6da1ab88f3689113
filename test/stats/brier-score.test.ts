import { describe, expect, it } from "vitest";
import { brierScore } from "../../src/stats/brier-score.js";
import { statsReference } from "./reference.js";

describe("brierScore(probabilities, labels, weights)", () => {
  it("computes a hand-worked example", () => {
    // ((0.9 − 1)² + 0.2² + 0.6²) / 3 = (0.01 + 0.04 + 0.36) / 3
    expect(brierScore([0.9, 0.2, 0.6], [1, 0, 0])).toBeCloseTo(0.41 / 3, 15);
  });

  it("weights each row by its frequency weight", () => {
    // (2·0.01 + 1·0.04 + 0·0.36) / 3
    expect(brierScore([0.9, 0.2, 0.6], [1, 0, 0], [2, 1, 0])).toBeCloseTo(0.06 / 3, 15);
  });

  // Reference: sklearn.metrics.brier_score_loss(labels, probabilities, sample_weight=weights),
  // test/fixtures/reference/stats_reference.py.
  it.each(statsReference.classification)("matches scikit-learn: $name", (ref) => {
    expect(brierScore(ref.probabilities, ref.labels, ref.weights)).toBeCloseTo(ref.brier, 12);
  });

  it("rejects probabilities outside [0, 1], empty input and zero total weight", () => {
    expect(() => brierScore([1.2], [1])).toThrow(
      "brierScore requires probabilities in [0, 1]: probabilities[0] is 1.2",
    );
    expect(() => brierScore([], [])).toThrow("brierScore requires at least one prediction");
    expect(() => brierScore([0.5], [1], [0])).toThrow(
      "brierScore requires weights with a positive sum",
    );
  });
});
