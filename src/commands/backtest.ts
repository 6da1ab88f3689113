import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { backtestResultKey } from "../backtest/backtest-result-key.js";
import { formatBacktest } from "../backtest/format-backtest.js";
import { type BacktestResult, runBacktest } from "../backtest/run-backtest.js";
import { parseThresholdGrid, type ThresholdGrid } from "../backtest/threshold-grid.js";
import type { Output } from "../cli/output.js";
import { loadConfig } from "../config/load-config.js";
import type { Config } from "../config/schema.js";
import { writeStageResult } from "../db/index.js";
import { UserError } from "../errors.js";
import { type Model, parseModel } from "../model/model-file.js";
import { openLoaded } from "./open-loaded.js";

export interface BacktestOptions {
  db: string;
  config: string;
  json: boolean;
  /** The model file to backtest. */
  model: string;
  /** from:to:step; default: backtest.thresholds in the config (20:120:5). */
  thresholds?: string | undefined;
  /** The model in force, for the swap set; default: backtest.current.model in the config. */
  current?: string | undefined;
}

/**
 * `handoff backtest --model M.yaml`: every candidate threshold's volumes, rates, captured and
 * missed revenue, the recommended threshold and why, walk-forward validation by quarter, the
 * swap set against the current rule and the volume a new-ARR target needs.
 */
export async function backtest(options: BacktestOptions, out: Output): Promise<BacktestResult> {
  const { baseDir, file: configFile } = loadConfig(options.config);
  const model = readModel(options.model);
  const { db, config } = await openLoaded(options.db, options.config);
  try {
    const { grid, current } = backtestSetup(config, baseDir, configFile, options);
    out.progress(
      `backtesting ${options.model} over thresholds ${grid.from}:${grid.to}:${grid.step} in ${options.db} ...`,
    );
    const run = {
      model,
      grid,
      current,
      settings: config.backtest,
      windows: config.windows,
      halfLifeDays: config.features.half_life_days,
    };
    const result = await runBacktest(db, run);
    // kept for the report, which reuses it when its settings and data are the same
    await writeStageResult(db, "backtest", await backtestResultKey(db, run), result);
    if (options.json)
      out.json({
        model: { file: options.model, name: model.name ?? null, threshold: model.threshold },
        grid,
        ...result,
      });
    else
      out.result(
        formatBacktest(result, model.name ? `"${model.name}" (${options.model})` : options.model),
      );
    return result;
  } finally {
    db.close();
  }
}

/**
 * The threshold grid (--thresholds, else backtest.thresholds) and the rule in force (--current,
 * else backtest.current in the config, its model path relative to the config's folder).
 */
export function backtestSetup(
  config: Config,
  baseDir: string,
  configFile: string | null | undefined,
  options: { thresholds?: string | undefined; current?: string | undefined },
): { grid: ThresholdGrid; current: { model: Model | null; threshold: number } | undefined } {
  const settings = config.backtest;
  const grid = parseThresholdGrid(
    options.thresholds ?? settings.thresholds,
    options.thresholds !== undefined
      ? "--thresholds"
      : `${configFile ?? "config"}: backtest.thresholds`,
  );
  const currentFile =
    options.current ??
    (settings.current?.model === undefined
      ? undefined
      : isAbsolute(settings.current.model)
        ? settings.current.model
        : resolve(baseDir, settings.current.model));
  const currentModel: Model | null = currentFile === undefined ? null : readModel(currentFile);
  const currentThreshold = settings.current?.threshold ?? currentModel?.threshold;
  const current =
    currentThreshold === undefined
      ? undefined
      : { model: currentModel, threshold: currentThreshold };
  return { grid, current };
}

/** A model file, parsed and validated; a clear error when it is missing. */
export function readModel(path: string): Model {
  if (!existsSync(path))
    throw new UserError(
      `model file ${path} not found: write one with handoff fit, or pass its path`,
    );
  return parseModel(readFileSync(path, "utf8"), path);
}
