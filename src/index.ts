/**
 * Handoff as a library: every CLI command is a call a script can make too.
 *
 * ```ts
 * import { Db, loadExports, planLoad, PRESETS, configSchema } from "handoff";
 * const db = await Db.open("handoff.duckdb");
 * await loadExports(db, { preset: PRESETS.hubspot, config: configSchema.parse({ preset: "hubspot" }),
 *   sources: [{ kind: "leads", files: ["contacts.csv"] }] });
 * ```
 */
export { demo } from "./commands/demo.js";
export { init } from "./commands/init.js";
export { load } from "./commands/load.js";
export { status } from "./commands/status.js";
export { loadConfig, parseConfigText } from "./config/load-config.js";
export {
  FIELDS,
  KINDS,
  type Kind,
  PRESETS,
  type Preset,
  type PresetName,
} from "./config/presets.js";
export { type Config, configSchema } from "./config/schema.js";
export { Db, withDb } from "./db/index.js";
export { UserError } from "./errors.js";
export { type DataStatus, dataStatus } from "./load/data-status.js";
export { type LoadResult, type LoadSource, loadExports, planLoad } from "./load/load-exports.js";
export * from "./report/index.js";
export * from "./stats/index.js";
