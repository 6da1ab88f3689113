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

const HELP = `Usage: npm run bench [-- options]

Runs every Handoff stage (load, features + profile, fit, backtest with the 200-threshold sweep
and walk-forward, funnel, channels, report), each as its own process, on a generated data set,
then the pandas + scikit-learn reference on the same files, and prints wall time, CPU time and
peak RSS per stage side by side with the ratio and the issue's targets. Not a test.

Options:
  --leads N               leads in the data set (default 1000000)
  --events-per-lead K     activities per lead on average (default 20)
  --thresholds A:B:STEP   the sweep's grid (default 1:200:1, i.e. 200 thresholds)
  --skip-reference        do not run the pandas reference
  --json                  the result as JSON on stdout (use npm run -s to keep npm's banner out)
  --keep                  keep the run's database and reports under <data-dir>/runs/
  --memory-limit SIZE     DuckDB memory_limit for every stage (default: Handoff's 640 MiB)
  --python PATH           the Python with pandas and scikit-learn (default /usr/bin/python3)
  --shared-bench DIR      the folder with make_bench_data.py and reference_pipeline.py
                          (default ../shared/bench, or HANDOFF_SHARED_BENCH)
  --data-dir DIR          where data sets are generated and reused (default .bench-data)
  -h, --help              this text

Example: npm run -s bench -- --leads 100000 --events-per-lead 20 --json > bench-100k.json
`;

let parsed: ReturnType<typeof parseBenchArgs>;
try {
  parsed = parseBenchArgs();
} catch (error) {
  process.stderr.write(`bench: ${(error as Error).message}\n\n${HELP}`);
  process.exit(1);
}
if (parsed.values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const { values } = parsed;

function parseBenchArgs() {
  return parseArgs({
    options: {
      help: { type: "boolean", short: "h", default: false },
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
}

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
