import type { Config } from "../config/schema.js";
import { type Db, openResultStore, type ResultStore } from "../db/index.js";
import { UserError } from "../errors.js";
import { type CohortFunnelRow, type CohortGrain, cohortFunnel } from "./cohort-funnel.js";
import {
  type ExportShape,
  type Observability,
  observabilityOf,
  readExportShape,
} from "./export-shape.js";
import { prepareLeadStages } from "./lead-stages.js";
import { type FailureModeRow, mqlFailureModes } from "./mql-failure-modes.js";
import { type MqlSlaRow, mqlSla } from "./mql-sla.js";
import { type FunnelWindows, resolveWindows } from "./resolve-windows.js";
import {
  type BacksolveTargets,
  backsolveVolume,
  readBacksolveData,
  type VolumeBacksolve,
} from "./volume-backsolve.js";

export interface FunnelSettings {
  grain: CohortGrain;
  by: string | undefined;
  slaHours: number;
  touchTypes: readonly string[];
  formTypes: readonly string[];
  intentTypes: readonly string[];
  sessionMinEvents: number;
  timezone: string;
  targets: BacksolveTargets;
  icp: Config["icp"];
  windows: Config["windows"];
}

/**
 * The funnel's settings from the config: its `funnel`, `timezone`, `targets`, `icp` and
 * `windows` sections, with the cohort grain and segment column given, and the back-solve
 * targets the command line gives in place of the config's.
 */
export function funnelSettingsOf(
  config: Config,
  view: { grain: CohortGrain; by: string | undefined; targets?: Partial<BacksolveTargets> },
): FunnelSettings {
  return {
    grain: view.grain,
    by: view.by,
    slaHours: config.funnel.sla_hours,
    touchTypes: config.funnel.sales_touch_types,
    formTypes: config.funnel.form_types,
    intentTypes: config.funnel.intent_types,
    sessionMinEvents: config.funnel.single_session_min_events,
    timezone: config.timezone,
    targets: {
      new_arr: view.targets?.new_arr ?? config.targets.new_arr,
      avg_deal_size: view.targets?.avg_deal_size ?? config.targets.avg_deal_size,
      win_rate: view.targets?.win_rate ?? config.targets.win_rate,
      mql_to_sql: view.targets?.mql_to_sql ?? config.targets.mql_to_sql,
    },
    icp: config.icp,
    windows: config.windows,
  };
}

/** Everything `handoff funnel` reports; a pure function of the database and the settings. */
export interface FunnelReport {
  settings: {
    grain: CohortGrain;
    by: string | null;
    slaHours: number;
    touchTypes: readonly string[];
  };
  windows: FunnelWindows;
  shape: ExportShape;
  observability: Observability;
  cohorts: CohortFunnelRow[];
  sla: { rows: MqlSlaRow[] } | { notComputable: string };
  failureModes: FailureModeRow[];
  backsolve: VolumeBacksolve;
}

/**
 * Gather the funnel report:
 *  1. create the lead_stages view and read what the export makes observable;
 *  2. resolve as-of and maturity (windows);
 *  3. cohort funnel, SLA, failure modes and the back-solve, each from its query in queries/funnel/.
 * Each part is stored and reused through a {@link ResultStore} (see {@link storeFunnelParts}):
 * `handoff report` and a repeated `handoff funnel` read what an earlier run computed from the
 * same inputs on the same data. Pass `store` to share one store (one data fingerprint).
 */
export async function buildFunnelReport(
  db: Db,
  settings: FunnelSettings,
  store?: ResultStore,
): Promise<FunnelReport> {
  await prepareLeadStages(db);
  if (settings.by !== undefined) await checkLeadColumn(db, settings.by);
  const parts = store ?? (await storeFunnelParts(db));
  const shape = await readFunnelShape(db, parts);
  if (shape.leads === 0)
    throw new UserError("no leads are loaded: load a leads export first (handoff load)");
  if (shape.leads_with_created_at === 0) {
    throw new UserError(
      "no lead has a create date, so creation cohorts cannot be formed: map the create-date column (sources.leads.columns.created_at) and load again",
    );
  }
  const observability = observabilityOf(shape);
  const windows = await resolveFunnelWindows(db, parts, settings.windows);
  const frame = { asOf: windows.asOf, maturityDays: windows.maturityDays };

  const cohorts = await parts.reuse(
    `funnel/cohorts/${settings.grain}`,
    { grain: settings.grain, by: settings.by ?? null, ...frame },
    () => cohortFunnel(db, { grain: settings.grain, by: settings.by, ...frame }),
  );
  const sla =
    shape.leads_with_first_touch === 0 && shape.activities === 0
      ? {
          notComputable:
            "the SLA needs a first-touch date on leads (first_touch_at) or an activities file with sales touches",
        }
      : {
          rows: await parts.reuse(
            "funnel/sla",
            { slaHours: settings.slaHours, touchTypes: settings.touchTypes, asOf: windows.asOf },
            () =>
              mqlSla(db, {
                slaHours: settings.slaHours,
                touchTypes: settings.touchTypes,
                asOf: windows.asOf,
              }),
          ),
        };
  const failureOptions = {
    ...frame,
    icp: settings.icp,
    timezone: settings.timezone,
    touchTypes: settings.touchTypes,
    formTypes: settings.formTypes,
    intentTypes: settings.intentTypes,
    sessionMinEvents: settings.sessionMinEvents,
  };
  const failureModes = await parts.reuse("funnel/failure-modes", failureOptions, () =>
    mqlFailureModes(db, failureOptions),
  );
  // the data's own figures are stored; the back-solve itself is arithmetic on the targets
  const backsolve = backsolveVolume(
    settings.targets,
    await parts.reuse("funnel/backsolve-data", frame, () => readBacksolveData(db, frame)),
  );
  return {
    settings: {
      grain: settings.grain,
      by: settings.by ?? null,
      slaHours: settings.slaHours,
      touchTypes: settings.touchTypes,
    },
    windows,
    shape,
    observability,
    cohorts,
    sla,
    failureModes,
    backsolve,
  };
}

/** Bump when the funnel's or the channels' JavaScript changes what a stored part holds. */
const FUNNEL_PARTS_VERSION = 1;

/**
 * The store the funnel and channels stages keep their parts in (db/stage-results.ts
 * openResultStore). Part names and what each key covers besides the loaded data and the code
 * (every query file and Handoff's modules):
 * - `funnel/shape` (export-shape.sql): nothing else;
 * - `funnel/windows` (resolveWindows): `windows.as_of` and `windows.maturity_days`;
 * - `funnel/cohorts/<grain>`: the grain, `--by`, the resolved as-of and maturity days;
 * - `funnel/sla`: `funnel.sla_hours`, `funnel.sales_touch_types`, the resolved as-of;
 * - `funnel/failure-modes`: the resolved as-of and maturity, `icp`, `timezone`,
 *   `funnel.sales_touch_types`, `form_types`, `intent_types`, `single_session_min_events`;
 * - `funnel/backsolve-data`: the resolved as-of and maturity days;
 * - `funnel/pipeline/<grain>`, `funnel/totals` (the report's): the grain; nothing else;
 * - `channels/economics/<period>`: the period, the resolved as-of and maturity days;
 * - `channels/spellings`: `values.sources`.
 */
export function storeFunnelParts(db: Db): Promise<ResultStore> {
  return openResultStore(db, FUNNEL_PARTS_VERSION);
}

/** What the loaded exports contain (export-shape.sql), stored as `funnel/shape`. */
export function readFunnelShape(db: Db, parts: ResultStore): Promise<ExportShape> {
  return parts.reuse("funnel/shape", {}, () => readExportShape(db));
}

/** The funnel's windows (resolveWindows), stored as `funnel/windows`. Needs lead_stages. */
export function resolveFunnelWindows(
  db: Db,
  parts: ResultStore,
  windows: { maturity_days: "auto" | number; as_of?: string | undefined },
): Promise<FunnelWindows> {
  return parts.reuse(
    "funnel/windows",
    { as_of: windows.as_of ?? null, maturity_days: windows.maturity_days },
    () => resolveWindows(db, windows),
  );
}

/** `--by` must name a column of the leads table. */
async function checkLeadColumn(db: Db, column: string): Promise<void> {
  const columns = (await db.tableColumns("leads")).map((c) => c.name);
  if (!columns.includes(column)) {
    throw new UserError(
      `--by ${JSON.stringify(column)} is not a column of the leads table; choose one of: ${columns
        .filter((c) => !["source_file", "source_line"].includes(c))
        .join(", ")}`,
    );
  }
}
