import { type Command, Option } from "commander";
import { REPORT_NAMES, type ReportName } from "../report/report-names.js";
import { action } from "./register-helpers.js";

/** `handoff report`: declarations only; the work is in src/commands/report.ts. */
export function registerReport(program: Command): void {
  program
    .command("report")
    .description(
      "Write self-contained HTML reports (offline, printable): board summary, score calibration, channels; optionally every chart as SVG",
    )
    .addArgument(
      program.createArgument("<report>", "which report").choices([...REPORT_NAMES, "all"]),
    )
    .option("--out <folder>", "folder for <report>.html", "out")
    .option(
      "--model <file>",
      "scoring model for the calibration page (default: fitted in memory, as handoff fit would)",
    )
    .option("--svg", "also write each chart as <out>/<report>/<nn>-<chart>.svg")
    .addOption(
      new Option(
        "--generated-at <text>",
        "text shown as the generation date (default: the data's as-of date, so the same data gives the same bytes)",
      ),
    )
    .option("--currency <code>", "ISO 4217 code of amounts and spend", "USD")
    .action(
      action(
        async (
          globals,
          out,
          name: ReportName | "all",
          opts: {
            out: string;
            model?: string;
            svg?: boolean;
            generatedAt?: string;
            currency: string;
          },
        ) => {
          const { report } = await import("../commands/report.js");
          await report(
            {
              ...globals,
              ...opts,
              report: name,
              commandLine: ["handoff", ...process.argv.slice(2)].join(" "),
            },
            out,
          );
        },
      ),
    );
}
