import type { Config } from "../config/schema.js";
import type { Db } from "../db/index.js";
import { buildLabels, type LabelCounts } from "../features/build-labels.js";
import type { ResolvedWindows } from "../features/resolve-windows.js";
import type { Model } from "../model/model-file.js";
import { type BackSolve, backSolveVolume } from "./back-solve-volume.js";
import {
  type Constraints,
  type Recommendation,
  recommendThreshold,
} from "./recommend-threshold.js";
import { scoreLeadsStored } from "./score-leads-stored.js";
import { type SweepRow, summariseSweep } from "./summarise-sweep.js";
import { type SwapRow, swapSet } from "./swap-set.js";
import { sweepThresholds } from "./sweep-thresholds.js";
import type { ThresholdGrid } from "./threshold-grid.js";
import { type WalkForward, walkForward } from "./walk-forward.js";

const DAY = 86_400_000;

export interface RunBacktestOptions {
  model: Model;
  grid: ThresholdGrid;
  /** The rule in force: a model (or the same one) and its threshold; undefined: no swap set. */
  current?: { model: Model | null; threshold: number } | undefined;
  settings: Config["backtest"];
  windows: Config["windows"];
  halfLifeDays: number;
}

export interface BacktestResult {
  windows: ResolvedWindows;
  labels: LabelCounts;
  population: {
    leads: number;
    first_day: Date | null;
    last_day: Date | null;
    weeks: number | null;
  };
  spend: number | null;
  constraints: Constraints & { bands: Config["backtest"]["health_bands"] };
  sweep: SweepRow[];
  recommendation: Recommendation;
  /** The current rule's own line (its model at its threshold), when one is given. */
  current: (SweepRow & { same_model: boolean }) | null;
  walk_forward: WalkForward | null;
  swap_set: SwapRow[] | null;
  back_solve:
    | (BackSolve & { average_deal_size: number; win_rate: number; sources: string[] })
    | null;
  notes: string[];
}

/**
 * The whole backtest over a loaded database: label the leads (features stage), score them under
 * the model (and the current one), sweep the thresholds, recommend one, validate the choice
 * walk-forward by quarter, compare with the current rule, and back-solve the volume a target
 * needs. Returns results only; printing is the command's job.
 */
export async function runBacktest(db: Db, options: RunBacktestOptions): Promise<BacktestResult> {
  const notes: string[] = [];
  const settings = options.settings;
  // 1. labels and the population: every labelled lead, scored up to its decision time
  const labels = await buildLabels(db, options.windows, options.halfLifeDays);
  await db.exec("backtest/population-from-labels", {
    until: settings.score_until,
    as_of: labels.windows.asOf?.toISOString() ?? null,
  });
  // 2. scores over time: the proposed model (its records reused when `handoff fit` stored them
  // for this model, population and data), and the current one when it differs
  notes.push(...(await scoreLeadsStored(db, options.model, "model", { store: false })).warnings);
  const currentKey = options.current?.model ? "current" : "model";
  if (options.current?.model)
    notes.push(
      ...(
        await scoreLeadsStored(db, options.current.model, "current", { store: false })
      ).warnings.map((w) => `current model: ${w}`),
    );
  // 3. the sweep over every lead, with the current threshold as an extra line when it is the same model
  const extra = options.current && currentKey === "model" ? options.current.threshold : undefined;
  const sweep = await sweepThresholds(db, { model: "model", grid: options.grid, extra });
  const span = (
    await db.query<{ leads: number; first_day: Date | null; last_day: Date | null }>(
      "backtest/sweep-span",
    )
  )[0] ?? {
    leads: 0,
    first_day: null,
    last_day: null,
  };
  const weeks =
    span.first_day && span.last_day
      ? (span.last_day.getTime() - span.first_day.getTime() + DAY) / (7 * DAY)
      : null;
  if (weeks === null)
    notes.push("leads have no creation dates: no per-week figures, no walk-forward validation");
  let spend: number | null = null;
  if (span.first_day && span.last_day && (await db.hasTable("spend"))) {
    const rows = await db.query<{ spend: number; rows: number }>("backtest/spend-in-window", {
      from: span.first_day.toISOString(),
      to: new Date(span.last_day.getTime() + DAY).toISOString(),
    });
    if ((rows[0]?.rows ?? 0) > 0) spend = rows[0]?.spend ?? null;
    else notes.push("no spend loaded for the leads' window: no cost per MQL");
  }
  const bands = settings.health_bands;
  const context = { weeks, spend, reps: settings.reps, bands };
  const rows = summariseSweep(sweep, context);
  // 4. the recommendation
  const constraints: Constraints = {
    objective: settings.objective,
    weeklyCapacity: settings.weekly_mql_capacity,
    minSqlRate: settings.min_mql_to_sql ?? bands.too_loose_below,
  };
  if (settings.weekly_mql_capacity !== undefined && weeks === null)
    notes.push("weekly_mql_capacity is set but leads have no dates: capacity not checked");
  const recommendation = recommendThreshold(rows, constraints);
  // 5. the current rule's line
  let current: BacktestResult["current"] = null;
  if (options.current) {
    const t = options.current.threshold;
    if (currentKey === "model") {
      const row = rows.find((r) => r.threshold === t);
      if (row) current = { ...row, same_model: true };
    } else {
      const own = await sweepThresholds(db, {
        model: "current",
        grid: { from: t, to: t, step: 1 },
      });
      const row = summariseSweep(own, context)[0];
      if (row) current = { ...row, same_model: false };
    }
  }
  // 6. walk-forward by quarter (needs dates); sweeps re-select their own leads
  const walk =
    weeks !== null
      ? await walkForward(db, {
          model: "model",
          grid: options.grid,
          constraints,
          bands,
          reps: settings.reps,
          maturityDays: labels.windows.maturityDays,
        })
      : null;
  // 7. the swap set against the current rule
  const swap =
    options.current && recommendation.threshold !== null
      ? await swapSet(db, {
          current: { model: currentKey, threshold: options.current.threshold },
          proposed: { model: "model", threshold: recommendation.threshold },
        })
      : null;
  // 8. the volume back-solve at the recommended threshold
  let backSolve: BacktestResult["back_solve"] = null;
  const chosen = rows.find((r) => r.threshold === recommendation.threshold);
  if (settings.target && chosen) {
    const funnel = (
      await db.query<{ sql: number; won_of_sql: number; won: number; won_amount: number }>(
        "backtest/funnel-rates",
      )
    )[0];
    const sources: string[] = [];
    const dealSize =
      settings.target.average_deal_size ??
      (funnel && funnel.won > 0 ? funnel.won_amount / funnel.won : null);
    sources.push(
      settings.target.average_deal_size
        ? "average deal size from config"
        : "average deal size: mean won amount of mature won leads",
    );
    const winRate =
      settings.target.win_rate ??
      (funnel && funnel.sql > 0 ? funnel.won_of_sql / funnel.sql : null);
    sources.push(
      settings.target.win_rate ? "win rate from config" : "win rate: won share of mature SQLs",
    );
    if (dealSize && winRate && chosen.sql_rate && chosen.mql_per_week !== null) {
      backSolve = {
        ...backSolveVolume({
          new_arr: settings.target.new_arr,
          average_deal_size: dealSize,
          win_rate: winRate,
          mql_to_sql: chosen.sql_rate,
          mql_per_week: chosen.mql_per_week,
        }),
        average_deal_size: dealSize,
        win_rate: winRate,
        sources,
      };
    } else {
      notes.push("volume back-solve skipped: no won deals, SQL rate or dates to work from");
    }
  }
  return {
    windows: labels.windows,
    labels: labels.counts,
    population: { ...span, weeks },
    spend,
    constraints: { ...constraints, bands },
    sweep: rows,
    recommendation,
    current,
    walk_forward: walk,
    swap_set: swap,
    back_solve: backSolve,
    notes,
  };
}
