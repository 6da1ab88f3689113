import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CLI = fileURLToPath(new URL("../../src/cli.ts", import.meta.url));
/** tsx's loader by absolute URL, so the CLI runs from any working directory. */
const TSX = new URL("../../node_modules/tsx/dist/loader.mjs", import.meta.url).href;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI from source (through tsx) in `cwd`; never throws on a non-zero exit. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): CliResult {
  const result = spawnSync(process.execPath, ["--import", TSX, CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: "utf8",
    env: { ...process.env, TZ: "UTC", NO_COLOR: "1", ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Start the CLI without waiting (for kill tests). */
export function startCli(args: string[], options: { cwd?: string } = {}): ChildProcess {
  return spawn(process.execPath, ["--import", TSX, CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, TZ: "UTC" },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** `runCli` with the working directory first and `status` for the exit code. */
export function handoff(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
): { stdout: string; stderr: string; status: number } {
  const result = runCli(args, { cwd, env });
  return { stdout: result.stdout, stderr: result.stderr, status: result.code };
}
