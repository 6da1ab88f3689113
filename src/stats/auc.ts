import { tieGroups } from "./tie-groups.js";

/**
 * The [area under the ROC curve](https://en.wikipedia.org/wiki/Receiver_operating_characteristic#Area_under_the_curve),
 * computed as the Mann–Whitney U statistic scaled to [0, 1]: the probability that a randomly
 * chosen event scores higher than a randomly chosen non-event, **ties counted as one half**
 * (Hanley & McNeil 1982). 0.5 is no better than chance; 1 separates perfectly.
 *
 * With weights (frequency weights, e.g. the row count of each unique bin pattern) every pair
 * counts with the product of its two weights, so the result equals the AUC of the expanded
 * rows. Same as `sklearn.metrics.roc_auc_score(labels, scores, sample_weight=weights)`.
 *
 * One sort, O(n log n): rows are grouped by distinct score, and each group's events beat every
 * lower-scoring non-event and tie with the non-events of their own group.
 *
 * Returns NaN when there is no event or no non-event (with positive weight): the AUC is
 * undefined, and a small segment without wins should not crash a report.
 *
 * @param scores higher = more likely an event; finite
 * @param labels 1/true for events, 0/false for non-events
 * @param weights optional frequency weights, finite and ≥ 0
 * @returns AUC in [0, 1], or NaN if one class is empty
 * @throws {RangeError|TypeError} on mismatched lengths, non-finite scores, bad labels or weights
 * @example
 * auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]); // => 0.75
 */
export function auc(
  scores: readonly number[],
  labels: readonly (0 | 1 | boolean)[],
  weights?: readonly number[],
): number {
  const groups = tieGroups("auc", scores, labels, weights);
  if (groups.totalEvents === 0 || groups.totalNonEvents === 0) return Number.NaN;

  let nonEventsBelow = 0;
  let wins = 0;
  for (let g = 0; g < groups.scores.length; g++) {
    const events = groups.events[g] as number;
    const nonEvents = groups.nonEvents[g] as number;
    wins += events * (nonEventsBelow + nonEvents / 2);
    nonEventsBelow += nonEvents;
  }
  return wins / (groups.totalEvents * groups.totalNonEvents);
}
