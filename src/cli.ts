#!/usr/bin/env node
/**
 * The command line: declarations only. Each command lives in `src/commands/<name>.ts` as
 * `export async function <name>(options)`; this file parses arguments, calls it, and turns
 * errors into exit codes: 0 success, 1 user error (bad input, config or data), 2 bug.
 */
import { Command, CommanderError, Option } from "commander";
import { registerCommands } from "./cli/register.js";
import { formatLocation, isUserError } from "./errors.js";

const program = new Command();
program
  .name("handoff")
  .description(
    "Decide where the marketing-to-sales handoff line belongs, from your CRM and marketing exports.\n" +
      "Pipeline: load → features → fit → backtest → funnel / channels → report.",
  )
  .version("0.1.0")
  .addOption(
    new Option("--db <file>", "DuckDB database file (:memory: for a throwaway one)").default(
      "handoff.duckdb",
    ),
  )
  .addOption(new Option("--config <file>", "config file").default("handoff.yaml"))
  .option("--json", "machine-readable output on stdout", false)
  .option("--quiet", "no progress messages on stderr", false)
  .option("--debug", "show stack traces for unexpected errors", false)
  .showHelpAfterError("(run with --help for usage)")
  .addHelpText(
    "after",
    `
Exit codes: 0 done, 1 bad input, config or data (the message says what to fix), 2 a bug.

Environment:
  HANDOFF_MEMORY_LIMIT=<size>     DuckDB's buffer memory (default 640 MiB; "duckdb": its own 80%
                                  of RAM); more spills to HANDOFF_TEMP_DIRECTORY
  HANDOFF_TEMP_DIRECTORY=<dir>    where DuckDB spills (default <database>.tmp/)
  HANDOFF_RECOMPUTE=1             reuse nothing stored by earlier commands (labels, features,
                                  fit, score records, backtest, funnel, channels): compute afresh
  HANDOFF_TRACE_SQL=1             every SQL statement's time on stderr
  HANDOFF_EXPLAIN_SQL=<text>      profile the statements containing <text> (EXPLAIN ANALYZE)

Start: handoff init --preset hubspot, then handoff load && handoff status (README.md).`,
  )
  .exitOverride();

registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = handleError(
    error,
    program.opts().debug === true || process.argv.includes("--debug"),
  );
}

function handleError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // help and version exit 0; usage errors have already been printed by commander
    return error.exitCode === 0 ? 0 : 1;
  }
  if (isUserError(error)) {
    const where = error.location ? `${formatLocation(error.location)}: ` : "";
    process.stderr.write(`error: ${where}${error.message}\n`);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Unexpected error: ${message}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else
    process.stderr.write("This is a bug in handoff. Run again with --debug for the stack trace.\n");
  return 2;
}
