import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { formatBench, reportFilesOk } from "../../bench/format-bench.js";
import { parseSqlTrace } from "../../bench/parse-sql-trace.js";
import { type BenchResult, filesUnder, runBench, STAGES } from "../../bench/run-bench.js";
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

describe("filesUnder(dir) and reportFilesOk(result)", () => {
  it("lists every file below the folder with its size, largest first", () => {
    const dir = mkdtempSync(join(tmpdir(), "handoff-bench-files-"));
    try {
      mkdirSync(join(dir, "board"));
      writeFileSync(join(dir, "board.html"), "x".repeat(300));
      writeFileSync(join(dir, "board", "01-funnel.svg"), "x".repeat(1200));
      const files = filesUnder(dir);
      expect(files).toEqual([
        { file: join("board", "01-funnel.svg"), bytes: 1200 },
        { file: "board.html", bytes: 300 },
      ]);
      const result = { reportFiles: files } as BenchResult;
      expect(reportFilesOk(result)).toBe(true);
      expect(
        reportFilesOk({ reportFiles: [{ file: "a.html", bytes: 5_000_000 }] } as BenchResult),
      ).toBe(false);
      expect(reportFilesOk({ reportFiles: [] } as unknown as BenchResult)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
    // the report stage wrote its three pages (and the charts as SVG), each under 5 MB
    const files = result.reportFiles.map((f) => f.file);
    expect(files).toEqual(
      expect.arrayContaining(["board.html", "calibration.html", "channels.html"]),
    );
    expect(files.some((f) => f.endsWith(".svg"))).toBe(true);
    expect(reportFilesOk(result)).toBe(true);
    expect(formatBench(result)).toContain("report files < 5 MB: met");
    expect(result.reference).toBeNull();
    expect(formatBench(result)).toContain("features + profile");
    // the run folder (database, model) is removed; the data set stays for reuse
    expect(readdirSync(join(dataRoot, "runs"))).toEqual([]);
    expect(readdirSync(dataRoot)).toContain("leads-1500-epl-3");
  }, 240_000);
});
