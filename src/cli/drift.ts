import type { Command } from "commander";
import { action } from "./register-helpers.js";

export function registerDrift(program: Command): void {
  program
    .command("drift")
    .description(
      "Population stability (PSI) of the score and of every feature between two quarters, the change in per-bin won rates, and whether recalibration is due",
    )
    .option(
      "--from <quarter>",
      "baseline quarter of decision time, e.g. 2026Q1 (default: the one before --to)",
    )
    .option(
      "--to <quarter>",
      "quarter to check, e.g. 2026Q2 (default: the last quarter ended by the data's as-of)",
    )
    .option("--model <file>", "model to check (default: backtest.current.model)")
    .action(
      action(async (globals, out, opts: { from?: string; to?: string; model?: string }) => {
        const { drift: runDrift } = await import("../commands/drift.js");
        await runDrift({ ...globals, ...opts }, out);
      }),
    );
}
