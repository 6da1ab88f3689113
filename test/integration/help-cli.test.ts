import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli.js";

/** Every HANDOFF_* environment variable the source reads, but the test-only fault point. */
function variablesRead(dir: string): Set<string> {
  const found = new Set<string>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) for (const v of variablesRead(path)) found.add(v);
    else if (name.endsWith(".ts"))
      for (const m of readFileSync(path, "utf8").matchAll(/HANDOFF_[A-Z_]+/g)) found.add(m[0]);
  }
  found.delete("HANDOFF_FAULT_AT");
  return found;
}

describe("handoff --help", () => {
  it("lists every command, the exit codes and every environment variable Handoff reads", () => {
    const help = runCli(["--help"]);
    expect(help.code).toBe(0);
    for (const command of [
      "init",
      "load",
      "status",
      "features",
      "fit",
      "backtest",
      "funnel",
      "channels",
      "report",
      "score",
      "drift",
      "recalibrate",
      "demo",
    ])
      expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, "m"));
    expect(help.stdout).toMatch(/Exit codes: 0 .*, 1 .*, 2 /);
    const variables = variablesRead(join(ROOT, "src"));
    expect(variables.size).toBeGreaterThanOrEqual(5);
    for (const v of variables) expect(help.stdout, v).toContain(v);
  });
});
