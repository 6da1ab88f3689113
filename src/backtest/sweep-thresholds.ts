import type { Db } from "../db/index.js";
import type { ThresholdGrid } from "./threshold-grid.js";

/** Counts at one threshold over the sweep's leads (queries/backtest/sweep.sql). */
export interface SweepCounts {
  threshold: number;
  /** Leads whose score reaches the threshold in their scoring window and pass every gate. */
  mql: number;
  mql_mature: number;
  mql_immature: number;
  /** Mature MQLs that were handed to sales, so their SQL outcome is known. */
  mql_observed: number;
  mql_sql: number;
  mql_won: number;
  /** Won amount of mature MQLs (captured). */
  won_amount: number;
  /** MQLs that were never handed to sales: outcome unobserved, not failures. */
  mql_unobserved: number;
  leads: number;
  leads_mature: number;
  won_total: number;
  won_amount_total: number;
}

/** Median days from the MQL moment to an outcome at one threshold (sweep-delays.sql). */
export interface SweepDelay {
  threshold: number;
  outcome: "sql" | "won";
  n: number;
  median_days: number;
}

export interface SweepOptions {
  /** Model key in bt_lead_score ('model', 'current'). */
  model: string;
  grid: ThresholdGrid;
  /** One more threshold to evaluate (e.g. the current one). */
  extra?: number | undefined;
  /** Only leads created in [createdFrom, createdTo). */
  createdFrom?: Date | undefined;
  createdTo?: Date | undefined;
  /** Outcomes as known at this moment (walk-forward training); needs `maturityDays`. */
  censorAt?: Date | undefined;
  maturityDays?: number | undefined;
}

export interface Sweep {
  counts: SweepCounts[];
  delays: SweepDelay[];
}

/**
 * Every candidate threshold at once over one model's scored leads: select the leads and their
 * outcomes (sweep-leads), then one sort and cumulative sums for the counts (sweep) and for the
 * MQL-to-outcome day histograms (sweep-delays). No query per threshold.
 */
export async function sweepThresholds(db: Db, options: SweepOptions): Promise<Sweep> {
  if (options.censorAt !== undefined && options.maturityDays === undefined)
    throw new Error("sweepThresholds: censorAt needs maturityDays");
  await db.exec("backtest/sweep-leads", {
    model: options.model,
    created_from: options.createdFrom?.toISOString() ?? null,
    created_to: options.createdTo?.toISOString() ?? null,
    censor_at: options.censorAt?.toISOString() ?? null,
    maturity_days: options.maturityDays ?? 0,
  });
  const grid = {
    from: options.grid.from,
    to: options.grid.to,
    step: options.grid.step,
    extra: options.extra ?? null,
  };
  const counts = await db.query<SweepCounts>("backtest/sweep", grid);
  const delays = await db.query<SweepDelay>("backtest/sweep-delays", {
    model: options.model,
    ...grid,
  });
  return { counts, delays };
}
