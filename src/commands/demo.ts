import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { GlobalOptions, Output } from "../cli/output.js";
import { UserError } from "../errors.js";
import { load } from "./load.js";
import { status } from "./status.js";

export interface DemoOptions extends GlobalOptions {
  out: string;
  sets?: string[];
}

/** The sample export sets shipped in sample-data/, each with its own handoff.yaml. */
export const SAMPLE_DIR = fileURLToPath(new URL("../../sample-data/", import.meta.url));
export const SAMPLE_SETS = ["hubspot", "salesforce", "flat"] as const;

/**
 * `handoff demo`: the whole pipeline on the bundled sample data, one fresh database per
 * export set under `<out>/demo/`, so the run is the same every time.
 */
export async function demo(options: DemoOptions, out: Output): Promise<{ databases: string[] }> {
  const sets = options.sets && options.sets.length > 0 ? options.sets : [...SAMPLE_SETS];
  const folder = join(options.out, "demo");
  mkdirSync(folder, { recursive: true });
  const databases: string[] = [];
  for (const set of sets) {
    const config = join(SAMPLE_DIR, set, "handoff.yaml");
    if (!existsSync(config))
      throw new UserError(
        `no sample set "${set}" (expected ${config}); sets: ${SAMPLE_SETS.join(", ")}`,
      );
    const db = join(folder, `${set}.duckdb`);
    rmSync(db, { force: true });
    rmSync(`${db}.wal`, { force: true });
    out.progress(`\n== ${set}: load`);
    const stage = { ...options, db, config, json: false };
    await load(stage, out);
    out.progress(`\n== ${set}: status`);
    await status(stage, out);
    databases.push(db);
  }
  out.result(
    `\nDemo databases: ${databases.map((d) => relative(process.cwd(), d) || d).join(", ")}`,
  );
  return { databases };
}
