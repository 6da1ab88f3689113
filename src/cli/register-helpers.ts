import type { Command } from "commander";
import { type GlobalOptions, makeOutput, type Output } from "./output.js";

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
