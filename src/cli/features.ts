import { type Command, Option } from "commander";
import { action } from "./register-helpers.js";

export function registerFeatures(program: Command): void {
  program
    .command("features")
    .description(
      "Build labels and as-of features; print each feature's won / SQL rates, lift, WoE and information value",
    )
    .addOption(
      new Option("--target <target>", "outcome for WoE, IV and lift").choices(["won", "sql"]),
    )
    .option("--csv <file>", "also write the profile as CSV")
    .action(
      action(async (globals, out, opts: { target?: "won" | "sql"; csv?: string }) => {
        const { features } = await import("../commands/features.js");
        await features(
          {
            db: globals.db,
            config: globals.config,
            json: globals.json,
            target: opts.target,
            csv: opts.csv,
          },
          out,
        );
      }),
    );
}
