import { describe, expect, it } from "vitest";
import { decileTable } from "../../src/stats/decile-table.js";
import { expandRows } from "./reference.js";

describe("decileTable(scores, labels, options)", () => {
  it("splits ten distinct scores into five groups of two, highest first", () => {
    // Scores 10..1; events at 10, 9, 7, 4. Overall rate 4/10.
    const scores = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    const labels = [1, 1, 0, 1, 0, 0, 1, 0, 0, 0] as const;
    const probabilities = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.1];
    const table = decileTable(scores, [...labels], { groups: 5, probabilities });
    expect(table.map((row) => [row.group, row.maxScore, row.minScore, row.n, row.events])).toEqual([
      [1, 10, 9, 2, 2],
      [2, 8, 7, 2, 1],
      [3, 6, 5, 2, 0],
      [4, 4, 3, 2, 1],
      [5, 2, 1, 2, 0],
    ]);
    expect(table.map((row) => row.rate)).toEqual([1, 0.5, 0, 0.5, 0]);
    // lift = rate / 0.4
    table.forEach((row, i) => {
      expect(row.lift).toBeCloseTo([2.5, 1.25, 0, 1.25, 0][i] as number, 14);
    });
    expect(table.map((row) => row.cumulativeEventShare)).toEqual([0.5, 0.75, 0.75, 1, 1]);
    expect(table.map((row) => row.cumulativeShare)).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
    table.forEach((row, i) => {
      expect(row.meanPredicted).toBeCloseTo([0.85, 0.65, 0.45, 0.25, 0.1][i] as number, 14);
    });
  });

  it("keeps tied scores in one group: each tie block goes where its average rank falls", () => {
    // Six rows, three groups (2 rows each). The block of three 9s covers ranks 1–3 (middle
    // 1.5 → group 1); the two 5s cover ranks 4–5 (middle 4, the start of group 3); the 1 has
    // middle 5.5 (group 3). Group 2 is empty, so two rows come back, renumbered 1 and 2.
    const table = decileTable([9, 5, 9, 1, 9, 5], [1, 1, 0, 0, 1, 0], { groups: 3 });
    expect(table.map((row) => [row.group, row.maxScore, row.minScore, row.n, row.events])).toEqual([
      [1, 9, 9, 3, 2],
      [2, 5, 1, 3, 1],
    ]);
    expect(table[0]?.meanPredicted).toBeNull();
  });

  it("uses weights as row counts: same table as the expanded rows", () => {
    const scores = [0.9, 0.7, 0.7, 0.4, 0.3, 0.1, 0.05];
    const labels: (0 | 1)[] = [1, 0, 1, 1, 0, 0, 1];
    const weights = [3, 1, 4, 2, 5, 2, 3];
    const probabilities = [0.8, 0.6, 0.6, 0.3, 0.3, 0.1, 0.1];
    const weighted = decileTable(scores, labels, { groups: 4, weights, probabilities });
    const expanded = decileTable(expandRows(scores, weights), expandRows(labels, weights), {
      groups: 4,
      probabilities: expandRows(probabilities, weights),
    });
    expect(weighted).toEqual(expanded);
    // 20 rows in 4 groups of 5 nominal: 0.9×3 (middle 1.5 → g1), 0.7×5 (middle 5.5 → g2),
    // 0.4×2 (9 → g2), 0.3×5 (12.5 → g3), 0.1×2 (16 → g4), 0.05×3 (18.5 → g4).
    expect(weighted.map((row) => row.n)).toEqual([3, 7, 5, 5]);
  });

  it("defaults to ten groups", () => {
    const scores = Array.from({ length: 100 }, (_, i) => i);
    const labels = scores.map((s) => (s % 3 === 0 ? 1 : 0) as 0 | 1);
    const table = decileTable(scores, labels);
    expect(table).toHaveLength(10);
    expect(table.every((row) => row.n === 10)).toBe(true);
    expect(table[0]?.maxScore).toBe(99);
    expect(table.at(-1)?.cumulativeEventShare).toBe(1);
  });

  it("ignores rows with weight 0", () => {
    const table = decileTable([3, 2, 1], [1, 0, 0], { groups: 3, weights: [1, 0, 1] });
    expect(table.map((row) => row.maxScore)).toEqual([3, 1]);
  });

  it("rejects bad groups, empty input and bad probabilities", () => {
    expect(() => decileTable([1], [1], { groups: 0 })).toThrow(
      "decileTable requires groups to be an integer ≥ 1: got 0",
    );
    expect(() => decileTable([], [])).toThrow("decileTable requires at least one row");
    expect(() => decileTable([1, 2], [1, 0], { probabilities: [0.5, 2] })).toThrow(
      "decileTable requires probabilities in [0, 1]: probabilities[1] is 2",
    );
    expect(() => decileTable([1, 2], [1, 0], { weights: [0, 0] })).toThrow(/positive sum/);
  });
});
