import type { Rate } from "./rate.js";

/**
 * Number formats for the terminal tables: what an analyst would put on a slide. JSON output
 * carries the unrounded values.
 */

/** `42.9% (15.8–75.0)`: the rate and its 95% interval; `—` when nothing was observed. */
export function formatRate(rate: Rate | null | undefined): string {
  if (!rate || rate.n === 0 || !Number.isFinite(rate.estimate)) return "—";
  return `${percent(rate.estimate)} (${(rate.low * 100).toFixed(1)}–${(rate.high * 100).toFixed(1)})`;
}

export function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** Counts and money with thousands separators; `—` for null. */
export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return value.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** Days with one decimal; `—` for null. */
export function formatDays(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : value.toFixed(1);
}

/** `2025-03-01` from a DATE / TIMESTAMP value. */
export function formatDate(value: Date | null | undefined): string {
  return value ? value.toISOString().slice(0, 10) : "";
}

/** A cohort's label: `2025-03` (month), `2025-Q1` (quarter), `2025-03-03` (week start). */
export function formatCohort(start: Date | null, grain: "week" | "month" | "quarter"): string {
  if (!start) return "total (mature)";
  const iso = formatDate(start);
  if (grain === "month") return iso.slice(0, 7);
  if (grain === "quarter") return `${iso.slice(0, 4)}-Q${Math.floor(start.getUTCMonth() / 3) + 1}`;
  return iso;
}
