import * as aq from "arquero";
import { type Db, loadQuery } from "../db/index.js";
import { wilsonInterval } from "../stats/index.js";

export type Movement = "stays in" | "moves in" | "moves out" | "stays out";

export interface SwapRow {
  movement: Movement;
  leads: number;
  mature: number;
  /** Mature and handed to sales: the SQL outcome is known. */
  observed: number;
  sql: number;
  won: number;
  won_amount: number;
  /** Never handed to sales historically: their SQL outcome is unknown, not a failure. */
  unobserved: number;
  sql_rate: number | null;
  sql_rate_low: number | null;
  sql_rate_high: number | null;
  won_rate: number | null;
  won_rate_low: number | null;
  won_rate_high: number | null;
}

export interface SwapSetOptions {
  current: { model: string; threshold: number };
  proposed: { model: string; threshold: number };
}

/**
 * The swap set: which leads the proposed rule adds to and removes from MQL compared with the
 * rule in force, and how those leads historically converted (rates with 95% Wilson intervals).
 */
export async function swapSet(db: Db, options: SwapSetOptions): Promise<SwapRow[]> {
  const columns = await db.columns(loadQuery("backtest/swap-set"), {
    current_model: options.current.model,
    current_threshold: options.current.threshold,
    new_model: options.proposed.model,
    new_threshold: options.proposed.threshold,
  });
  const rate = (successes: number, n: number, pick: "estimate" | "low" | "high") =>
    n > 0 ? wilsonInterval(successes, n)[pick] : null;
  return aq
    .table(columns)
    .derive({
      sql_rate: aq.escape((d: SwapRow) => rate(d.sql, d.observed, "estimate")),
      sql_rate_low: aq.escape((d: SwapRow) => rate(d.sql, d.observed, "low")),
      sql_rate_high: aq.escape((d: SwapRow) => rate(d.sql, d.observed, "high")),
      won_rate: aq.escape((d: SwapRow) => rate(d.won, d.mature, "estimate")),
      won_rate_low: aq.escape((d: SwapRow) => rate(d.won, d.mature, "low")),
      won_rate_high: aq.escape((d: SwapRow) => rate(d.won, d.mature, "high")),
    })
    .objects() as SwapRow[];
}
