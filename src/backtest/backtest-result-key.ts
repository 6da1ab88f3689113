import { type Db, dataFingerprint, queriesFingerprint, settingsKey } from "../db/index.js";
import type { RunBacktestOptions } from "./run-backtest.js";

/** Bump when the backtest's JavaScript side changes what it produces. */
const BACKTEST_RESULT_VERSION = 1;

/**
 * The key a backtest's result is stored and looked up under (db/stage-results.ts): every
 * option of runBacktest (the model and the current rule as parsed, the grid, the backtest
 * settings, the windows, the half-life), the loaded data (dataFingerprint) and every query file.
 */
export async function backtestResultKey(db: Db, options: RunBacktestOptions): Promise<string> {
  return settingsKey({
    version: BACKTEST_RESULT_VERSION,
    options,
    data: await dataFingerprint(db),
    queries: queriesFingerprint(),
  });
}
