/** One bin's counts, the input of {@link woeIv}. Counts may be weighted (fractional). */
export interface WoeBinCounts {
  /** Rows in the bin with the outcome (e.g. won). */
  events: number;
  /** Rows in the bin without the outcome. */
  nonEvents: number;
}

/** One bin's weight of evidence and its share of the information value. */
export interface WoeBin {
  /** ln(eventShare / nonEventShare): positive = rows in this bin are more likely events. */
  woe: number;
  /** (eventShare − nonEventShare) · woe, ≥ 0. */
  iv: number;
  /** This bin's share of all events (after smoothing). */
  eventShare: number;
  /** This bin's share of all non-events (after smoothing). */
  nonEventShare: number;
}

/** Result of {@link woeIv}. */
export interface WoeIv {
  /** One entry per input bin, same order. */
  bins: WoeBin[];
  /** Information value: the sum of the bins' `iv`. */
  iv: number;
}

/** Default pseudo-count added to both cells of a bin that has a zero cell. */
export const WOE_SMOOTHING = 0.5;

/**
 * [Weight of evidence and information value](https://documentation.sas.com/doc/en/vdmmlcdc/8.1/casstat/viyastat_binning_details02.htm)
 * of a binned predictor (Siddiqi, *Credit Risk Scorecards*, 2006, ch. 6).
 *
 * For bin i, eventShare_i = events_i / Σ events and nonEventShare_i = nonEvents_i / Σ nonEvents;
 * WoE_i = ln(eventShare_i / nonEventShare_i) and IV = Σ (eventShare_i − nonEventShare_i) · WoE_i.
 *
 * Sign convention: **positive WoE means the bin holds relatively more events** (e.g. won deals)
 * than non-events. (Credit scoring often uses the opposite sign, goods over bads.)
 *
 * Smoothing: a bin with zero events or zero non-events would have an infinite WoE. In any
 * such bin, `smoothing` (default 0.5, the Haldane–Anscombe correction) is added to **both**
 * of its cells; bins without a zero cell are untouched. The totals used for the shares are
 * the sums of the smoothed counts, so the shares of each column still add up to 1.
 * `smoothing: 0` turns this off (a zero cell then gives an infinite WoE and IV).
 *
 * @param bins counts per bin; needs at least one event and one non-event overall
 * @param options.smoothing pseudo-count for bins with a zero cell, ≥ 0 (default 0.5)
 * @returns per-bin WoE, IV contribution and shares, and the total IV
 * @throws {RangeError} on negative or non-finite counts, or no events / no non-events at all
 * @example
 * woeIv([{ events: 30, nonEvents: 70 }, { events: 10, nonEvents: 90 }]).iv; // => 0.4218520990465674
 */
export function woeIv(bins: readonly WoeBinCounts[], options: { smoothing?: number } = {}): WoeIv {
  const smoothing = options.smoothing ?? WOE_SMOOTHING;
  if (!Number.isFinite(smoothing) || smoothing < 0) {
    throw new RangeError(`woeIv requires a finite smoothing ≥ 0: got ${smoothing}`);
  }
  if (bins.length === 0) throw new RangeError("woeIv requires at least one bin");

  let rawEvents = 0;
  let rawNonEvents = 0;
  const counts = bins.map(({ events, nonEvents }, i) => {
    if (!Number.isFinite(events) || !Number.isFinite(nonEvents) || events < 0 || nonEvents < 0) {
      throw new RangeError(
        `woeIv requires finite, non-negative counts: bins[${i}] is { events: ${events}, nonEvents: ${nonEvents} }`,
      );
    }
    rawEvents += events;
    rawNonEvents += nonEvents;
    const add = events === 0 || nonEvents === 0 ? smoothing : 0;
    return { events: events + add, nonEvents: nonEvents + add };
  });
  if (rawEvents === 0 || rawNonEvents === 0) {
    throw new RangeError(
      `woeIv requires at least one event and one non-event: got ${rawEvents} events and ${rawNonEvents} non-events`,
    );
  }

  let totalEvents = 0;
  let totalNonEvents = 0;
  for (const c of counts) {
    totalEvents += c.events;
    totalNonEvents += c.nonEvents;
  }

  let iv = 0;
  const out = counts.map((c) => {
    const eventShare = c.events / totalEvents;
    const nonEventShare = c.nonEvents / totalNonEvents;
    const woe = Math.log(eventShare / nonEventShare);
    // 0 · ±∞ would be NaN; a bin with equal shares contributes nothing whatever its WoE.
    const binIv = eventShare === nonEventShare ? 0 : (eventShare - nonEventShare) * woe;
    iv += binIv;
    return { woe, iv: binIv, eventShare, nonEventShare };
  });
  return { bins: out, iv };
}
