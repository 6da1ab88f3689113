/**
 * What the page builders read: the stages' results, gathered by `handoff report`
 * (src/commands/report.ts). Type-only imports: the builders run no query and read no file.
 * A stage the data cannot support is `null` with a note saying why, so a page can say what is
 * missing instead of drawing an empty chart.
 */
import type { BacktestResult } from "../../backtest/run-backtest.js";
import type { ChannelsReport } from "../../channels/channels-report.js";
import type { FeaturesResult } from "../../features/build-features.js";
import type { FittedScorecard } from "../../features/fit-scorecard.js";
import type { FunnelReport } from "../../funnel/funnel-report.js";
import type { FunnelTotals, PipelineCohortRow } from "../../funnel/pipeline-by-cohort.js";
import type { Model } from "../../model/model-file.js";

/** Facts every page's model card and cover need. */
export interface PageContext {
  /** Shown as "Generated …": the data's as-of date unless `--generated-at` says otherwise. */
  generatedAt: string;
  /** ISO 4217 code. */
  currency: string;
  /** The command line that reproduces the page. */
  command: string;
  /** Export files read (from load_log, latest load of each kind). */
  files: { kind: string; path: string; sha256: string; rows: number }[];
  /** Leads in the database and the creation dates they span (null: no dates). */
  leads: { count: number; first: Date | null; last: Date | null };
  /** The data's "today" (null: no dates anywhere) and the maturity window in days. */
  asOf: Date | null;
  maturityDays: number;
  /** The scoring model the figures assume: its label (file or "fitted in memory") and threshold. */
  model: { label: string; threshold: number | null } | null;
}

/** A stage's result, or why the data cannot give it. */
export type Stage<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface BoardInputs {
  context: PageContext;
  /** Funnel by quarter of lead creation (grain "quarter"). */
  funnel: Stage<FunnelReport>;
  /** Pipeline created from MQLs by quarter (same cohorts as the funnel). */
  pipeline: PipelineCohortRow[];
  /** The funnel over every lead, dated or not: what an undated export can still show. */
  totals: FunnelTotals | null;
  channels: Stage<ChannelsReport>;
  /** MQL→SQL health band (backtest.health_bands). */
  healthBand: { tooLooseBelow: number; tooStrictAbove: number };
  /** backtest.weekly_mql_capacity, when set. */
  weeklyCapacity: number | null;
  /** targets.new_arr (a year), when set. */
  newArrTarget: number | null;
}

export interface CalibrationInputs {
  context: PageContext;
  /** The feature profile on all mature leads (`handoff features`). */
  profile: Stage<FeaturesResult>;
  /** The scorecard fitted on this data (`handoff fit`): rules, train and validation metrics. */
  fit: Stage<{ features: FeaturesResult; scorecard: FittedScorecard }>;
  /** The model the backtest scored (from --model, or the scorecard above). */
  model: Model;
  backtest: Stage<BacktestResult>;
  /** The rule in force, for the "current" marker (backtest.current). */
  current: { label: string; threshold: number } | null;
}

export interface ChannelsInputs {
  context: PageContext;
  channels: Stage<ChannelsReport>;
  /** The funnel report (any grain): its MQL failure modes and SLA. */
  funnel: Stage<FunnelReport>;
}
