import { type Command, Option } from "commander";
import type { ChannelPeriod } from "../channels/channel-economics.js";
import { action } from "./register-helpers.js";

/** `handoff channels`: declarations only; the work is in src/commands/channels.ts. */
export function registerChannels(program: Command): void {
  program
    .command("channels")
    .description(
      "Spend joined to leads by channel and period: cost per lead / MQL / SQL / won deal, CAC, won revenue per unit of spend, MQL → SQL and MQL → won with 95% intervals",
    )
    .addOption(
      new Option("--period <period>", "calendar months, or the periods as the spend file cuts them")
        .choices(["month", "spend"])
        .default("month"),
    )
    .option("--csv <file>", "also write the table as CSV (spreadsheet-safe)")
    .action(
      action(async (globals, out, opts: { period?: ChannelPeriod; csv?: string }) => {
        const { channels } = await import("../commands/channels.js");
        await channels({ ...globals, ...opts }, out);
      }),
    );
}
