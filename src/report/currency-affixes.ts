import { UserError } from "../errors.js";

/**
 * The text before and after an amount in `currency` (ISO 4217), in the report's en-US number
 * style: "USD" → ["$", ""], "EUR" → ["€", ""], "SEK" → ["SEK ", ""]. Feeds both the HTML tables
 * (via Intl) and the charts' `$` format (Vega's locale `currency`), so both print the same sign.
 *
 * @example currencyAffixes("GBP") // => ["£", ""]
 */
export function currencyAffixes(currency: string): [string, string] {
  let parts: Intl.NumberFormatPart[];
  try {
    parts = moneyFormat(currency).formatToParts(1);
  } catch (error) {
    throw new UserError(
      `report currency must be an ISO 4217 code such as "USD" or "EUR"; got ${JSON.stringify(currency)}`,
      { cause: error },
    );
  }
  const first = parts.findIndex((p) => p.type === "integer");
  const last = parts.findLastIndex((p) => p.type === "integer" || p.type === "fraction");
  const join = (ps: Intl.NumberFormatPart[]) =>
    ps
      .map((p) => p.value)
      .join("")
      .replace(/\u00a0/g, " ");
  return [join(parts.slice(0, first)), join(parts.slice(last + 1))];
}

/** Whole units of `currency`, en-US grouping: the format of `money` table cells. */
export function moneyFormat(currency: string): Intl.NumberFormat {
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency,
    minimumFractionDigits: 0,
    maximumFractionDigits: 0,
  });
}
