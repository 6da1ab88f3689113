/**
 * Output conventions shared by every command: results on stdout, progress on stderr,
 * `--json` for machines.
 */
import { stableNumber } from "../util/stable-number.js";

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

/**
 * Bigints as numbers (dates become ISO strings by their toJSON), other numbers to 9 significant
 * digits: statistics built on DuckDB's parallel double sums differ in their last bits between
 * runs; rounded, the same inputs print the same JSON.
 */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  return stableNumber(value);
}
