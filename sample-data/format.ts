/**
 * Text formats of the exports: CSV rows, the HubSpot portal's local time, Salesforce ids and
 * dates, money. Pure functions, no locale or time-zone dependence on the machine running them.
 */
import { DAY } from "./model.js";

/** One CSV line (no line break). `quoteAll` quotes every field, as Salesforce does. */
export function csvRow(values: readonly (string | number | undefined)[], quoteAll = false): string {
  return values
    .map((v) => {
      const s = v === undefined ? "" : String(v);
      if (quoteAll || /[",\n\r]/.test(s) || s !== s.trim()) return `"${s.replaceAll('"', '""')}"`;
      return s;
    })
    .join(",");
}

/** A CSV file: header and rows joined by "\n", ending with one "\n". */
export function csvFile(
  header: readonly string[],
  rows: readonly (readonly (string | number | undefined)[])[],
  quoteAll = false,
): string {
  return `${[csvRow(header, quoteAll), ...rows.map((r) => csvRow(r, quoteAll))].join("\n")}\n`;
}

/** RFC 4180 parser (quoted fields, doubled quotes, embedded line breaks); for tests and checks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

/** The portal's time zone: US Eastern (America/New_York). */
export const PORTAL_TIME_ZONE = "America/New_York";

/**
 * UTC offset of US Eastern time at a UTC instant, in hours (−4 in daylight saving time, −5
 * otherwise). US rule since 2007: DST from the second Sunday of March, 02:00 local (07:00 UTC),
 * to the first Sunday of November, 02:00 local (06:00 UTC).
 */
export function easternOffsetHours(t: number): number {
  const year = new Date(t).getUTCFullYear();
  const start = nthSunday(year, 2, 2) + 7 * 3_600_000;
  const end = nthSunday(year, 10, 1) + 6 * 3_600_000;
  return t >= start && t < end ? -4 : -5;
}

function nthSunday(year: number, month: number, n: number): number {
  const first = Date.UTC(year, month, 1);
  const weekday = new Date(first).getUTCDay();
  return first + (((7 - weekday) % 7) + (n - 1) * 7) * DAY;
}

/** HubSpot export date-time: portal local time, "2025-03-04 14:22". */
export function hubspotDateTime(t: number): string {
  const local = new Date(t + easternOffsetHours(t) * 3_600_000);
  return `${isoDate(local.getTime())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/** The portal-local calendar day of an instant, "2025-03-04". */
export function hubspotDay(t: number): string {
  return isoDate(t + easternOffsetHours(t) * 3_600_000);
}

/** "2025-03-04" (UTC calendar day). */
export function isoDate(t: number): string {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Salesforce Data Loader date-time: "2025-03-04T14:22:00.000Z". */
export function salesforceDateTime(t: number): string {
  return new Date(t).toISOString();
}

/** Salesforce report date in the en_US locale: "3/4/2025". */
export function salesforceReportDate(t: number): string {
  const d = new Date(t);
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
}

/** "12,500.00" (grouped thousands, two decimals; a minus sign in front when negative). */
export function money(x: number): string {
  const sign = x < 0 ? "-" : "";
  const [whole = "0", cents = "00"] = Math.abs(x).toFixed(2).split(".");
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${cents}`;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A 15-character Salesforce id: key prefix, pod/reserved characters, base-62 counter. */
export function salesforceId15(prefix: string, counter: number): string {
  let n = counter;
  let tail = "";
  for (let i = 0; i < 6; i++) {
    tail = BASE62[n % 62] + tail;
    n = Math.floor(n / 62);
  }
  return `${prefix}5g0000${tail}`;
}

/**
 * The 18-character form: three check characters, one per 5-character chunk, encoding which
 * characters of the chunk are upper-case letters (bit i for character i) in A–Z0–5.
 */
export function salesforceId18(id15: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
  let suffix = "";
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id15[chunk * 5 + i] ?? "";
      if (ch >= "A" && ch <= "Z") bits |= 1 << i;
    }
    suffix += alphabet[bits];
  }
  return id15 + suffix;
}

/** ASCII-only lower-case slug for e-mail addresses ("José García" → "josegarcia"). */
export function slug(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}
