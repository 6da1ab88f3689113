import { type Command, Option } from "commander";
import { PRESET_NAMES } from "../config/presets.js";
import { action } from "./register-helpers.js";

export function registerLoad(program: Command): void {
  program
    .command("init")
    .description(
      "write a commented handoff.yaml for a preset (where the exports live, how to read them)",
    )
    .addOption(
      new Option("--preset <name>", "export shape")
        .choices(PRESET_NAMES as string[])
        .default("hubspot"),
    )
    .option("--force", "overwrite an existing config file")
    .addHelpText("after", "\nExample:\n  handoff init --preset salesforce && $EDITOR handoff.yaml")
    .action(
      action(async (globals, out, opts: { preset: string; force?: boolean }) => {
        const { init } = await import("../commands/init.js");
        await init({ ...globals, ...opts }, out);
      }),
    );

  program
    .command("load")
    .description(
      "load CSV / Parquet exports (leads, deals, activities, spend) into the DuckDB database",
    )
    .addOption(
      new Option(
        "--preset <name>",
        "export shape (default: the config's preset, else canonical)",
      ).choices(PRESET_NAMES as string[]),
    )
    .option("--leads <files...>", "lead / contact exports")
    .option("--deals <files...>", "deal / opportunity exports")
    .option("--activities <files...>", "event-level activity exports")
    .option("--spend <files...>", "spend by channel and period")
    .option(
      "--timezone <zone>",
      "IANA time zone of the exports' local times (overrides the config)",
    )
    .option("--force", "reload files even if their content was loaded before")
    .option("--strict", "exit 1 if any row is rejected")
    .addHelpText(
      "after",
      `
Files named on the command line override the config's sources. Loading the same file again
changes nothing; a changed file replaces its rows (by id for leads and deals). Everything is
one transaction: a failed or interrupted load leaves the database as it was.

Bad rows are not dropped: they go to the rejects table with file, line, column, reason and the
raw row (handoff status --rejects).

Examples:
  handoff load --preset hubspot --leads contacts.csv --deals deals.csv
  handoff load --preset salesforce --leads Lead.csv --deals Opportunity.csv --activities Task.csv
  handoff load                          # the sources listed in handoff.yaml
  handoff --db :memory: load --leads leads.csv --json`,
    )
    .action(
      action(async (globals, out, opts: Record<string, unknown>) => {
        const { load } = await import("../commands/load.js");
        await load({ ...globals, ...opts }, out);
      }),
    );

  program
    .command("status")
    .description(
      "what is loaded: rows, date ranges, filled fields, deal links, rejects, and what the data supports",
    )
    .option("--rejects", "list every rejected row")
    .action(
      action(async (globals, out, opts: { rejects?: boolean }) => {
        const { status } = await import("../commands/status.js");
        await status({ ...globals, ...opts }, out);
      }),
    );

  program
    .command("demo")
    .description(
      "run the pipeline on the bundled sample exports (HubSpot, Salesforce and flat shapes)",
    )
    .option("--out <dir>", "where the demo databases and reports go", "out")
    .option("--sets <names...>", "sample sets to run (hubspot, salesforce, flat)")
    .action(
      action(async (globals, out, opts: { out: string; sets?: string[] }) => {
        const { demo } = await import("../commands/demo.js");
        await demo({ ...globals, ...opts }, out);
      }),
    );
}
