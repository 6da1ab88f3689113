import type { Command } from "commander";
import { registerChannels } from "./channels.js";
import { registerFeatures } from "./features.js";
import { registerFit } from "./fit.js";
import { registerFunnel } from "./funnel.js";
import { type GlobalOptions, makeOutput, type Output } from "./output.js";

/**
 * Every command's declaration. Each command's work is `export async function <name>(options,
 * out)` in `src/commands/<name>.ts`; here we only declare arguments and call it.
 *
 * To add a command: declare it in a `register<Name>(program)` function below (or in
 * `src/cli/<name>.ts` if it is long) and call that from `registerCommands`.
 */
export function registerCommands(program: Command): void {
  registerFeatures(program);
  registerFit(program);
  registerFunnel(program);
  registerChannels(program);
}

/** The global options (--db, --config, --json, --quiet, --debug) merged with a command's own. */
export function globalsOf(command: Command): GlobalOptions {
  const opts = command.optsWithGlobals() as Partial<GlobalOptions>;
  return {
    db: opts.db ?? "handoff.duckdb",
    config: opts.config ?? "handoff.yaml",
    json: opts.json === true,
    debug: opts.debug === true,
    quiet: opts.quiet === true,
  };
}

/** Wrap a command body: parse globals, make the output, run. Errors propagate to cli.ts. */
export function action<A extends unknown[]>(
  fn: (globals: GlobalOptions, out: Output, ...args: A) => Promise<void>,
): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const globals = globalsOf(command);
    await fn(globals, makeOutput(globals), ...(args.slice(0, -1) as A));
  };
}
