import { wilsonInterval } from "../stats/wilson-interval.js";

/** A conversion rate: `successes / n` with its 95% Wilson interval (NaN fields when n = 0). */
export interface Rate {
  successes: number;
  n: number;
  estimate: number;
  low: number;
  high: number;
}

/** The rate `successes / n` with a 95% Wilson score interval (src/stats/wilson-interval.ts). */
export function rateOf(successes: number, n: number): Rate {
  return { successes, n, ...wilsonInterval(successes, n) };
}
