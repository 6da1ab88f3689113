import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The files a report is built from, read once and cached: the page template, the chart theme,
 * the chart-drawing script and vega's browser bundle. This is the only file access in
 * `src/report/`, and it only reads files that ship with Handoff.
 */

/** `reports/` at the package root; the same relative path from `src/report/` and `dist/report/`. */
export const REPORTS_DIR = fileURLToPath(new URL("../../reports/", import.meta.url));

const cache = new Map<string, string>();

function readCached(path: string): string {
  let text = cache.get(path);
  if (text === undefined) {
    text = readFileSync(path, "utf8");
    cache.set(path, text);
  }
  return text;
}

/** A file under `reports/`, by its relative path (a fixed name in our code or a checked chart name). */
export function readReportFile(relativePath: string): string {
  return readCached(join(REPORTS_DIR, relativePath));
}

/**
 * vega's minified browser bundle (`vega/build/vega.min.js`), resolved from the installed package
 * so the page draws with exactly the vega version that compiled and tested the specs.
 */
export function readVegaBundle(): string {
  const require = createRequire(import.meta.url);
  // vega's package exports only ".", which resolves to build/vega.module.js: its folder holds the bundle.
  const path = join(dirname(require.resolve("vega")), "vega.min.js");
  return readCached(path);
}
