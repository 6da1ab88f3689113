/**
 * Handoff as a library: every CLI command is a call a script can make too.
 *
 * ```ts
 * import { Db, loadExports, planLoad, PRESETS, configSchema } from "handoff";
 * const db = await Db.open("handoff.duckdb");
 * await loadExports(db, { preset: PRESETS.hubspot, config: configSchema.parse({ preset: "hubspot" }),
 *   sources: [{ kind: "leads", files: ["contacts.csv"] }] });
 * ```
 */

export { readScoresAt, readScoresAtBatches } from "./backtest/read-scores-at.js";
export { type BacktestResult, runBacktest } from "./backtest/run-backtest.js";
export { scoreLeads } from "./backtest/score-leads.js";
export {
  type LeadScoreAt,
  type ScoreLeadsAtResult,
  scoreLeadsAt,
} from "./backtest/score-leads-at.js";
export { type StageScoresAtResult, stageScoresAt } from "./backtest/stage-scores-at.js";
export { type SweepRow, summariseSweep } from "./backtest/summarise-sweep.js";
export { sweepThresholds } from "./backtest/sweep-thresholds.js";
export { type WalkForward, walkForward } from "./backtest/walk-forward.js";
export { type BacktestOptions, backtest } from "./commands/backtest.js";
export { demo } from "./commands/demo.js";
export { type DriftOptions, drift } from "./commands/drift.js";
export { features } from "./commands/features.js";
export { fit } from "./commands/fit.js";
export { init } from "./commands/init.js";
export { load } from "./commands/load.js";
export {
  type RecalibrateOptions,
  type RecalibrateResult,
  recalibrate,
} from "./commands/recalibrate.js";
export {
  type ScoreOptions,
  type ScoreResult,
  score,
  scoresCsv,
  scoresCsvChunks,
} from "./commands/score.js";
export { status } from "./commands/status.js";
export { loadConfig, parseConfigText } from "./config/load-config.js";
export {
  FIELDS,
  KINDS,
  type Kind,
  PRESETS,
  type Preset,
  type PresetName,
} from "./config/presets.js";
export { type Config, configSchema } from "./config/schema.js";
export { Db, withDb } from "./db/index.js";
export { type DriftResult, measureDrift } from "./drift/measure-drift.js";
export {
  type DriftSummary,
  type DriftVerdict,
  summariseDrift,
} from "./drift/summarise-drift.js";
export { UserError } from "./errors.js";
export * from "./features/index.js";
export { type DataStatus, dataStatus } from "./load/data-status.js";
export { type LoadResult, type LoadSource, loadExports, planLoad } from "./load/load-exports.js";
export { type Model, modelSchema, parseModel } from "./model/model-file.js";
export { recalibrationReport } from "./recalibrate/recalibration-report.js";
export * from "./report/index.js";
export * from "./stats/index.js";
