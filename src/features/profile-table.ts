import * as aq from "arquero";
import type { FeatureProfile } from "./profile-features.js";

/**
 * The profile as one flat arquero table, one row per feature and bin, in profile order
 * (features by IV, bins in their own order): the shape of `--csv` and of report tables.
 */
export function profileTable(profiles: readonly FeatureProfile[]): aq.ColumnTable {
  const rows = profiles.flatMap((p) =>
    p.bins.map((b) => ({
      feature: p.feature,
      family: p.family,
      kind: p.kind,
      feature_iv: p.iv,
      iv_band: p.band,
      bin: b.label,
      leads: b.leads,
      won: b.won,
      won_rate: b.wonRate,
      won_low: b.wonLow,
      won_high: b.wonHigh,
      handed_to_sales: b.handed,
      sql: b.sql,
      sql_rate: b.sqlRate,
      sql_low: b.sqlLow,
      sql_high: b.sqlHigh,
      target_events: b.events,
      target_non_events: b.nonEvents,
      lift: b.lift,
      woe: b.woe,
      bin_iv: b.iv,
      thin: b.thin,
    })),
  );
  return aq.from(rows);
}
