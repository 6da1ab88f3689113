import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/db.js";

/** Every output file of a demo set, with the output folder's own path replaced by <out>. */
function outputs(out: string, set: string): Record<string, string> {
  const folder = join(out, "demo", set);
  const files: Record<string, string> = {};
  for (const name of readdirSync(folder).sort()) {
    if (name.endsWith(".duckdb") || name.endsWith(".wal")) continue;
    try {
      files[name] = readFileSync(join(folder, name), "utf8").replaceAll(out, "<out>");
    } catch {
      // a folder (e.g. SVG charts): compared by its own listing below
      files[name] = readdirSync(join(folder, name)).sort().join("\n");
    }
  }
  return files;
}

describe("handoff demo", () => {
  it("runs the pipeline on the HubSpot sample set and gives byte-identical outputs on a second run", () => {
    const a = tempDir();
    const b = tempDir();
    const first = runCli(["demo", "--sets", "hubspot", "--out", a]);
    expect(first.code, first.stderr).toBe(0);
    expect(runCli(["demo", "--sets", "hubspot", "--out", b]).code).toBe(0);
    const one = outputs(a, "hubspot");
    expect(Object.keys(one)).toEqual(
      expect.arrayContaining([
        "load.txt",
        "features.txt",
        "fit.txt",
        "model.yaml",
        "backtest.txt",
        "funnel.txt",
        "channels.txt",
      ]),
    );
    expect(one["backtest.txt"]).toMatch(/binding constraint: weekly_capacity/);
    expect(outputs(b, "hubspot")).toEqual(one);
  }, 240_000);
});
