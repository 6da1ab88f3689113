/**
 * Markdown tables for bench/RESULTS.md from `npm run bench -- --json` outputs:
 * `npx tsx bench/results-markdown.ts run-100k.json [run-10k.json ...]` prints the side-by-side
 * table of each run and, given several sizes, the scaling table (per stage, largest first).
 */
import { readFileSync } from "node:fs";
import { reportFilesOk } from "./format-bench.js";
import { type BenchResult, formatBytes } from "./run-bench.js";

const fixed = (n: number | null | undefined, digits = 1) =>
  n === null || n === undefined ? "—" : n.toFixed(digits);

export function runTable(r: BenchResult): string {
  const lines = [
    `**${r.data.leads.toLocaleString("en-US")} leads × ${r.data.eventsPerLead} events per lead** (${(r.data.bytes / 1024 ** 2).toFixed(0)} MiB of CSV; memory_limit ${r.memoryLimit ?? "Handoff default (640 MiB)"}; sweep.sql slowest of ${r.sweep?.runs ?? 0} runs: ${fixed(r.sweep?.maxSeconds, 3)} s)`,
    "",
    "| stage | Handoff wall s | Handoff CPU s | Handoff peak RSS | reference wall s | speed-up (wall) |",
    "|---|---:|---:|---:|---:|---:|",
  ];
  for (const c of r.comparison) {
    lines.push(
      `| ${c.row} | ${fixed(c.handoffSeconds)} | ${fixed(c.handoffCpuSeconds)} | ${formatBytes(c.handoffPeakRssBytes)} | ${fixed(c.referenceSeconds)} | ${c.speedup === null ? "—" : `${c.speedup.toFixed(2)}×`} |`,
    );
  }
  const files = r.reportFiles ?? [];
  if (files.length > 0) {
    const largest = files[0] as { file: string; bytes: number };
    lines.push(
      "",
      `Report files: ${files.length}, ${formatBytes(files.reduce((sum, f) => sum + f.bytes, 0))} in all; largest ${largest.file} ${formatBytes(largest.bytes)} (each under 5 MB: ${reportFilesOk(r) ? "met" : "NOT met"}).`,
    );
  }
  if (r.reference)
    lines.push(
      "",
      `Reference process: ${fixed(r.reference.seconds)} s wall, ${fixed(r.reference.cpuSeconds)} s CPU, peak RSS ${formatBytes(r.reference.peakRssBytes)}; its own stage timers: ${Object.entries(
        r.reference.stages,
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}.`,
    );
  return lines.join("\n");
}

export function scalingTable(runs: BenchResult[]): string {
  const sorted = [...runs].sort((a, b) => a.data.leads - b.data.leads);
  const largest = sorted.at(-1) as BenchResult;
  const head = sorted.map((r) => `${(r.data.leads / 1000).toFixed(0)}k leads`);
  const lines = [
    `| stage (CPU s / wall s) | ${head.join(" | ")} | CPU ratio to ${head.at(-1)} |`,
    `|---|${sorted.map(() => "---:").join("|")}|---|`,
  ];
  for (const stage of largest.stages.map((s) => s.stage)) {
    const cells = sorted.map((r) => {
      const s = r.stages.find((x) => x.stage === stage);
      return s ? `${fixed(s.cpuSeconds)} / ${fixed(s.seconds)}` : "—";
    });
    const top = largest.stages.find((x) => x.stage === stage)?.cpuSeconds ?? null;
    const ratios = sorted.map((r) => {
      const c = r.stages.find((x) => x.stage === stage)?.cpuSeconds ?? null;
      return c !== null && top ? (c / top).toFixed(2) : "—";
    });
    lines.push(`| ${stage} | ${cells.join(" | ")} | ${ratios.join(" : ")} |`);
  }
  return lines.join("\n");
}

const files = process.argv.slice(2);
if (files.length > 0) {
  const runs = files.map((f) => JSON.parse(readFileSync(f, "utf8")) as BenchResult);
  for (const r of runs) process.stdout.write(`${runTable(r)}\n\n`);
  if (runs.length > 1) process.stdout.write(`${scalingTable(runs)}\n`);
}
