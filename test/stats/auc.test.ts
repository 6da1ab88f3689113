import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { auc } from "../../src/stats/auc.js";
import { bruteForceAuc, expandRows, statsReference } from "./reference.js";

describe("auc(scores, labels, weights)", () => {
  it("counts a hand-worked example: 3 of 4 pairs won", () => {
    // events 0.35, 0.8 vs non-events 0.1, 0.4: 0.35>0.1, 0.8>0.1, 0.8>0.4 win, 0.35<0.4 loses.
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
  });

  it("counts ties as one half", () => {
    // Pairs: (0.5 vs 0.5) tie, (0.9 vs 0.5) win → (0.5 + 1) / 2.
    expect(auc([0.5, 0.5, 0.9], [0, 1, 1])).toBe(0.75);
    expect(auc([1, 1, 1, 1], [0, 1, 0, 1])).toBe(0.5);
  });

  it("accepts boolean labels", () => {
    expect(auc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBe(0.75);
  });

  // Reference: sklearn.metrics.roc_auc_score(labels, scores, sample_weight=weights),
  // test/fixtures/reference/stats_reference.py.
  it.each(statsReference.classification)("matches scikit-learn: $name", (ref) => {
    expect(auc(ref.scores, ref.labels, ref.weights)).toBeCloseTo(ref.auc, 12);
  });

  it("equals brute-force pair counting on random data with ties (weighted and not)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            score: fc.integer({ min: -5, max: 5 }),
            label: fc.constantFrom<0 | 1>(0, 1),
            weight: fc.integer({ min: 0, max: 6 }),
          }),
          { minLength: 2, maxLength: 60 },
        ),
        (rows) => {
          const scores = rows.map((r) => r.score / 2);
          const labels = rows.map((r) => r.label);
          const weights = rows.map((r) => r.weight);
          const want = bruteForceAuc(scores, labels);
          if (Number.isNaN(want)) expect(auc(scores, labels)).toBeNaN();
          else expect(auc(scores, labels)).toBeCloseTo(want, 12);
          const wantWeighted = bruteForceAuc(scores, labels, weights);
          if (Number.isNaN(wantWeighted)) expect(auc(scores, labels, weights)).toBeNaN();
          else expect(auc(scores, labels, weights)).toBeCloseTo(wantWeighted, 12);
        },
      ),
    );
  });

  it("with integer weights equals the AUC of the expanded rows", () => {
    const ref = statsReference.classification.find((c) => c.weights !== undefined);
    if (ref?.weights === undefined) throw new Error("fixture has no weighted case");
    const expanded = auc(expandRows(ref.scores, ref.weights), expandRows(ref.labels, ref.weights));
    expect(auc(ref.scores, ref.labels, ref.weights)).toBeCloseTo(expanded, 12);
  });

  it("returns NaN when one class is missing", () => {
    expect(auc([0.1, 0.2], [1, 1])).toBeNaN();
    expect(auc([0.1, 0.2], [1, 0], [1, 0])).toBeNaN();
    expect(auc([], [])).toBeNaN();
  });

  it("rejects mismatched lengths, bad labels, non-finite scores and negative weights", () => {
    expect(() => auc([0.1, 0.2], [1])).toThrow(
      "auc requires as many labels as scores: got 1 labels for 2 scores",
    );
    expect(() => auc([0.1], [2 as 1])).toThrow(
      "auc requires labels to be 0, 1, false or true: labels[0] is 2",
    );
    expect(() => auc([Number.NaN], [1])).toThrow("auc requires finite scores: scores[0] is NaN");
    expect(() => auc([0.1, 0.2], [1, 0], [1, -1])).toThrow(
      "auc requires finite, non-negative weights: weights[1] is -1",
    );
  });
});
