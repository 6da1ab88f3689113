import { UserError } from "../errors.js";

/** Candidate thresholds `from:to:step` (whole points, both ends included). */
export interface ThresholdGrid {
  from: number;
  to: number;
  step: number;
}

/** At most this many thresholds in one sweep: more is noise, not resolution. */
export const MAX_THRESHOLDS = 2000;

/**
 * Parse a threshold grid `"20:120:5"` (from:to:step; step defaults to 1).
 * @example
 * parseThresholdGrid("20:120:5", "--thresholds") // => { from: 20, to: 120, step: 5 }
 */
export function parseThresholdGrid(text: string, where: string): ThresholdGrid {
  const match = /^\s*(-?\d+)\s*:\s*(-?\d+)\s*(?::\s*(\d+)\s*)?$/.exec(text);
  const from = Number(match?.[1]);
  const to = Number(match?.[2]);
  const step = match?.[3] === undefined ? 1 : Number(match[3]);
  if (!match || step <= 0 || to < from) {
    throw new UserError(
      `${where}: "${text}" is not a threshold grid: write from:to:step in whole points, e.g. 20:120:5`,
    );
  }
  if (Math.floor((to - from) / step) + 1 > MAX_THRESHOLDS) {
    throw new UserError(
      `${where}: "${text}" gives more than ${MAX_THRESHOLDS} thresholds: use a larger step`,
    );
  }
  return { from, to, step };
}

/** The thresholds of a grid, plus an extra one, sorted and unique. */
export function gridThresholds(grid: ThresholdGrid, extra?: number): number[] {
  const out = new Set<number>();
  for (let t = grid.from; t <= grid.to; t += grid.step) out.add(t);
  if (extra !== undefined) out.add(extra);
  return [...out].sort((a, b) => a - b);
}
