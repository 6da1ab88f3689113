import { z } from "zod";
import { KINDS, PRESET_NAMES } from "./presets.js";

/**
 * The `handoff.yaml` schema. Every section is optional and has documented defaults, so a
 * config can be as short as `preset: hubspot`. Unknown keys are errors (a typo must not be
 * silently ignored); `loadConfig` turns zod issues into messages that name the key and the fix.
 */

const stringList = z.array(z.string().min(1));

const sourceSchema = z
  .object({
    /** A path or glob, relative to the config file. */
    path: z.string().min(1),
    /** Canonical field → header name in this export, overriding the preset. */
    columns: z.record(z.string(), z.string().min(1)).optional(),
    /** Header names to leave out entirely (not even kept as extra columns). */
    ignore: stringList.optional(),
    encoding: z.enum(["utf-8", "latin-1", "utf-16"]).optional(),
    delimiter: z.enum([",", ";", "\t", "|"]).optional(),
  })
  .strict();

export const loadSectionShape = {
  leads: sourceSchema.optional(),
  deals: sourceSchema.optional(),
  activities: sourceSchema.optional(),
  spend: sourceSchema.optional(),
};

export const configSchema = z
  .object({
    preset: z.enum(PRESET_NAMES as [string, ...string[]]).default("canonical"),
    /** IANA time zone the export's local times are in (HubSpot exports in the portal's zone). */
    timezone: z
      .string()
      .min(1)
      .refine(isTimeZone, { message: "is not a known time zone" })
      .default("UTC"),
    /** Order of day and month in ambiguous dates (04/08/2025): auto decides from the data. */
    date_order: z.enum(["auto", "mdy", "dmy", "ymd"]).default("auto"),
    /** Extra strptime formats to try before the built-in ones. */
    date_formats: stringList.default([]),
    /** Decimal separator in numbers: "." (1,234.56) or "," (1.234,56). */
    decimal: z.enum([".", ","]).default("."),
    sources: z.object(loadSectionShape).strict().default({}),
    /** Time windows shared by features, fit, backtest and funnel. */
    windows: z
      .object({
        /** A lead's decision time: its creation plus `scoring_days`, or its historical `mql_at`. */
        decision: z.enum(["created", "mql"]).default("created"),
        scoring_days: z.number().int().positive().default(30),
        /** Days an outcome (SQL, won) may take to count; "auto" derives it from the data's own time to close. */
        maturity_days: z.union([z.literal("auto"), z.number().int().positive()]).default("auto"),
        /** The data's "today" (ISO date); default: the latest timestamp in the loaded data. */
        as_of: z.iso.date().optional(),
      })
      .strict()
      .default({ decision: "created", scoring_days: 30, maturity_days: "auto" }),
    values: z
      .object({
        deal_stages: z
          .object({ won: stringList.optional(), lost: stringList.optional() })
          .strict()
          .optional(),
        lead_statuses: z
          .object({ sales_accepted: stringList.optional(), disqualified: stringList.optional() })
          .strict()
          .optional(),
        /** Raw activity type → canonical type (pricing_view, demo_request, ...). */
        activity_types: z.record(z.string(), z.string().min(1)).optional(),
        /** Raw source / channel name → normalised channel name (used for leads and spend). */
        sources: z.record(z.string(), z.string().min(1)).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

/** An IANA time zone name the runtime knows (DuckDB's ICU knows the same names). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export type Config = z.infer<typeof configSchema>;
export type SourceConfig = z.infer<typeof sourceSchema>;
export { KINDS };
