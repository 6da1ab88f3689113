import { describe, expect, it } from "vitest";
import { ksStatistic } from "../../src/stats/ks-statistic.js";
import { expandRows, statsReference } from "./reference.js";

describe("ksStatistic(scores, labels, weights)", () => {
  it("computes a hand-worked example", () => {
    // Events {0.35, 0.8}, non-events {0.1, 0.4}. CDF gaps: at 0.1 |0 − ½| = ½,
    // at 0.35 |½ − ½| = 0, at 0.4 |½ − 1| = ½, at 0.8 0. D = ½.
    expect(ksStatistic([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.5);
  });

  it("is 1 for perfectly separated classes and 0 for identical ones", () => {
    expect(ksStatistic([1, 2, 3, 4], [0, 0, 1, 1])).toBe(1);
    expect(ksStatistic([1, 2, 1, 2], [0, 0, 1, 1])).toBe(0);
  });

  it("does not open a gap inside a group of tied scores", () => {
    // All four rows tie: the CDFs jump together from 0 to 1.
    expect(ksStatistic([5, 5, 5, 5], [0, 1, 0, 1])).toBe(0);
  });

  // Reference: scipy.stats.ks_2samp(scores[labels == 1], scores[labels == 0]).statistic,
  // test/fixtures/reference/stats_reference.py.
  it.each(statsReference.classification.filter((c) => c.ks !== undefined))(
    "matches scipy ks_2samp: $name",
    (ref) => {
      expect(ksStatistic(ref.scores, ref.labels)).toBeCloseTo(ref.ks as number, 12);
    },
  );

  it("with integer weights equals the statistic of the expanded rows", () => {
    const ref = statsReference.classification.find((c) => c.weights !== undefined);
    if (ref?.weights === undefined) throw new Error("fixture has no weighted case");
    const expanded = ksStatistic(
      expandRows(ref.scores, ref.weights),
      expandRows(ref.labels, ref.weights),
    );
    expect(ksStatistic(ref.scores, ref.labels, ref.weights)).toBeCloseTo(expanded, 12);
    expect(ksStatistic(ref.scores, ref.labels, ref.weights)).not.toBeCloseTo(
      ksStatistic(ref.scores, ref.labels),
      6,
    );
  });

  it("returns NaN when one class is missing", () => {
    expect(ksStatistic([0.1, 0.2], [0, 0])).toBeNaN();
  });

  it("names itself in errors", () => {
    expect(() => ksStatistic([0.1], [1, 0])).toThrow(/^ksStatistic requires as many labels/);
  });
});
