/**
 * `npm run bench [-- --leads N --events-per-lead K --skip-reference --json --keep]`: Handoff
 * against the pandas reference on a generated data set (bench/run-bench.ts). Not a test.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { formatBench } from "./format-bench.js";
import { runBench } from "./run-bench.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

const { values } = parseArgs({
  options: {
    leads: { type: "string", default: "1000000" },
    "events-per-lead": { type: "string", default: "20" },
    thresholds: { type: "string", default: "1:200:1" },
    "skip-reference": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    "memory-limit": { type: "string" },
    python: { type: "string" },
    "shared-bench": { type: "string" },
    "data-dir": { type: "string" },
  },
});

const positive = (name: string, text: string) => {
  const n = Number(text);
  if (!(n > 0) || !Number.isFinite(n)) {
    process.stderr.write(`bench: --${name} must be a positive number, got "${text}"\n`);
    process.exit(1);
  }
  return n;
};

const cli = join(ROOT, "dist", "cli.js");
if (!existsSync(cli)) {
  process.stderr.write(`bench: ${cli} is missing: run npm run build first (npm run bench does)\n`);
  process.exit(1);
}

const result = await runBench({
  leads: Math.round(positive("leads", values.leads)),
  eventsPerLead: positive("events-per-lead", values["events-per-lead"]),
  dataRoot: values["data-dir"] ?? join(ROOT, ".bench-data"),
  cli: [process.execPath, cli],
  python: values.python ?? (existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3"),
  sharedBench:
    values["shared-bench"] ??
    process.env.HANDOFF_SHARED_BENCH ??
    join(ROOT, "..", "shared", "bench"),
  thresholds: values.thresholds,
  skipReference: values["skip-reference"],
  keep: values.keep,
  memoryLimit: values["memory-limit"] ?? null,
  log: (message) => process.stderr.write(`${message}\n`),
});
process.stdout.write(
  values.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatBench(result)}\n`,
);
