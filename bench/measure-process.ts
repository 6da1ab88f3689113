/**
 * Run one command as its own process and measure its wall time, CPU time and peak resident
 * memory. CPU time (user + system) is the figure that survives a busy machine: wall time grows
 * with every other process competing for the cores, CPU time much less.
 *
 * Peak RSS comes from the kernel's accounting of the finished process (`ru_maxrss`, read by GNU
 * time's `%M`) when /usr/bin/time exists: exact, including DuckDB's native memory. Without it,
 * `/proc/<pid>/status` VmHWM (the high-water mark) is polled every 20 ms, which can miss a spike
 * in the last few milliseconds; `rssSource` says which was used.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Measured {
  command: string[];
  code: number;
  seconds: number;
  peakRssBytes: number | null;
  /** User + system CPU seconds of the process and its children (null without /usr/bin/time). */
  cpuSeconds: number | null;
  rssSource: "rusage" | "proc-poll" | "none";
  stdout: string;
  stderr: string;
}

const GNU_TIME = "/usr/bin/time";

export async function measureProcess(
  command: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Measured> {
  const [program, ...args] = command;
  if (program === undefined) throw new Error("measureProcess needs a command");
  const useTime = existsSync(GNU_TIME);
  const scratch = useTime ? mkdtempSync(join(tmpdir(), "handoff-bench-")) : null;
  const timeFile = scratch ? join(scratch, "time.txt") : null;
  const argv = timeFile ? ["-f", "%M %U %S", "-o", timeFile, program, ...args] : args;
  const started = performance.now();
  const child = spawn(timeFile ? GNU_TIME : program, argv, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on("data", (b: Buffer) => stdout.push(b));
  child.stderr.on("data", (b: Buffer) => stderr.push(b));
  let polledKb = 0;
  const poll =
    timeFile === null && child.pid !== undefined
      ? setInterval(() => {
          polledKb = Math.max(polledKb, vmHwmKb(child.pid as number) ?? 0);
        }, 20)
      : null;
  const code = await new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status, signal) => resolve(status ?? (signal ? 128 : -1)));
  });
  const seconds = (performance.now() - started) / 1000;
  if (poll) clearInterval(poll);
  let peakRssBytes: number | null = null;
  let cpuSeconds: number | null = null;
  let rssSource: Measured["rssSource"] = "none";
  if (timeFile) {
    // GNU time writes "Command exited with non-zero status N" before the format on failure
    const [kb, user, system] = (readFileSync(timeFile, "utf8").trim().split("\n").pop() ?? "")
      .split(" ")
      .map(Number);
    if (kb !== undefined && Number.isFinite(kb) && kb > 0) {
      peakRssBytes = kb * 1024;
      rssSource = "rusage";
    }
    if (user !== undefined && system !== undefined && Number.isFinite(user + system))
      cpuSeconds = user + system;
    rmSync(scratch as string, { recursive: true, force: true });
  } else if (polledKb > 0) {
    peakRssBytes = polledKb * 1024;
    rssSource = "proc-poll";
  }
  return {
    command,
    code,
    seconds,
    peakRssBytes,
    cpuSeconds,
    rssSource,
    stdout: Buffer.concat(stdout).toString("utf8"),
    stderr: Buffer.concat(stderr).toString("utf8"),
  };
}

function vmHwmKb(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}
