import { checkFinite, toBinaryLabels, toWeights } from "./validate.js";

/**
 * Rows collapsed to their distinct scores, ascending: for each distinct score the (weighted)
 * number of events and non-events at it. The shared first step of {@link auc} and
 * {@link ksStatistic}; one sort, O(n log n).
 */
export interface TieGroups {
  scores: Float64Array;
  events: Float64Array;
  nonEvents: Float64Array;
  totalEvents: number;
  totalNonEvents: number;
}

export function tieGroups(
  fn: string,
  scores: readonly number[],
  labels: readonly (0 | 1 | boolean)[],
  weights: readonly number[] | undefined,
): TieGroups {
  checkFinite(fn, "scores", scores);
  const y = toBinaryLabels(fn, labels, scores.length);
  const w = toWeights(fn, weights, scores.length);
  const order = Uint32Array.from(scores.keys()).sort(
    (a, b) => (scores[a] as number) - (scores[b] as number),
  );

  const groupScores: number[] = [];
  const events: number[] = [];
  const nonEvents: number[] = [];
  let totalEvents = 0;
  let totalNonEvents = 0;
  let last = Number.NaN;
  for (const i of order) {
    const score = scores[i] as number;
    const weight = w[i] as number;
    if (score !== last) {
      groupScores.push(score);
      events.push(0);
      nonEvents.push(0);
      last = score;
    }
    const g = groupScores.length - 1;
    if (y[i] === 1) {
      events[g] = (events[g] as number) + weight;
      totalEvents += weight;
    } else {
      nonEvents[g] = (nonEvents[g] as number) + weight;
      totalNonEvents += weight;
    }
  }
  return {
    scores: Float64Array.from(groupScores),
    events: Float64Array.from(events),
    nonEvents: Float64Array.from(nonEvents),
    totalEvents,
    totalNonEvents,
  };
}
