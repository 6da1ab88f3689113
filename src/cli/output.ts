/**
 * Output conventions shared by every command: results on stdout, progress on stderr,
 * `--json` for machines.
 */

export interface GlobalOptions {
  db: string;
  config: string;
  json: boolean;
  debug: boolean;
  quiet: boolean;
}

export interface Output {
  /** A progress line on stderr (suppressed by --quiet and --json? no: only by --quiet). */
  progress(message: string): void;
  /** A result line on stdout. */
  result(text: string): void;
  /** A machine-readable result on stdout (`--json`). */
  json(value: unknown): void;
  warn(message: string): void;
}

export function makeOutput(options: Pick<GlobalOptions, "quiet">): Output {
  return {
    progress(message) {
      if (!options.quiet) process.stderr.write(`${message}\n`);
    },
    result(text) {
      process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
    },
    json(value) {
      process.stdout.write(`${JSON.stringify(value, jsonReplacer, 2)}\n`);
    },
    warn(message) {
      process.stderr.write(`warning: ${message}\n`);
    },
  };
}

/** Dates as ISO strings, bigints as numbers. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  return value;
}
