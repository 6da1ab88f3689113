import type { Command } from "commander";
import { action } from "./register-helpers.js";

export function registerBacktest(program: Command): void {
  program
    .command("backtest")
    .description(
      "Replay every lead under a scoring model and sweep MQL thresholds: volumes, rates, revenue captured and missed, a recommendation, walk-forward validation, swap set and volume back-solve",
    )
    .requiredOption("--model <file>", "scoring model file (from handoff fit, or hand-written)")
    .option(
      "--thresholds <from:to:step>",
      "candidate thresholds (default: backtest.thresholds, 20:120:5)",
    )
    .option(
      "--current <file>",
      "the model in force, for the swap set (default: backtest.current.model)",
    )
    .action(
      action(
        async (globals, out, opts: { model: string; thresholds?: string; current?: string }) => {
          const { backtest: runBacktest } = await import("../commands/backtest.js");
          await runBacktest(
            {
              db: globals.db,
              config: globals.config,
              json: globals.json,
              model: opts.model,
              thresholds: opts.thresholds,
              current: opts.current,
            },
            out,
          );
        },
      ),
    );
}
