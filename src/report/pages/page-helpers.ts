import { STABLE_DIGITS, stableNumber } from "../../util/stable-number.js";
import { formatCell } from "../format-cell.js";
import type { Band, ModelCard, ReportDocument, Section } from "../types.js";
import type { PageContext } from "./page-inputs.js";

/** "2025 Q3" for a quarter's first day (UTC). */
export function quarterLabel(start: Date): string {
  return `${start.getUTCFullYear()} Q${Math.floor(start.getUTCMonth() / 3) + 1}`;
}

/** "2025-07-01": a date as the charts' `date` fields expect. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** 0.1234 → "12.3%". */
export function pct(value: number | null | undefined): string {
  return formatCell(value, "pct", "USD");
}

/** A count: 12345 → "12,345". */
export function count(value: number | null | undefined): string {
  return formatCell(value, "int", "USD");
}

/** Whole units of the currency: "$12,345". */
export function money(value: number | null | undefined, currency: string): string {
  return formatCell(value, "money", currency);
}

/** A short amount for headline cards: "$2.7M", "$412K", "$950". */
export function moneyShort(value: number, currency: string): string {
  const abs = Math.abs(value);
  const [scaled, suffix] =
    abs >= 1e6 ? [value / 1e6, "M"] : abs >= 1e4 ? [value / 1e3, "K"] : [value, ""];
  const digits = suffix === "" ? 0 : Math.abs(scaled) >= 100 ? 0 : 1;
  const text = new Intl.NumberFormat("en-US", {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(scaled);
  return `${text}${suffix}`;
}

/** A change in percentage points, signed: +2.1 pts, −0.4 pts. */
export function pointsChange(now: number, before: number): string {
  const pts = (now - before) * 100;
  return `${signed(pts, 1)} pts`;
}

/** A relative change, signed: +12%, −3%; "new" when the base is 0. */
export function relativeChange(now: number, before: number): string {
  if (before === 0) return now === 0 ? "no change" : "up from 0";
  return `${signed(((now - before) / before) * 100, 0)}%`;
}

function signed(value: number, digits: number): string {
  const rounded = Number(value.toFixed(digits));
  if (rounded === 0) return (0).toFixed(digits);
  const text = Math.abs(rounded).toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return `${rounded > 0 ? "+" : "−"}${text}`;
}

/** The band of a value against a healthy range [lower, upper]: inside good, else bad. */
export function bandOfRange(value: number, lower: number, upper: number): Band {
  return value >= lower && value <= upper ? "good" : "bad";
}

/** The band of a rate against a reference, by its 95% interval: entirely below it watch, else good. */
export function bandOfInterval(high: number, reference: number): Band {
  return high < reference ? "watch" : "good";
}

/** "2024-10-01 to 2026-10-01 (4,999 leads by creation date); as of 2026-11-14". */
export function dataWindowText(context: PageContext): string {
  const { leads } = context;
  const span =
    leads.first && leads.last
      ? `${isoDay(leads.first)} to ${isoDay(leads.last)}, ${count(leads.count)} leads by creation date`
      : `${count(leads.count)} leads, no creation dates`;
  const asOf = context.asOf ? `; data as of ${isoDay(context.asOf)}` : "";
  const maturity = context.asOf ? `; outcomes counted after ${context.maturityDays} days` : "";
  return `${span}${asOf}${maturity}`;
}

/** The model card closing every page: window, files, model, threshold, definitions, command. */
export function modelCardOf(
  context: PageContext,
  definitions: { term: string; definition: string }[],
): ModelCard {
  return {
    dataWindow: dataWindowText(context),
    files: context.files.map((f) => ({
      path: `${f.path} (${f.kind}, ${count(f.rows)} rows)`,
      sha256: f.sha256,
    })),
    model: context.model?.label,
    threshold:
      context.model?.threshold === null || context.model === null
        ? undefined
        : `${context.model.threshold} points`,
    definitions,
    command: context.command,
  };
}

/** Definitions shared by the pages; each page picks the terms it uses. */
export const DEFINITIONS = {
  mql: {
    term: "MQL",
    definition:
      "Marketing-qualified lead: a lead marketing handed to sales (the export's MQL date is set).",
  },
  sql: {
    term: "SQL",
    definition:
      "Sales-qualified lead: a lead sales accepted (SQL date set or status accepted, or a deal was opened).",
  },
  mqlToSql: {
    term: "MQL→SQL",
    definition:
      "Share of a period's MQLs that sales accepted. Counted by the month or quarter the lead was created.",
  },
  mqlToWon: {
    term: "MQL→won",
    definition: "Share of a period's MQLs that became customers (a won deal linked to the lead).",
  },
  pipeline: {
    term: "Pipeline from MQLs",
    definition:
      "Summed amount of the distinct deals linked to a period's MQLs, whatever their stage (open, won or lost).",
  },
  wonRevenue: {
    term: "Won revenue from MQLs",
    definition: "Summed amount of the distinct won deals linked to a period's MQLs.",
  },
  maturity: {
    term: "Mature period / immature",
    definition:
      "A period is mature when the maturity window has passed since it ended, so nine in ten eventual wins have happened. Younger periods are marked as immature and show no rates: their outcomes are still coming in, and showing them would look like a fall.",
  },
  interval: {
    term: "95% interval",
    definition:
      "The range the true rate lies in with 95% confidence given the number of leads (Wilson score interval). Wide ranges mean few leads.",
  },
  healthBand: {
    term: "Healthy MQL→SQL band",
    definition:
      "The MQL→SQL range the team agreed is healthy (backtest.health_bands): below it the line lets in leads sales rejects; above it the line holds back leads sales would take.",
  },
  costPer: {
    term: "Cost per MQL / SQL / won",
    definition:
      "A channel's spend over its mature periods divided by the MQLs, SQLs or won deals from leads created in those periods.",
  },
  sla: {
    term: "SLA compliance",
    definition:
      "Share of MQLs whose first sales touch came within the agreed hours, among MQLs whose SLA has run out (touched late or never touched count against it).",
  },
  threshold: {
    term: "Threshold",
    definition: "The score at or above which a lead becomes an MQL.",
  },
  iv: {
    term: "Information value (IV)",
    definition:
      "How well a feature separates leads that went on to win from those that did not: below 0.02 useless, 0.02-0.1 weak, 0.1-0.3 medium, 0.3-0.5 strong, above 0.5 suspiciously strong (check the field is known before the handoff).",
  },
  points: {
    term: "Points",
    definition:
      "A lead's score is the sum of its points; every fixed number of points (the model's points to double the odds) doubles the odds of winning.",
  },
  lift: {
    term: "Lift",
    definition:
      "A group's won rate divided by the won rate of all leads: 2× means twice as likely.",
  },
  calibration: {
    term: "Calibration",
    definition:
      "Whether the won rate the model predicts for a group of leads matches the rate they actually had.",
  },
  regret: {
    term: "Walk-forward regret",
    definition:
      "For each quarter, the threshold chosen on the data before it, evaluated on the quarter, against the best threshold in hindsight: the value left on the table.",
  },
  swapSet: {
    term: "Swap set",
    definition:
      "The leads the proposed rule adds to or removes from MQL compared with the rule in force, and how they historically converted.",
  },
  cac: {
    term: "CAC",
    definition: "Customer acquisition cost: spend divided by the new customers won.",
  },
  failureModes: {
    term: "MQL failure modes",
    definition:
      "Kinds of MQL that rarely convert: a single form fill with no other engagement, all activity in one session, a persona outside the ideal customer profile, or a recycled lead. Modes overlap.",
  },
} as const;

/**
 * The document with every number in its charts' data rounded to {@link STABLE_DIGITS}
 * significant digits ({@link stableNumber}). DuckDB sums doubles in parallel, so a sum can differ in its last bits
 * from one run to the next; rounding keeps the inlined data, and so the report's bytes, the
 * same for the same inputs (and the file smaller).
 */
export function tidyChartData(doc: ReportDocument): ReportDocument {
  const round = stableNumber;
  return {
    ...doc,
    sections: doc.sections.map((section) => ({
      ...section,
      blocks: section.blocks.map((block) =>
        block.kind !== "chart"
          ? block
          : {
              ...block,
              data: Object.fromEntries(
                Object.entries(block.data).map(([name, rows]) => [
                  name,
                  rows.map((row) =>
                    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, round(v)])),
                  ),
                ]),
              ),
            },
      ),
    })),
  };
}

/** A section whose content the data cannot support: its heading, and why, in one sentence. */
export function unavailableSection(
  id: string,
  heading: string,
  what: string,
  reason: string,
): Section {
  return {
    id,
    heading,
    blocks: [{ kind: "text", paragraphs: [`${what} not available: ${reason}.`] }],
  };
}
