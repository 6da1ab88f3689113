import { writeFileSync } from "node:fs";
import type { Output } from "../cli/output.js";
import { writeStageResult } from "../db/index.js";
import { buildFeatures } from "../features/build-features.js";
import { profileResultKey } from "../features/fit-result-key.js";
import { formatProfile } from "../features/format-profile.js";
import { openLoaded } from "./open-loaded.js";

export interface FeaturesOptions {
  db: string;
  config: string;
  json: boolean;
  /** Default: fit.target from the config (won). */
  target?: "won" | "sql";
  /** Also write the profile as CSV to this file. */
  csv?: string;
}

/**
 * `handoff features`: build lead_labels and lead_features as of each lead's decision time and
 * print the profile of every candidate feature, sorted by information value.
 */
export async function features(options: FeaturesOptions, out: Output): Promise<void> {
  const { db, config } = await openLoaded(options.db, options.config);
  try {
    const target = options.target ?? config.fit.target;
    out.progress(`building labels and features in ${options.db} ...`);
    const result = await buildFeatures(db, config, { target, purpose: "profile" });
    // kept for the report, which reuses it when its settings and data are the same
    const key = await profileResultKey(db, config, target, result.windows);
    if (key !== null) await writeStageResult(db, "features", key, result);
    if (options.csv !== undefined) {
      // arquero (profile-table) only when a CSV is asked for: it costs ~0.15 s to load
      const { profileTable } = await import("../features/profile-table.js");
      writeFileSync(options.csv, profileTable(result.profiles).toCSV());
      out.progress(`profile written to ${options.csv}`);
    }
    for (const p of result.profiles)
      for (const w of p.warnings) if (w.includes("leakage")) out.warn(`${p.feature}: ${w}`);
    if (options.json) {
      out.json({
        windows: result.windows,
        labels: result.labels,
        target: result.target,
        extras: result.extras,
        profiles: result.profiles,
      });
    } else {
      out.result(formatProfile(result));
    }
  } finally {
    db.close();
  }
}
