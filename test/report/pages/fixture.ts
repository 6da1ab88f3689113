import { readFileSync } from "node:fs";
import type { PageInputs } from "../../../src/commands/report.js";

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * The page builders' inputs gathered from the HubSpot sample set
 * (test/fixtures/report/make-page-inputs.ts), dates revived. A fresh copy per call, so a test
 * may change it.
 */
export function hubspotInputs(): Required<PageInputs> {
  const text = readFileSync(
    new URL("../../fixtures/report/hubspot-page-inputs.json", import.meta.url),
    "utf8",
  );
  return JSON.parse(text, (_key, value) =>
    typeof value === "string" && ISO.test(value) ? new Date(value) : value,
  ) as Required<PageInputs>;
}
