/**
 * The benchmark result as text: data set and machine, the side-by-side table with the speed-up,
 * the targets, and each stage's slowest statements.
 */
import { textTable } from "../src/util/text-table.js";
import { type BenchResult, formatBytes } from "./run-bench.js";

/** Targets at 1M leads / 20M activities (issue 9); report files: each under 5 MB (10^6 bytes). */
export const TARGETS = {
  speedup: 4,
  peakRssBytes: 1.5 * 1024 ** 3,
  sweepSeconds: 1,
  reportFileBytes: 5 * 1000 ** 2,
};

/** Every written report file under the target size; null when no report was written. */
export function reportFilesOk(result: BenchResult): boolean | null {
  if (result.reportFiles.length === 0) return null;
  return result.reportFiles.every((f) => f.bytes < TARGETS.reportFileBytes);
}

export function formatBench(result: BenchResult): string {
  const d = result.data;
  const m = result.machine;
  const lines: string[] = [];
  lines.push(
    `data: ${d.leads.toLocaleString("en-US")} leads × ${d.eventsPerLead} events per lead, ${(d.bytes / 1024 ** 2).toFixed(0)} MiB of CSV (${d.dir})`,
    `machine: ${m.cpus} × ${m.cpuModel}, ${formatBytes(m.memoryBytes)}, Node ${m.node}, ${m.platform}`,
    `backtest thresholds: ${result.thresholds}; DuckDB memory_limit: ${result.memoryLimit ?? "Handoff's default (640 MiB)"}`,
    "",
  );
  const rows = result.comparison.map((c) => [
    c.row,
    c.handoffSeconds.toFixed(2),
    c.handoffCpuSeconds === null ? "—" : c.handoffCpuSeconds.toFixed(2),
    formatBytes(c.handoffPeakRssBytes),
    c.referenceSeconds === null ? "—" : c.referenceSeconds.toFixed(2),
    c.row === "total" ? formatBytes(result.reference?.peakRssBytes ?? null) : "",
    c.row === "total" ? (result.reference?.cpuSeconds?.toFixed(2) ?? "—") : "",
    c.speedup === null ? "—" : `${c.speedup.toFixed(2)}×`,
  ]);
  lines.push(
    textTable(
      [
        { header: "stage" },
        { header: "handoff s", align: "right" },
        { header: "handoff CPU s", align: "right" },
        { header: "handoff peak RSS", align: "right" },
        { header: "reference s", align: "right" },
        { header: "reference peak RSS", align: "right" },
        { header: "reference CPU s", align: "right" },
        { header: "speed-up", align: "right" },
      ],
      rows,
    ),
  );
  lines.push(
    "speed-up = reference seconds / Handoff seconds (above 1: Handoff is faster). Handoff seconds are whole processes (Node start included); reference stage seconds are the script's own timers, its total is the whole process.",
    "",
  );
  const total = result.comparison.find((c) => c.row === "total");
  const verdict = (ok: boolean | null) => (ok === null ? "not measured" : ok ? "met" : "NOT met");
  lines.push(
    `targets: speed-up ≥ ${TARGETS.speedup}×: ${verdict(total?.speedup == null ? null : total.speedup >= TARGETS.speedup)}` +
      `; peak RSS < ${formatBytes(TARGETS.peakRssBytes)}: ${verdict(total?.handoffPeakRssBytes == null ? null : total.handoffPeakRssBytes < TARGETS.peakRssBytes)}` +
      `; sweep < ${TARGETS.sweepSeconds} s: ${verdict(result.sweep === null ? null : result.sweep.maxSeconds < TARGETS.sweepSeconds)}` +
      (result.sweep
        ? ` (sweep.sql: slowest of ${result.sweep.runs} runs ${result.sweep.maxSeconds.toFixed(3)} s)`
        : "") +
      `; report files < 5 MB: ${verdict(reportFilesOk(result))}`,
    "",
  );
  if (result.reportFiles.length > 0) {
    const total = result.reportFiles.reduce((sum, f) => sum + f.bytes, 0);
    lines.push(
      `report files (${result.reportFiles.length}, ${formatBytes(total)} in all, largest first):`,
    );
    for (const f of result.reportFiles.slice(0, 8))
      lines.push(
        `  ${formatBytes(f.bytes).padStart(9)}  ${f.file}${f.bytes >= TARGETS.reportFileBytes ? "  (over 5 MB)" : ""}`,
      );
    if (result.reportFiles.length > 8)
      lines.push(`  … ${result.reportFiles.length - 8} smaller files`);
    lines.push("");
  }
  lines.push("slowest SQL statements per stage:");
  for (const stage of result.stages) {
    lines.push(
      `  ${stage.stage}: ${stage.seconds.toFixed(2)} s (${stage.sqlSeconds.toFixed(2)} s in SQL)`,
    );
    for (const s of stage.slowest.slice(0, 3))
      lines.push(`    ${s.seconds.toFixed(2).padStart(7)} s  ${s.text.slice(0, 110)}`);
  }
  if (result.runDir) lines.push("", `run folder kept: ${result.runDir}`);
  return lines.join("\n");
}
