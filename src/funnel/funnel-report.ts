import type { Config } from "../config/schema.js";
import type { Db } from "../db/index.js";
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
 */
export async function buildFunnelReport(db: Db, settings: FunnelSettings): Promise<FunnelReport> {
  await prepareLeadStages(db);
  if (settings.by !== undefined) await checkLeadColumn(db, settings.by);
  const shape = await readExportShape(db);
  if (shape.leads === 0)
    throw new UserError("no leads are loaded: load a leads export first (handoff load)");
  if (shape.leads_with_created_at === 0) {
    throw new UserError(
      "no lead has a create date, so creation cohorts cannot be formed: map the create-date column (sources.leads.columns.created_at) and load again",
    );
  }
  const observability = observabilityOf(shape);
  const windows = await resolveWindows(db, settings.windows);

  const cohorts = await cohortFunnel(db, {
    grain: settings.grain,
    by: settings.by,
    asOf: windows.asOf,
    maturityDays: windows.maturityDays,
  });
  const sla =
    shape.leads_with_first_touch === 0 && shape.activities === 0
      ? {
          notComputable:
            "the SLA needs a first-touch date on leads (first_touch_at) or an activities file with sales touches",
        }
      : {
          rows: await mqlSla(db, {
            slaHours: settings.slaHours,
            touchTypes: settings.touchTypes,
            asOf: windows.asOf,
          }),
        };
  const failureModes = await mqlFailureModes(db, {
    asOf: windows.asOf,
    maturityDays: windows.maturityDays,
    icp: settings.icp,
    timezone: settings.timezone,
    touchTypes: settings.touchTypes,
    formTypes: settings.formTypes,
    intentTypes: settings.intentTypes,
    sessionMinEvents: settings.sessionMinEvents,
  });
  const backsolve = backsolveVolume(
    settings.targets,
    await readBacksolveData(db, { asOf: windows.asOf, maturityDays: windows.maturityDays }),
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
