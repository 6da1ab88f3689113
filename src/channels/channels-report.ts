import type { Config } from "../config/schema.js";
import type { Db, ResultStore } from "../db/index.js";
import { UserError } from "../errors.js";
import {
  readFunnelShape,
  resolveFunnelWindows,
  storeFunnelParts,
} from "../funnel/funnel-report.js";
import { prepareLeadStages } from "../funnel/lead-stages.js";
import type { FunnelWindows } from "../funnel/resolve-windows.js";
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
 * (queries/channels/channel-periods.sql), and the source-spelling checks. The parts are stored
 * and reused like the funnel's (storeFunnelParts: `funnel/shape`, `funnel/windows`,
 * `channels/economics/<period>`, `channels/spellings`); pass `store` to share one.
 */
export async function buildChannelsReport(
  db: Db,
  settings: {
    period: ChannelPeriod;
    windows: Config["windows"];
    sourceMapping: Record<string, string> | undefined;
  },
  store?: ResultStore,
): Promise<ChannelsReport> {
  await prepareLeadStages(db);
  const parts = store ?? (await storeFunnelParts(db));
  const shape = await readFunnelShape(db, parts);
  if (shape.spend_rows === 0) {
    throw new UserError(
      "no spend is loaded: add a spend export (sources.spend in handoff.yaml) and run handoff load",
    );
  }
  const windows = await resolveFunnelWindows(db, parts, settings.windows);
  const economicsOptions = {
    period: settings.period,
    asOf: windows.asOf,
    maturityDays: windows.maturityDays,
  };
  const economics = await parts.reuse(
    `channels/economics/${settings.period}`,
    economicsOptions,
    () => channelEconomics(db, economicsOptions),
  );
  const spellings = await parts.reuse(
    "channels/spellings",
    { sourceMapping: settings.sourceMapping ?? null },
    () => checkSourceSpellings(db, settings.sourceMapping),
  );
  const warnings = [
    ...spellings.lookAlikes.map(
      (group) =>
        `channel names ${group.spellings.map((s) => `"${s}"`).join(" and ")} differ only in case or punctuation and are kept apart: map them to one name in values.sources (handoff.yaml) and load again`,
    ),
  ];
  return { settings: { period: settings.period }, windows, economics, spellings, warnings };
}
