import { type Command, InvalidArgumentError } from "commander";
import { action } from "./register-helpers.js";

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`expected a whole number >= 1, got "${value}"`);
  return n;
}

export function registerScore(program: Command): void {
  program
    .command("score")
    .description(
      "Every lead's score as of a date under a model: MQL flag, fit and intent points, the top reasons in words, points short of the line; CSV for CRM import",
    )
    .requiredOption("--model <file>", "scoring model file (from handoff fit, or hand-written)")
    .option(
      "--as-of <date>",
      "score at this instant: YYYY-MM-DD (end of that day, UTC) or an ISO date-time (default: windows.as_of, else the data's latest event)",
    )
    .option("--out <file>", "write every lead's score to this CSV file")
    .option("--reasons <n>", "reasons kept per lead (default 3)", wholeNumber)
    .option("--limit <n>", "leads listed in the terminal (default 20)", wholeNumber)
    .action(
      action(
        async (
          globals,
          out,
          opts: { model: string; asOf?: string; out?: string; reasons?: number; limit?: number },
        ) => {
          const { score: runScore } = await import("../commands/score.js");
          await runScore({ ...globals, ...opts }, out);
        },
      ),
    );
}
