import { relative } from "node:path";
import type { GlobalOptions, Output } from "../cli/output.js";
import { formatNumber, formatTable } from "../cli/table.js";
import { loadConfig } from "../config/load-config.js";
import { type Kind, PRESETS, type PresetName } from "../config/presets.js";
import { isTimeZone } from "../config/schema.js";
import { withDb } from "../db/index.js";
import { UserError } from "../errors.js";
import { type LoadResult, loadExports, planLoad } from "../load/load-exports.js";
import { resolveSources } from "../load/resolve-sources.js";

export interface LoadCommandOptions extends GlobalOptions {
  preset?: PresetName;
  timezone?: string;
  leads?: string[];
  deals?: string[];
  activities?: string[];
  spend?: string[];
  force?: boolean;
  strict?: boolean;
}

/** `handoff load`: exports → canonical tables, with rejects kept and a summary printed. */
export async function load(options: LoadCommandOptions, out: Output): Promise<LoadResult> {
  const { config, file: configFile, baseDir } = loadConfig(options.config);
  if (options.preset) config.preset = options.preset;
  if (options.timezone) {
    if (!isTimeZone(options.timezone)) {
      throw new UserError(
        `--timezone: unknown time zone "${options.timezone}": use an IANA name such as America/New_York or UTC`,
      );
    }
    config.timezone = options.timezone;
  }
  const preset = PRESETS[config.preset as PresetName];
  const cli: Partial<Record<Kind, string[]>> = {};
  for (const kind of ["leads", "deals", "activities", "spend"] as const)
    if (options[kind]) cli[kind] = options[kind];
  const sources = resolveSources(config, baseDir, cli);
  if (sources.length === 0) {
    throw new UserError(
      `nothing to load: name the exports (handoff load --preset hubspot --leads contacts.csv --deals deals.csv) or list them under sources: in ${configFile ?? "handoff.yaml (handoff init writes one)"}`,
    );
  }
  out.progress(
    `loading into ${options.db} with the ${preset.name} preset${configFile ? ` (config ${relative(process.cwd(), configFile) || configFile})` : ""}`,
  );
  const loadOptions = {
    preset,
    config,
    sources,
    force: options.force === true,
    progress: (m: string) => out.progress(m),
  };
  const plans = await planLoad(loadOptions); // every file checked before the database is opened
  const result = await withDb(options.db, (db) => loadExports(db, loadOptions, plans));
  if (options.json) out.json(result);
  else out.result(formatLoadSummary(result));
  if (options.strict && result.files.some((f) => f.rowsRejected > 0)) {
    throw new UserError(
      "rows were rejected and --strict is set: see the rejects above (handoff status lists them all)",
    );
  }
  return result;
}

export function formatLoadSummary(result: LoadResult): string {
  const cwd = process.cwd();
  const rows = result.files.map((f) => ({
    kind: f.kind,
    file: relative(cwd, f.file).startsWith("..") ? f.file : relative(cwd, f.file),
    action: f.action,
    read: formatNumber(f.rowsRead),
    loaded: formatNumber(f.rowsLoaded),
    rejected: formatNumber(f.rowsRejected),
    skipped: formatNumber(f.rowsSkipped),
  }));
  const parts = [
    formatTable(
      [
        { key: "kind", label: "kind" },
        { key: "file", label: "file" },
        { key: "action", label: "action" },
        { key: "read", label: "rows read", align: "right" },
        { key: "loaded", label: "loaded", align: "right" },
        { key: "rejected", label: "rejected", align: "right" },
        { key: "skipped", label: "skipped", align: "right" },
      ],
      rows,
    ),
  ];
  if (result.files.every((f) => f.action === "unchanged"))
    parts.push(
      "\nEvery file is unchanged since it was loaded: nothing to do (use --force to reload).",
    );
  if (result.rejectsByReason.length > 0) {
    parts.push(
      "\nRejected rows (kept in the rejects table with the raw row; handoff status --rejects lists them):",
    );
    parts.push(
      formatTable(
        [
          { key: "reason", label: "reason" },
          { key: "rows", label: "rows", align: "right" },
        ],
        result.rejectsByReason,
      ),
    );
    parts.push("\nFirst examples:");
    for (const e of result.rejectExamples) {
      const where = `${relative(cwd, e.file) || e.file}${e.line ? `:${e.line}` : ""}${e.column ? ` (column "${e.column}")` : ""}`;
      parts.push(
        `  ${where}: ${e.reason}: ${e.message}${e.value !== null ? ` — got ${JSON.stringify(e.value.length > 80 ? `${e.value.slice(0, 80)}…` : e.value)}` : ""}`,
      );
    }
  }
  const skipped = result.files.filter((f) => f.rowsSkipped > 0);
  if (skipped.length > 0)
    parts.push(
      "\nSkipped rows are report footers, empty lines and exact duplicate rows (same id, same values).",
    );
  return parts.join("\n");
}
