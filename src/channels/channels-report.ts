import type { Config } from "../config/schema.js";
import type { Db } from "../db/index.js";
import { UserError } from "../errors.js";
import { readExportShape } from "../funnel/export-shape.js";
import { prepareLeadStages } from "../funnel/lead-stages.js";
import { type FunnelWindows, resolveWindows } from "../funnel/resolve-windows.js";
import {
  type ChannelEconomics,
  type ChannelPeriod,
  channelEconomics,
} from "./channel-economics.js";
import { checkSourceSpellings, type SourceSpellings } from "./source-spellings.js";

/** Everything `handoff channels` reports; a pure function of the database and the settings. */
export interface ChannelsReport {
  settings: { period: ChannelPeriod };
  windows: FunnelWindows;
  economics: ChannelEconomics;
  spellings: SourceSpellings;
  /** Human-readable warnings: look-alike channel names kept apart. */
  warnings: string[];
}

/**
 * Gather the channels report: lead_stages view, windows, spend × leads by channel and period
 * (queries/channels/channel-periods.sql), and the source-spelling checks.
 */
export async function buildChannelsReport(
  db: Db,
  settings: {
    period: ChannelPeriod;
    windows: Config["windows"];
    sourceMapping: Record<string, string> | undefined;
  },
): Promise<ChannelsReport> {
  await prepareLeadStages(db);
  const shape = await readExportShape(db);
  if (shape.spend_rows === 0) {
    throw new UserError(
      "no spend is loaded: add a spend export (sources.spend in handoff.yaml) and run handoff load",
    );
  }
  const windows = await resolveWindows(db, settings.windows);
  const economics = await channelEconomics(db, {
    period: settings.period,
    asOf: windows.asOf,
    maturityDays: windows.maturityDays,
  });
  const spellings = await checkSourceSpellings(db, settings.sourceMapping);
  const warnings = [
    ...spellings.lookAlikes.map(
      (group) =>
        `channel names ${group.spellings.map((s) => `"${s}"`).join(" and ")} differ only in case or punctuation and are kept apart: map them to one name in values.sources (handoff.yaml) and load again`,
    ),
  ];
  return { settings: { period: settings.period }, windows, economics, spellings, warnings };
}
