import { type Command, InvalidArgumentError, Option } from "commander";
import type { CohortGrain } from "../funnel/cohort-funnel.js";
import { action } from "./register-helpers.js";

/** `handoff funnel`: declarations only; the work is in src/commands/funnel.ts. */
export function registerFunnel(program: Command): void {
  program
    .command("funnel")
    .description(
      "Lead → MQL → SQL → Opportunity → Won by creation cohort, with 95% intervals, velocity, MQL follow-up SLA, MQL failure modes and the MQL volume back-solve",
    )
    .option("--by <column>", "break down by a leads column (source, owner, country, ...)")
    .addOption(
      new Option("--cohort <grain>", "cohort grain (default: funnel.cohort, month)").choices([
        "week",
        "month",
        "quarter",
      ]),
    )
    .option("--csv <file>", "also write the cohort table as CSV (spreadsheet-safe)")
    .option(
      "--target-arr <amount>",
      "new-ARR target for the year (targets.new_arr)",
      positive("--target-arr"),
    )
    .option(
      "--avg-deal-size <amount>",
      "average deal size (targets.avg_deal_size; default from data)",
      positive("--avg-deal-size"),
    )
    .option(
      "--win-rate <rate>",
      "SQL → won rate, 0–1 (targets.win_rate; default from data)",
      share("--win-rate"),
    )
    .option(
      "--mql-to-sql <rate>",
      "MQL → SQL rate, 0–1 (targets.mql_to_sql; default from data)",
      share("--mql-to-sql"),
    )
    .action(
      action(
        async (
          globals,
          out,
          opts: {
            by?: string;
            cohort?: CohortGrain;
            csv?: string;
            targetArr?: number;
            avgDealSize?: number;
            winRate?: number;
            mqlToSql?: number;
          },
        ) => {
          const { funnel } = await import("../commands/funnel.js");
          await funnel({ ...globals, ...opts }, out);
        },
      ),
    );
}

export function positive(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0)
      throw new InvalidArgumentError(`${flag} must be a positive number (got "${value}")`);
    return n;
  };
}

export function share(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0 || n > 1) {
      throw new InvalidArgumentError(
        `${flag} must be a rate between 0 and 1, e.g. 0.25 (got "${value}")`,
      );
    }
    return n;
  };
}
