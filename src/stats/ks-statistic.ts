import { tieGroups } from "./tie-groups.js";

/**
 * The two-sample [Kolmogorov–Smirnov statistic](https://en.wikipedia.org/wiki/Kolmogorov%E2%80%93Smirnov_test#Two-sample_Kolmogorov%E2%80%93Smirnov_test)
 * between the score distributions of events and non-events: D = max over t of
 * |F_events(t) − F_nonEvents(t)|, where F is the empirical (weighted) CDF, P(score ≤ t).
 * In scorecard terms, the largest gap between the cumulative shares of events and of
 * non-events captured above any cut-off.
 *
 * The CDFs are compared only after all rows tied at a score are counted, so ties never
 * create a gap of their own. Weights are frequency weights. Unweighted, this is the
 * statistic of `scipy.stats.ks_2samp(scores[events], scores[nonEvents])`.
 *
 * Returns NaN when there is no event or no non-event (with positive weight).
 *
 * @param scores finite scores
 * @param labels 1/true for events, 0/false for non-events
 * @param weights optional frequency weights, finite and ≥ 0
 * @returns D in [0, 1], or NaN if one class is empty
 * @throws {RangeError|TypeError} on mismatched lengths, non-finite scores, bad labels or weights
 * @example
 * ksStatistic([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]); // => 0.5
 */
export function ksStatistic(
  scores: readonly number[],
  labels: readonly (0 | 1 | boolean)[],
  weights?: readonly number[],
): number {
  const groups = tieGroups("ksStatistic", scores, labels, weights);
  if (groups.totalEvents === 0 || groups.totalNonEvents === 0) return Number.NaN;

  let eventsSoFar = 0;
  let nonEventsSoFar = 0;
  let d = 0;
  for (let g = 0; g < groups.scores.length; g++) {
    eventsSoFar += groups.events[g] as number;
    nonEventsSoFar += groups.nonEvents[g] as number;
    const gap = Math.abs(eventsSoFar / groups.totalEvents - nonEventsSoFar / groups.totalNonEvents);
    if (gap > d) d = gap;
  }
  return d;
}
