import type { Command } from "commander";
import { action } from "./register-helpers.js";

export function registerRecalibrate(program: Command): void {
  program
    .command("recalibrate")
    .description(
      "The quarterly routine: status, features, fit a candidate, backtest the model in force and the candidate, drift, and one recalibration report with the candidate model file",
    )
    .option(
      "--quarter <quarter>",
      "the quarter the new model is for, e.g. 2026Q3 (default: the quarter of the data's as-of)",
    )
    .option("--out <folder>", "where the run's folder recalibration-<quarter>/ goes", "out")
    .action(
      action(async (globals, out, opts: { quarter?: string; out: string }) => {
        const { recalibrate: runRecalibrate } = await import("../commands/recalibrate.js");
        await runRecalibrate(
          {
            ...globals,
            ...opts,
            commandLine: `handoff ${process.argv.slice(2).join(" ")}`,
          },
          out,
        );
      }),
    );
}
