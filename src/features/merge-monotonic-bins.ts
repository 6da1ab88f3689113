/** One ordered numeric bin: `[lo, hi)` with its target counts. */
export interface RangeBin {
  lo: number;
  hi: number;
  leads: number;
  events: number;
  nonEvents: number;
}

export interface MergeResult {
  bins: RangeBin[];
  /** increasing / decreasing: the target rate is monotone in the bins; none: left as is. */
  trend: "increasing" | "decreasing" | "none";
}

/**
 * Merge adjacent quantile bins of a numeric feature:
 * 1. bins with fewer than `minLeads` leads (at least 1, so empty bins always) join their
 *    neighbour with the closer target rate (the only neighbour at either end);
 * 2. pool adjacent violators, once for an increasing and once for a decreasing trend: any two
 *    neighbours whose rates break the trend are merged, until none do;
 * 3. of the two, the one that keeps more bins wins (ties: the larger information value, i.e.
 *    the trend the data supports). If it keeps at least two bins it is returned with its
 *    trend; otherwise the data supports no monotone relation and the step-1 bins are returned
 *    with trend "none" (e.g. a U shape stays visible).
 *
 * @example
 * mergeMonotonicBins([{lo:-Infinity,hi:1,leads:50,events:5,nonEvents:45},{lo:1,hi:Infinity,leads:50,events:2,nonEvents:48}], 10).trend // => "decreasing"
 */
export function mergeMonotonicBins(bins: readonly RangeBin[], minLeads: number): MergeResult {
  const sized = mergeSmall(bins, Math.max(1, minLeads));
  if (sized.length < 2) return { bins: sized, trend: "none" };
  const up = poolViolators(sized, 1);
  const down = poolViolators(sized, -1);
  const best =
    up.length !== down.length
      ? up.length > down.length
        ? { bins: up, trend: "increasing" as const }
        : { bins: down, trend: "decreasing" as const }
      : informationValue(up) >= informationValue(down)
        ? { bins: up, trend: "increasing" as const }
        : { bins: down, trend: "decreasing" as const };
  if (best.bins.length >= 2) return best;
  return { bins: sized, trend: "none" };
}

function rate(b: RangeBin): number {
  const n = b.events + b.nonEvents;
  return n === 0 ? 0 : b.events / n;
}

function join(a: RangeBin, b: RangeBin): RangeBin {
  return {
    lo: Math.min(a.lo, b.lo),
    hi: Math.max(a.hi, b.hi),
    leads: a.leads + b.leads,
    events: a.events + b.events,
    nonEvents: a.nonEvents + b.nonEvents,
  };
}

function mergeSmall(bins: readonly RangeBin[], minLeads: number): RangeBin[] {
  const out = [...bins];
  for (;;) {
    if (out.length < 2) return out;
    let smallest = -1;
    for (let i = 0; i < out.length; i++) {
      const b = out[i] as RangeBin;
      if (b.leads < minLeads && (smallest < 0 || b.leads < (out[smallest] as RangeBin).leads))
        smallest = i;
    }
    if (smallest < 0) return out;
    const b = out[smallest] as RangeBin;
    const left = out[smallest - 1];
    const right = out[smallest + 1];
    const useLeft =
      right === undefined ||
      (left !== undefined && Math.abs(rate(left) - rate(b)) <= Math.abs(rate(right) - rate(b)));
    if (useLeft) out.splice(smallest - 1, 2, join(left as RangeBin, b));
    else out.splice(smallest, 2, join(b, right as RangeBin));
  }
}

function poolViolators(bins: readonly RangeBin[], direction: 1 | -1): RangeBin[] {
  const out = [...bins];
  let i = 0;
  while (i < out.length - 1) {
    const a = out[i] as RangeBin;
    const b = out[i + 1] as RangeBin;
    if (direction * (rate(b) - rate(a)) < 0) {
      out.splice(i, 2, join(a, b));
      if (i > 0) i--;
    } else {
      i++;
    }
  }
  return out;
}

function informationValue(bins: readonly RangeBin[]): number {
  const e = bins.reduce((s, b) => s + b.events, 0);
  const n = bins.reduce((s, b) => s + b.nonEvents, 0);
  if (e === 0 || n === 0) return 0;
  let iv = 0;
  for (const b of bins) {
    const pe = (b.events + 0.5) / (e + 0.5 * bins.length);
    const pn = (b.nonEvents + 0.5) / (n + 0.5 * bins.length);
    iv += (pe - pn) * Math.log(pe / pn);
  }
  return iv;
}
