import { checkFinite, toBinaryLabels, toWeights } from "./validate.js";

/** One row of {@link decileTable}: a group of rows with neighbouring scores. */
export interface DecileRow {
  /** 1 = the highest scores; numbered consecutively over the groups that have rows. */
  group: number;
  /** Lowest and highest score in the group. */
  minScore: number;
  maxScore: number;
  /** Rows in the group (sum of weights). */
  n: number;
  /** Events in the group (sum of weights of rows with label 1). */
  events: number;
  /** events / n. */
  rate: number;
  /** Weighted mean of `probabilities` in the group, or null when none were given. */
  meanPredicted: number | null;
  /** rate / overall rate (NaN when there are no events at all). */
  lift: number;
  /** Share of all events in this and higher-scoring groups (NaN when there are no events). */
  cumulativeEventShare: number;
  /** Share of all rows in this and higher-scoring groups. */
  cumulativeShare: number;
}

/** Options of {@link decileTable}. */
export interface DecileTableOptions {
  /** Number of groups; default 10 (deciles). */
  groups?: number;
  /** Frequency weights, one per row (e.g. row counts of unique score patterns). */
  weights?: readonly number[];
  /** Predicted probabilities, one per row, for a calibration column. */
  probabilities?: readonly number[];
}

/**
 * A [lift / decile table](https://en.wikipedia.org/wiki/Lift_(data_mining)) (a "gains table"
 * in scorecard work; Siddiqi 2006, ch. 7): rows sorted by descending score and cut into
 * `groups` groups of (weighted) equal size; per group, the event rate, the lift over the
 * overall rate, the cumulative share of events captured and, given predicted probabilities,
 * their mean, so the same table serves as a calibration table.
 *
 * Ties: rows with equal scores always land in the same group, because no threshold can tell
 * them apart. Each block of tied rows goes to the group in which its **average rank** falls:
 * with W the total weight and the block covering ranks (c, c + w] from the top, it goes to
 * group ⌊(c + w/2) · groups / W⌋ + 1. Without ties this is the usual equal split; with large
 * blocks of ties some groups end up larger and some empty. Empty groups are left out and the
 * remaining ones numbered 1, 2, … in score order, so there can be fewer than `groups` rows.
 * Rows with weight 0 are ignored.
 *
 * @param scores finite scores; higher = more likely an event
 * @param labels 0/1 outcomes
 * @param options groups (default 10), weights, probabilities
 * @returns one row per non-empty group, highest scores first
 * @throws {RangeError|TypeError} on empty input, mismatched lengths, non-finite scores, bad
 *   labels, weights or probabilities, or a non-integer or < 1 number of groups
 * @example
 * decileTable([9, 8, 7, 6], [1, 1, 0, 0], { groups: 2 }).map((row) => row.lift); // => [2, 0]
 */
export function decileTable(
  scores: readonly number[],
  labels: readonly (0 | 1)[],
  options: DecileTableOptions = {},
): DecileRow[] {
  const groups = options.groups ?? 10;
  if (!Number.isInteger(groups) || groups < 1) {
    throw new RangeError(`decileTable requires groups to be an integer ≥ 1: got ${groups}`);
  }
  if (scores.length === 0) throw new RangeError("decileTable requires at least one row");
  checkFinite("decileTable", "scores", scores);
  const y = toBinaryLabels("decileTable", labels, scores.length);
  const w = toWeights("decileTable", options.weights, scores.length);
  const probabilities = options.probabilities;
  if (probabilities !== undefined) {
    if (probabilities.length !== scores.length) {
      throw new RangeError(
        `decileTable requires one probability per row: got ${probabilities.length} probabilities for ${scores.length} rows`,
      );
    }
    probabilities.forEach((p, i) => {
      if (!(p >= 0 && p <= 1)) {
        throw new RangeError(
          `decileTable requires probabilities in [0, 1]: probabilities[${i}] is ${p}`,
        );
      }
    });
  }

  let totalWeight = 0;
  let totalEvents = 0;
  for (let i = 0; i < scores.length; i++) {
    totalWeight += w[i] as number;
    totalEvents += (w[i] as number) * (y[i] as number);
  }
  if (totalWeight === 0) throw new RangeError("decileTable requires weights with a positive sum");

  const order = Uint32Array.from(scores.keys()).sort(
    (a, b) => (scores[b] as number) - (scores[a] as number),
  );

  const rows: DecileRow[] = [];
  let current: (DecileRow & { predictedSum: number; nominal: number }) | undefined;
  let cumulativeWeight = 0;
  let cumulativeEvents = 0;
  const close = () => {
    if (current === undefined) return;
    const { predictedSum, nominal: _, ...row } = current;
    row.rate = row.events / row.n;
    row.meanPredicted = probabilities === undefined ? null : predictedSum / row.n;
    row.lift = row.rate / (totalEvents / totalWeight);
    row.cumulativeEventShare = cumulativeEvents / totalEvents;
    row.cumulativeShare = cumulativeWeight / totalWeight;
    rows.push(row);
  };

  // Walk tie blocks from the highest score down.
  let start = 0;
  while (start < order.length) {
    const score = scores[order[start] as number] as number;
    let end = start;
    let blockWeight = 0;
    let blockEvents = 0;
    let blockPredicted = 0;
    while (end < order.length && scores[order[end] as number] === score) {
      const i = order[end] as number;
      const weight = w[i] as number;
      blockWeight += weight;
      blockEvents += weight * (y[i] as number);
      if (probabilities !== undefined) blockPredicted += weight * (probabilities[i] as number);
      end++;
    }
    start = end;
    if (blockWeight === 0) continue;

    const middle = cumulativeWeight + blockWeight / 2;
    const nominal = Math.min(groups - 1, Math.floor((middle * groups) / totalWeight));
    if (current === undefined || current.nominal !== nominal) {
      close();
      current = {
        group: rows.length + 1,
        minScore: score,
        maxScore: score,
        n: 0,
        events: 0,
        rate: 0,
        meanPredicted: null,
        lift: 0,
        cumulativeEventShare: 0,
        cumulativeShare: 0,
        predictedSum: 0,
        nominal,
      };
    }
    current.minScore = score;
    current.n += blockWeight;
    current.events += blockEvents;
    current.predictedSum += blockPredicted;
    cumulativeWeight += blockWeight;
    cumulativeEvents += blockEvents;
  }
  close();
  return rows;
}
