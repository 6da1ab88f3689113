import type { ParseOptions } from "../../src/load/parse-sql.js";

/** Parse options of a US-dated export in UTC, for the parse-sql tests: vary one field per case. */
export const US_UTC: ParseOptions = {
  dateOrder: "mdy",
  dateFormats: [],
  decimal: ".",
  salesforceIds: false,
  timezoneParam: "$tz",
  utc: true,
};
