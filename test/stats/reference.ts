/**
 * Reference values computed outside this code base, read from the JSON fixtures that the
 * scripts in test/fixtures/reference/ write (see the script named in each file's header).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const DIR = fileURLToPath(new URL("../fixtures/reference/", import.meta.url));

export function readReference<T>(file: string): T {
  return JSON.parse(readFileSync(DIR + file, "utf8")) as T;
}

/** test/fixtures/reference/stats_reference.json, written by stats_reference.py. */
export interface StatsReference {
  versions: Record<string, string>;
  wilsonInterval: {
    successes: number;
    n: number;
    z: number;
    estimate: number;
    low: number;
    high: number;
  }[];
  woeIv: {
    name: string;
    events: number[];
    nonEvents: number[];
    smoothing: number;
    woe: number[];
    ivBins: number[];
    iv: number;
    eventShare: number[];
    nonEventShare: number[];
  }[];
  classification: {
    name: string;
    scores: number[];
    labels: (0 | 1)[];
    probabilities: number[];
    weights?: number[];
    auc: number;
    ks?: number;
    brier: number;
  }[];
  psi: { name: string; expected: number[]; actual: number[]; epsilon: number; psi: number }[];
  normalQuantile: { p: number; z: number }[];
}

export const statsReference = readReference<StatsReference>("stats_reference.json");

/** Brute-force AUC: every (event, non-event) pair, ties count one half. O(n²), for tests. */
export function bruteForceAuc(
  scores: readonly number[],
  labels: readonly (0 | 1)[],
  weights?: readonly number[],
): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (labels[i] !== 1) continue;
    for (let j = 0; j < scores.length; j++) {
      if (labels[j] !== 0) continue;
      const w = (weights?.[i] ?? 1) * (weights?.[j] ?? 1);
      const si = scores[i] as number;
      const sj = scores[j] as number;
      wins += w * (si > sj ? 1 : si === sj ? 0.5 : 0);
      pairs += w;
    }
  }
  return wins / pairs;
}

/** Repeats each row `weights[i]` times (weights must be integers). */
export function expandRows<T>(values: readonly T[], weights: readonly number[]): T[] {
  return values.flatMap((value, i) => Array<T>(weights[i] as number).fill(value));
}
