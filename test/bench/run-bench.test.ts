import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { formatBench } from "../../bench/format-bench.js";
import { parseSqlTrace } from "../../bench/parse-sql-trace.js";
import { runBench, STAGES } from "../../bench/run-bench.js";
import { ROOT } from "../helpers/cli.js";

const CLI = fileURLToPath(new URL("../../src/cli.ts", import.meta.url));
const TSX = new URL("../../node_modules/tsx/dist/loader.mjs", import.meta.url).href;
const SHARED = process.env.HANDOFF_SHARED_BENCH ?? join(ROOT, "..", "shared", "bench");
const PYTHON = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
/** The shared generator needs numpy and pandas; without them the harness cannot make data. */
const canGenerate =
  existsSync(join(SHARED, "make_bench_data.py")) &&
  spawnSync(PYTHON, ["-c", "import numpy, pandas"]).status === 0;

describe("parseSqlTrace(stderr)", () => {
  it("reads the statement timings and ignores other lines", () => {
    const trace =
      "loading\n[sql   1234 ms] -- sweep: for every threshold\n[sql      0 ms] COMMIT\n";
    expect(parseSqlTrace(trace)).toEqual([
      { seconds: 1.234, text: "-- sweep: for every threshold" },
      { seconds: 0, text: "COMMIT" },
    ]);
  });
});

describe.skipIf(!canGenerate)("runBench(options) at a tiny size", () => {
  const dataRoot = mkdtempSync(join(tmpdir(), "handoff-bench-test-"));
  afterAll(() => rmSync(dataRoot, { recursive: true, force: true }));

  it("generates the data, runs every stage through the CLI and measures each", async () => {
    const result = await runBench({
      leads: 1500,
      eventsPerLead: 3,
      dataRoot,
      cli: [process.execPath, "--import", TSX, CLI],
      python: PYTHON,
      sharedBench: SHARED,
      thresholds: "1:200:1",
      skipReference: true,
      memoryLimit: "500MB",
      keep: false,
    });
    expect(result.data.generatedSeconds).not.toBeNull();
    expect(result.stages.map((s) => s.stage)).toEqual(STAGES.map((s) => s.stage));
    for (const stage of result.stages) {
      expect(stage.seconds).toBeGreaterThan(0);
      expect(stage.peakRssBytes).toBeGreaterThan(10 * 1024 ** 2);
      if (existsSync("/usr/bin/time")) expect(stage.cpuSeconds).toBeGreaterThan(0);
      expect(stage.slowest.length).toBeGreaterThan(0);
    }
    // the backtest ran the 200-threshold sweep at least once and its time was traced
    expect(result.sweep?.runs).toBeGreaterThan(0);
    expect(result.comparison.at(-1)?.row).toBe("total");
    expect(result.comparison.at(-1)?.handoffSeconds).toBeCloseTo(
      result.stages.reduce((sum, s) => sum + s.seconds, 0),
      6,
    );
    expect(result.reference).toBeNull();
    expect(formatBench(result)).toContain("features + profile");
    // the run folder (database, model) is removed; the data set stays for reuse
    expect(readdirSync(join(dataRoot, "runs"))).toEqual([]);
    expect(readdirSync(dataRoot)).toContain("leads-1500-epl-3");
  }, 240_000);
});
