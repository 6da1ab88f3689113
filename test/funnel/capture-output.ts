import type { Output } from "../../src/cli/output.js";

/** An Output that keeps what a command prints, for tests of commands. */
export function captureOutput(): Output & {
  results: string[];
  jsons: unknown[];
  warnings: string[];
} {
  const results: string[] = [];
  const jsons: unknown[] = [];
  const warnings: string[] = [];
  return {
    results,
    jsons,
    warnings,
    progress() {},
    result: (text) => results.push(text),
    json: (value) => jsons.push(JSON.parse(JSON.stringify(value))),
    warn: (message) => warnings.push(message),
  };
}
