/**
 * The benchmark: every Handoff stage on one generated data set, each in its own process so its
 * peak RSS is its own, against the pandas + scikit-learn reference on the same files.
 *
 *  1. data: generate (or reuse) `.bench-data/leads-<N>-epl-<K>/` with the shared generator;
 *  2. a fresh folder with an empty database and a handoff.yaml (canonical preset) per run;
 *  3. the stages through the CLI, in pipeline order, each measured (wall, peak RSS), with
 *     HANDOFF_TRACE_SQL on so the slowest statements and the sweep's own time are known;
 *  4. the reference script, measured the same way, its per-stage seconds from its JSON;
 *  5. the comparison rows: Handoff stages grouped the way the reference splits its work.
 */
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join, relative } from "node:path";
import { type BenchDataSet, ensureBenchData } from "./bench-data.js";
import { measureProcess } from "./measure-process.js";
import { parseSqlTrace, type TracedStatement } from "./parse-sql-trace.js";

export interface BenchOptions {
  leads: number;
  eventsPerLead: number;
  /** Folder of the data sets and run databases (`.bench-data/`). */
  dataRoot: string;
  /** How to start the Handoff CLI: `[node, dist/cli.js]`, or tsx on src/cli.ts in tests. */
  cli: string[];
  python: string;
  /** Folder holding make_bench_data.py and reference_pipeline.py. */
  sharedBench: string;
  /** Backtest grid (backtest.thresholds in the run's config); 1:200:1 is the 200-threshold sweep of the targets. */
  thresholds: string;
  skipReference: boolean;
  /**
   * DuckDB memory_limit for every Handoff stage (HANDOFF_MEMORY_LIMIT), or null for Handoff's
   * default (640 MiB, src/db/connection.ts); "duckdb" for DuckDB's own (80% of RAM).
   */
  memoryLimit: string | null;
  /** Keep the run folder (database, model, outputs) instead of deleting it. */
  keep: boolean;
  log?: (message: string) => void;
}

export interface StageResult {
  stage: string;
  seconds: number;
  cpuSeconds: number | null;
  peakRssBytes: number | null;
  /** The slowest SQL statements of the stage (from HANDOFF_TRACE_SQL). */
  slowest: TracedStatement[];
  /** Total seconds spent in SQL statements. */
  sqlSeconds: number;
}

export interface ReferenceResult {
  /** Wall time of the whole process, interpreter start included. */
  seconds: number;
  cpuSeconds: number | null;
  peakRssBytes: number | null;
  /** The script's own per-stage seconds. */
  stages: Record<string, number>;
  validAuc: number | null;
}

export interface ComparisonRow {
  row: string;
  handoffStages: string[];
  referenceStages: string[];
  handoffSeconds: number;
  handoffCpuSeconds: number | null;
  handoffPeakRssBytes: number | null;
  referenceSeconds: number | null;
  /** referenceSeconds / handoffSeconds: above 1 means Handoff is faster. */
  speedup: number | null;
}

export interface BenchResult {
  data: Omit<BenchDataSet, "files">;
  machine: { cpus: number; cpuModel: string; memoryBytes: number; node: string; platform: string };
  thresholds: string;
  memoryLimit: string | null;
  stages: StageResult[];
  /** Every file the report stage wrote (relative to its out folder), largest first. */
  reportFiles: ReportFile[];
  /** The 200-threshold sweep (queries/backtest/sweep.sql): slowest single run, and how many runs. */
  sweep: { maxSeconds: number; runs: number } | null;
  reference: ReferenceResult | null;
  comparison: ComparisonRow[];
  runDir: string | null;
}

export interface ReportFile {
  file: string;
  bytes: number;
}

interface StageSpec {
  stage: string;
  args: (run: { model: string; out: string }) => string[];
}

/** Handoff's stages in pipeline order, as CLI calls. `features` computes and profiles. */
export const STAGES: StageSpec[] = [
  { stage: "load", args: () => ["load"] },
  { stage: "features", args: () => ["features"] },
  { stage: "fit", args: (r) => ["fit", "--out", r.model] },
  // the grid is backtest.thresholds in the run's handoff.yaml, so the report (which reads the
  // config) backtests the same grid and reuses this stage's result
  { stage: "backtest", args: (r) => ["backtest", "--model", r.model] },
  { stage: "funnel", args: () => ["funnel"] },
  { stage: "channels", args: () => ["channels"] },
  // every page (board, calibration, channels) as HTML plus each chart as SVG, from the model
  // fitted above; the files' sizes are checked against the 5 MB target
  {
    stage: "report",
    args: (r) => ["report", "all", "--model", r.model, "--out", r.out, "--svg"],
  },
];

/** How the reference script's stages line up with Handoff's processes. */
const COMPARISON: { row: string; handoff: string[]; reference: string[] }[] = [
  { row: "load", handoff: ["load"], reference: ["load"] },
  { row: "features + profile", handoff: ["features"], reference: ["features", "profile"] },
  { row: "fit", handoff: ["fit"], reference: ["fit"] },
  { row: "backtest", handoff: ["backtest"], reference: ["backtest"] },
  { row: "funnel + channels", handoff: ["funnel", "channels"], reference: ["funnel+channels"] },
  // the reference writes no report: Handoff's report stage is in the total only
  { row: "report", handoff: ["report"], reference: [] },
];

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const log = options.log ?? (() => {});
  // 1. data
  const data = ensureBenchData({
    root: options.dataRoot,
    leads: options.leads,
    eventsPerLead: options.eventsPerLead,
    python: options.python,
    generator: join(options.sharedBench, "make_bench_data.py"),
    log,
  });

  // 2. a fresh database and config
  const runDir = join(options.dataRoot, "runs", `run-${process.pid}-${Date.now()}`);
  mkdirSync(runDir, { recursive: true });
  const config = join(runDir, "handoff.yaml");
  writeFileSync(
    config,
    [
      "# written by bench/run-bench.ts: the shared generator's files, canonical preset",
      "preset: canonical",
      "sources:",
      ...(["leads", "deals", "activities", "spend"] as const).map(
        (kind) => `  ${kind}: { path: ${JSON.stringify(data.files[kind])} }`,
      ),
      "backtest:",
      `  thresholds: ${JSON.stringify(options.thresholds)}`,
      "",
    ].join("\n"),
  );
  const run = { model: join(runDir, "model.yaml"), out: join(runDir, "out") };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TZ: "UTC",
    NO_COLOR: "1",
    HANDOFF_TRACE_SQL: "1",
  };
  if (options.memoryLimit) env.HANDOFF_MEMORY_LIMIT = options.memoryLimit;
  else delete env.HANDOFF_MEMORY_LIMIT;

  // 3. Handoff, stage by stage
  const stages: StageResult[] = [];
  let sweep: BenchResult["sweep"] = null;
  let reportFiles: ReportFile[] = [];
  try {
    for (const spec of STAGES) {
      const args = [
        "--db",
        join(runDir, "handoff.duckdb"),
        "--config",
        config,
        "--quiet",
        ...spec.args(run),
      ];
      log(`handoff ${spec.stage} …`);
      const measured = await measureProcess([...options.cli, ...args], { cwd: runDir, env });
      writeFileSync(join(runDir, `${spec.stage}.stdout.txt`), measured.stdout);
      writeFileSync(join(runDir, `${spec.stage}.stderr.txt`), measured.stderr);
      if (measured.code !== 0) {
        throw new Error(
          `bench: handoff ${args.join(" ")} exited ${measured.code}:\n${tail(measured.stderr)}`,
        );
      }
      const statements = parseSqlTrace(measured.stderr);
      if (spec.stage === "backtest") {
        const sweeps = statements.filter((s) => s.text.startsWith("-- sweep:"));
        if (sweeps.length > 0)
          sweep = { maxSeconds: Math.max(...sweeps.map((s) => s.seconds)), runs: sweeps.length };
      }
      stages.push({
        stage: spec.stage,
        seconds: measured.seconds,
        cpuSeconds: measured.cpuSeconds,
        peakRssBytes: measured.peakRssBytes,
        slowest: [...statements].sort((a, b) => b.seconds - a.seconds).slice(0, 5),
        sqlSeconds: statements.reduce((sum, s) => sum + s.seconds, 0),
      });
      if (spec.stage === "report") reportFiles = filesUnder(run.out);
      log(
        `handoff ${spec.stage}: ${measured.seconds.toFixed(1)} s (CPU ${measured.cpuSeconds?.toFixed(1) ?? "?"} s), peak RSS ${formatBytes(measured.peakRssBytes)}`,
      );
    }
  } finally {
    if (!options.keep) rmSync(runDir, { recursive: true, force: true });
  }

  // 4. the reference
  let reference: ReferenceResult | null = null;
  if (!options.skipReference) {
    log("reference_pipeline.py …");
    const measured = await measureProcess(
      [options.python, join(options.sharedBench, "reference_pipeline.py"), data.dir],
      { env: { ...process.env, TZ: "UTC" } },
    );
    if (measured.code !== 0)
      throw new Error(`bench: the reference exited ${measured.code}:\n${tail(measured.stderr)}`);
    const json = JSON.parse(measured.stdout.trim().split("\n").pop() ?? "{}") as {
      seconds?: Record<string, number>;
      valid_auc?: number;
    };
    reference = {
      seconds: measured.seconds,
      cpuSeconds: measured.cpuSeconds,
      peakRssBytes: measured.peakRssBytes,
      stages: json.seconds ?? {},
      validAuc: json.valid_auc ?? null,
    };
    log(
      `reference: ${measured.seconds.toFixed(1)} s (CPU ${measured.cpuSeconds?.toFixed(1) ?? "?"} s), peak RSS ${formatBytes(measured.peakRssBytes)}`,
    );
  }

  // 5. side by side
  const comparison = COMPARISON.map(({ row, handoff, reference: ref }) =>
    compareRow(row, handoff, ref, stages, reference),
  );
  const total = compareRow(
    "total",
    stages.map((s) => s.stage),
    [],
    stages,
    reference,
  );
  total.referenceSeconds = reference?.seconds ?? null;
  total.speedup =
    reference && total.handoffSeconds > 0 ? reference.seconds / total.handoffSeconds : null;
  comparison.push(total);

  const { files: _files, ...dataInfo } = data;
  return {
    data: dataInfo,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? "unknown",
      memoryBytes: totalmem(),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
    },
    thresholds: options.thresholds,
    memoryLimit: options.memoryLimit,
    stages,
    reportFiles,
    sweep,
    reference,
    comparison,
    runDir: options.keep ? runDir : null,
  };
}

function compareRow(
  row: string,
  handoff: string[],
  referenceStages: string[],
  stages: StageResult[],
  reference: ReferenceResult | null,
): ComparisonRow {
  const mine = stages.filter((s) => handoff.includes(s.stage));
  const handoffSeconds = mine.reduce((sum, s) => sum + s.seconds, 0);
  const cpu = mine.map((s) => s.cpuSeconds);
  const rss = mine.map((s) => s.peakRssBytes).filter((b): b is number => b !== null);
  const referenceSeconds =
    reference && referenceStages.length > 0
      ? referenceStages.reduce((sum, s) => sum + (reference.stages[s] ?? 0), 0)
      : null;
  return {
    row,
    handoffStages: handoff,
    referenceStages,
    handoffSeconds,
    handoffCpuSeconds: cpu.every((c) => c !== null)
      ? cpu.reduce((sum: number, c) => sum + (c as number), 0)
      : null,
    handoffPeakRssBytes: rss.length ? Math.max(...rss) : null,
    referenceSeconds,
    speedup:
      referenceSeconds !== null && handoffSeconds > 0 ? referenceSeconds / handoffSeconds : null,
  };
}

/** The files under a folder, with their sizes, largest first. */
export function filesUnder(dir: string): ReportFile[] {
  const files: ReportFile[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile())
        files.push({ file: relative(dir, path), bytes: statSync(path).size });
    }
  };
  walk(dir);
  return files.sort((a, b) => b.bytes - a.bytes || a.file.localeCompare(b.file));
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return "—";
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(0)} KiB`;
  return `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
}

function tail(text: string, lines = 20): string {
  return text
    .split("\n")
    .filter((l) => !l.startsWith("[sql "))
    .slice(-lines)
    .join("\n");
}
