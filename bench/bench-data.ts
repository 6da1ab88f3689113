/**
 * The benchmark's data sets: canonical-shaped exports written by the shared generator
 * (`../shared/bench/make_bench_data.py`, seed 7) into the git-ignored `.bench-data/`, one folder
 * per size (`leads-<N>-epl-<K>/`). A folder that exists is reused; a new one is generated into
 * `<folder>.tmp` and renamed only when the generator succeeded, so a killed run never leaves a
 * half-written set that a later run would trust.
 */
import { spawnSync } from "node:child_process";
import { existsSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

export const BENCH_FILES = ["leads", "deals", "activities", "spend"] as const;
export type BenchFile = (typeof BENCH_FILES)[number];

export interface BenchDataSet {
  dir: string;
  leads: number;
  eventsPerLead: number;
  files: Record<BenchFile, string>;
  /** Total size of the four CSV files. */
  bytes: number;
  /** Seconds the generator took, or null when an existing set was reused. */
  generatedSeconds: number | null;
}

export interface BenchDataOptions {
  /** Folder holding the data sets (`.bench-data/`). */
  root: string;
  leads: number;
  eventsPerLead: number;
  python: string;
  /** Path of make_bench_data.py. */
  generator: string;
  log?: (message: string) => void;
}

/** The folder of one size: `leads-100000-epl-20`. */
export function benchDataDir(root: string, leads: number, eventsPerLead: number): string {
  return join(root, `leads-${leads}-epl-${eventsPerLead}`);
}

/** Generate the data set of that size unless it is already there; return its files. */
export function ensureBenchData(options: BenchDataOptions): BenchDataSet {
  const dir = benchDataDir(options.root, options.leads, options.eventsPerLead);
  let generatedSeconds: number | null = null;
  if (!BENCH_FILES.every((f) => existsSync(join(dir, `${f}.csv`)))) {
    if (!existsSync(options.generator))
      throw new Error(`bench: the data generator ${options.generator} does not exist`);
    const tmp = `${dir}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    options.log?.(
      `generating ${options.leads.toLocaleString("en-US")} leads × ${options.eventsPerLead} events into ${dir}`,
    );
    const started = performance.now();
    const result = spawnSync(
      options.python,
      [options.generator, tmp, String(options.leads), String(options.eventsPerLead)],
      { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
    );
    if (result.status !== 0) {
      rmSync(tmp, { recursive: true, force: true });
      throw new Error(
        `bench: ${options.python} ${options.generator} failed (exit ${result.status ?? result.signal}): ${result.error?.message ?? result.stderr.trim()}`,
      );
    }
    generatedSeconds = (performance.now() - started) / 1000;
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
    options.log?.(`generated in ${generatedSeconds.toFixed(1)} s: ${result.stdout.trim()}`);
  }
  const files = Object.fromEntries(BENCH_FILES.map((f) => [f, join(dir, `${f}.csv`)])) as Record<
    BenchFile,
    string
  >;
  const bytes = BENCH_FILES.reduce((sum, f) => sum + statSync(files[f]).size, 0);
  return {
    dir,
    leads: options.leads,
    eventsPerLead: options.eventsPerLead,
    files,
    bytes,
    generatedSeconds,
  };
}
