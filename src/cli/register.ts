import type { Command } from "commander";
import { registerBacktest } from "./backtest.js";
import { registerChannels } from "./channels.js";
import { registerDrift } from "./drift.js";
import { registerFeatures } from "./features.js";
import { registerFit } from "./fit.js";
import { registerFunnel } from "./funnel.js";
import { registerLoad } from "./load.js";
import { registerRecalibrate } from "./recalibrate.js";
import { registerReport } from "./report.js";
import { registerScore } from "./score.js";

/**
 * Every command's declaration. Each command's work is `export async function <name>(options,
 * out)` in `src/commands/<name>.ts`; here we only declare arguments and call it.
 *
 * To add a command: declare it in a `register<Name>(program)` function in `src/cli/<name>.ts`
 * (helpers `action` and `globalsOf` are in register-helpers.ts) and call it from here.
 */
export function registerCommands(program: Command): void {
  registerLoad(program);
  registerFeatures(program);
  registerFit(program);
  registerBacktest(program);
  registerFunnel(program);
  registerChannels(program);
  registerReport(program);
  registerScore(program);
  registerDrift(program);
  registerRecalibrate(program);
}
