/**
 * Properties that must hold for any input, checked on random inputs with fast-check.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { auc } from "../../src/stats/auc.js";
import { logisticRegression } from "../../src/stats/logistic-regression.js";
import { psi } from "../../src/stats/psi.js";
import { wilsonInterval } from "../../src/stats/wilson-interval.js";
import { bruteForceAuc } from "./reference.js";

/** n ≥ 1 trials and 0 ≤ successes ≤ n, possibly fractional (weighted counts). */
const counts = fc
  .tuple(
    fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
    fc.double({ min: 0, max: 1, noNaN: true }),
  )
  .map(([n, share]) => ({ n, successes: Math.min(n, n * share) }));

/** Rows of (score, label) where scores repeat often. */
const scoredRows = fc.array(
  fc.record({
    score: fc.integer({ min: -6, max: 6 }).map((s) => s / 4),
    label: fc.constantFrom<0 | 1>(0, 1),
    weight: fc.integer({ min: 0, max: 5 }),
  }),
  { minLength: 2, maxLength: 80 },
);

describe("properties", () => {
  it("wilsonInterval lies in [0, 1] and contains the estimate", () => {
    fc.assert(
      fc.property(counts, fc.double({ min: 0.1, max: 4, noNaN: true }), ({ n, successes }, z) => {
        const { estimate, low, high } = wilsonInterval(successes, n, z);
        expect(low).toBeGreaterThanOrEqual(0);
        expect(high).toBeLessThanOrEqual(1);
        expect(low).toBeLessThanOrEqual(estimate);
        expect(estimate).toBeLessThanOrEqual(high);
      }),
    );
  });

  it("wilsonInterval on integer counts contains the estimate", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, share) => {
          const successes = Math.round(n * share);
          const { estimate, low, high } = wilsonInterval(successes, n);
          expect(low).toBeLessThanOrEqual(estimate);
          expect(high).toBeGreaterThanOrEqual(estimate);
        },
      ),
    );
  });

  it("psi is ≥ 0, and 0 for identical distributions (at any scale)", () => {
    const bins = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(
        bins.chain((expected) =>
          fc.tuple(
            fc.constant(expected),
            fc.array(fc.integer({ min: 0, max: 1000 }), {
              minLength: expected.length,
              maxLength: expected.length,
            }),
            fc.integer({ min: 1, max: 50 }),
          ),
        ),
        ([expected, actual, scale]) => {
          fc.pre(expected.some((c) => c > 0) && actual.some((c) => c > 0));
          expect(psi(expected, actual)).toBeGreaterThanOrEqual(0);
          expect(
            psi(
              expected,
              expected.map((c) => c * scale),
            ),
          ).toBeCloseTo(0, 12);
        },
      ),
    );
  });

  it("auc equals brute-force pair counting on random data with ties", () => {
    fc.assert(
      fc.property(scoredRows, (rows) => {
        const scores = rows.map((r) => r.score);
        const labels = rows.map((r) => r.label);
        const weights = rows.map((r) => r.weight);
        fc.pre(labels.includes(0) && labels.includes(1));
        expect(auc(scores, labels)).toBeCloseTo(bruteForceAuc(scores, labels), 12);
        const weighted = bruteForceAuc(scores, labels, weights);
        if (Number.isNaN(weighted)) expect(auc(scores, labels, weights)).toBeNaN();
        else expect(auc(scores, labels, weights)).toBeCloseTo(weighted, 12);
      }),
    );
  });

  it("auc(scores) = 1 − auc(−scores)", () => {
    fc.assert(
      fc.property(scoredRows, (rows) => {
        const scores = rows.map((r) => r.score);
        const labels = rows.map((r) => r.label);
        const weights = rows.map((r) => r.weight);
        const forward = auc(scores, labels, weights);
        fc.pre(!Number.isNaN(forward));
        expect(
          auc(
            scores.map((s) => -s),
            labels,
            weights,
          ),
        ).toBeCloseTo(1 - forward, 12);
      }),
    );
  });

  it("logisticRegression does not depend on the order of the rows", () => {
    // Overlapping classes (x ~ label + noise, with some label flips) so the MLE exists.
    const rows = fc.array(
      fc.record({
        a: fc.double({ min: -3, max: 3, noNaN: true }),
        b: fc.integer({ min: 0, max: 4 }),
        y: fc.constantFrom(0, 1),
        weight: fc.integer({ min: 1, max: 4 }),
      }),
      { minLength: 30, maxLength: 120 },
    );
    fc.assert(
      fc.property(
        rows,
        fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
        (data, noise) => {
          fc.pre(data.some((r) => r.y === 1) && data.some((r) => r.y === 0));
          const x = data.map((r) => [r.a, r.b]);
          const y = data.map((r) => r.y);
          const weights = data.map((r) => r.weight);
          const fit = logisticRegression(x, y, { weights, l2: 0.5 });
          // A random permutation from the noise stream.
          const keys = data.map(() => noise.next().value as number);
          const order = data
            .map((_, i) => i)
            .sort((i, j) => (keys[i] as number) - (keys[j] as number));
          const shuffled = logisticRegression(
            order.map((i) => x[i] as number[]),
            order.map((i) => y[i] as number),
            { weights: order.map((i) => weights[i] as number), l2: 0.5 },
          );
          expect(shuffled.converged).toBe(fit.converged);
          fit.coefficients.forEach((c, j) => {
            expect(shuffled.coefficients[j]).toBeCloseTo(c, 8);
            expect(shuffled.standardErrors[j]).toBeCloseTo(fit.standardErrors[j] as number, 8);
          });
          expect(shuffled.logLikelihood).toBeCloseTo(fit.logLikelihood, 8);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("unpenalised logisticRegression does not depend on row order on the reference data", () => {
    // The order-invariance property without a penalty, on data where the MLE exists.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const n = 200;
        let state = seed;
        const random = () => {
          state = (state * 1103515245 + 12345) % 2147483648;
          return state / 2147483648;
        };
        const x = Array.from({ length: n }, () => [random() * 4 - 2, Math.floor(random() * 3)]);
        const y = x.map(([a, b]) =>
          random() < 1 / (1 + Math.exp(-(0.8 * (a as number) - 0.3 * (b as number)))) ? 1 : 0,
        );
        const order = x.map((_, i) => i).reverse();
        const fit = logisticRegression(x, y);
        const reversed = logisticRegression(
          order.map((i) => x[i] as number[]),
          order.map((i) => y[i] as number),
        );
        expect(fit.converged && reversed.converged).toBe(true);
        fit.coefficients.forEach((c, j) => {
          expect(reversed.coefficients[j]).toBeCloseTo(c, 9);
        });
      }),
      { numRuns: 20 },
    );
  });
});
