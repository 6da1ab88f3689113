import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { type GlobalOptions, jsonReplacer, type Output } from "../cli/output.js";
import { isUserError, UserError } from "../errors.js";
import { backtest } from "./backtest.js";
import { channels } from "./channels.js";
import { features } from "./features.js";
import { fit } from "./fit.js";
import { funnel } from "./funnel.js";
import { load } from "./load.js";
import { recalibrate } from "./recalibrate.js";
import { report } from "./report.js";
import { status } from "./status.js";

export interface DemoOptions extends GlobalOptions {
  out: string;
  sets?: string[];
}

/** The sample export sets shipped in sample-data/, each with its own handoff.yaml. */
export const SAMPLE_DIR = fileURLToPath(new URL("../../sample-data/", import.meta.url));
export const SAMPLE_SETS = ["hubspot", "salesforce", "flat"] as const;

export interface DemoSetResult {
  set: string;
  folder: string;
  database: string;
  model: string;
  outputs: Record<string, string>;
  /** The HTML reports written for the set (board, calibration, channels). */
  reports: string[];
}

/**
 * `handoff demo`: the whole pipeline on the bundled sample data. Each export set gets a fresh
 * database and folder under `<out>/demo/<set>/`, so a run is the same every time; each stage's
 * full output is written there (`load.txt`, `features.txt`, …) and one line per stage goes to
 * stderr.
 */
export async function demo(options: DemoOptions, out: Output): Promise<{ sets: DemoSetResult[] }> {
  const sets = options.sets && options.sets.length > 0 ? options.sets : [...SAMPLE_SETS];
  const results: DemoSetResult[] = [];
  for (const set of sets) {
    const config = join(SAMPLE_DIR, set, "handoff.yaml");
    if (!existsSync(config))
      throw new UserError(
        `no sample set "${set}" (expected ${config}); sets: ${SAMPLE_SETS.join(", ")}`,
      );
    const folder = join(options.out, "demo", set);
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    const db = join(folder, "handoff.duckdb");
    const model = join(folder, "model.yaml");
    const base = { ...options, db, config, json: false, quiet: true };
    const outputs: Record<string, string> = {};
    const stage = async (name: string, run: (o: Output) => Promise<unknown>) => {
      const file = join(folder, `${name}.txt`);
      const lines: string[] = [];
      const started = Date.now();
      try {
        await run(captureOutput(lines));
      } catch (error) {
        // a stage the data cannot support (no dates, no spend) is reported, not fatal
        if (!isUserError(error)) throw error;
        lines.push(`not available for this data: ${error.message}`);
        out.progress(`${set}: ${name} not available: ${error.message}`);
      }
      writeFileSync(file, `${lines.join("\n")}\n`);
      outputs[name] = file;
      out.progress(
        `${set}: ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s → ${relative(process.cwd(), file) || file}`,
      );
    };
    out.progress(`\n== ${set} (${relative(process.cwd(), config) || config})`);
    await stage("load", (o) => load(base, o));
    await stage("status", (o) => status(base, o));
    await stage("features", (o) => features(base, o));
    await stage("fit", (o) =>
      fit(
        {
          ...base,
          out: model,
          commandLine: `handoff --config ${relative(process.cwd(), config)} fit`,
        },
        o,
      ),
    );
    await stage("backtest", (o) => backtest({ ...base, model }, o));
    await stage("funnel", (o) => funnel(base, o));
    if (set !== "flat") await stage("channels", (o) => channels(base, o));
    const reports: string[] = [];
    const rel = (path: string) => relative(process.cwd(), path) || path;
    await stage("report", async (o) => {
      const written = await report(
        {
          ...base,
          report: "all",
          out: folder,
          model: existsSync(model) ? model : undefined,
          commandLine: `handoff --config ${rel(config)} --db ${rel(db)} report all --out ${rel(folder)}${existsSync(model) ? ` --model ${rel(model)}` : ""}`,
        },
        o,
      );
      reports.push(...written.map((w) => w.html));
    });
    // the quarterly routine: report + candidate model in <folder>/recalibration-<quarter>/
    if (set !== "flat")
      await stage("recalibrate", async (o) => {
        const command = `handoff --config ${rel(config)} --db ${rel(db)} recalibrate --out ${rel(folder)}`;
        reports.push((await recalibrate({ ...base, out: folder, commandLine: command }, o)).report);
      });
    results.push({ set, folder, database: db, model, outputs, reports });
  }
  if (options.json) out.json({ sets: results });
  else {
    out.result("\nDemo outputs:");
    for (const r of results) {
      out.result(
        `  ${r.set}: ${relative(process.cwd(), r.folder) || r.folder}/ (database, model.yaml, ${Object.keys(r.outputs).join(", ")})`,
      );
    }
    out.result("\nReports (open in a browser; they work offline):");
    for (const r of results)
      for (const file of r.reports) out.result(`  ${relative(process.cwd(), file) || file}`);
  }
  return { sets: results };
}

/** An Output that collects results (and warnings) into `lines` instead of printing them. */
function captureOutput(lines: string[]): Output {
  return {
    progress() {},
    result(text) {
      lines.push(text.replace(/\n$/, ""));
    },
    json(value) {
      lines.push(JSON.stringify(value, jsonReplacer, 2));
    },
    warn(message) {
      lines.push(`warning: ${message}`);
    },
  };
}
