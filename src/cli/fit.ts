import { type Command, InvalidArgumentError, Option } from "commander";
import { action } from "./register-helpers.js";

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new InvalidArgumentError(`expected a number >= 0, got "${value}"`);
  return n;
}

function strictlyPositive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError(`expected a number > 0, got "${value}"`);
  return n;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`expected a whole number >= 1, got "${value}"`);
  return n;
}

export function registerFit(program: Command): void {
  program
    .command("fit")
    .description(
      "Fit an L2 logistic regression on the binned features (out of time) and write a points scorecard model file",
    )
    .addOption(
      new Option("--target <target>", "outcome to predict (default: fit.target, won)").choices([
        "won",
        "sql",
      ]),
    )
    .option(
      "--validate-quarters <n>",
      "latest quarters held out for validation (default: fit.validate_quarters, 1)",
      positiveInteger,
    )
    .option("--out <file>", "model file to write", "model.yaml")
    .option("--l2 <x>", "L2 penalty on the coefficients (default: fit.l2, 1)", positiveNumber)
    .option(
      "--points-to-double-odds <n>",
      "points that double the odds (default: fit.points_to_double_odds, 20)",
      strictlyPositive,
    )
    .action(
      action(
        async (
          globals,
          out,
          opts: {
            target?: "won" | "sql";
            validateQuarters?: number;
            out: string;
            l2?: number;
            pointsToDoubleOdds?: number;
          },
        ) => {
          const { fit: runFit } = await import("../commands/fit.js");
          await runFit(
            {
              db: globals.db,
              config: globals.config,
              json: globals.json,
              target: opts.target,
              validateQuarters: opts.validateQuarters,
              out: opts.out,
              l2: opts.l2,
              pointsToDoubleOdds: opts.pointsToDoubleOdds,
              commandLine: ["handoff", ...process.argv.slice(2)].join(" "),
            },
            out,
          );
        },
      ),
    );
}
