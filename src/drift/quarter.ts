import { UserError } from "../errors.js";

/** A calendar quarter, "2026Q3" (the features stage's `period` format). */
export interface Quarter {
  year: number;
  /** 1–4 */
  q: number;
}

/**
 * Parse "2026Q3" (also "2026-Q3", "2026q3"); `where` names the flag or key in the message.
 *
 * @example
 * parseQuarter("2026Q3", "--to"); // => { year: 2026, q: 3 }
 */
export function parseQuarter(text: string, where: string): Quarter {
  const m = /^(\d{4})-?[Qq]([1-4])$/.exec(text.trim());
  if (!m) throw new UserError(`${where} "${text}" is not a quarter: use the form 2026Q3`);
  return { year: Number(m[1]), q: Number(m[2]) };
}

/** "2026Q3". */
export function formatQuarter(quarter: Quarter): string {
  return `${quarter.year}Q${quarter.q}`;
}

/** The quarter `n` quarters later (negative: earlier). */
export function shiftQuarter(quarter: Quarter, n: number): Quarter {
  const index = quarter.year * 4 + (quarter.q - 1) + n;
  return { year: Math.floor(index / 4), q: (index % 4) + 1 };
}

/** The quarter an instant falls in (UTC). */
export function quarterOf(date: Date): Quarter {
  return { year: date.getUTCFullYear(), q: Math.floor(date.getUTCMonth() / 3) + 1 };
}

/** The first instant of the quarter (UTC). */
export function quarterStart(quarter: Quarter): Date {
  return new Date(Date.UTC(quarter.year, (quarter.q - 1) * 3, 1));
}
