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

const INTERPRETER_IMPORT =
  "import { ascending, isString, DisallowedObjectProperties } from 'vega-util';";
const INTERPRETER_EXPORT = "export { expression as expressionInterpreter };";

/**
 * vega-interpreter (Vega's CSP-compliant expression evaluator) as a classic script for the page.
 *
 * The package ships only an ES module that imports three helpers from vega-util, all of which
 * vega's browser bundle exposes on the global `vega`. We take them from there and publish the
 * interpreter as `globalThis.vegaInterpreter.expressionInterpreter`. With it Vega evaluates chart
 * expressions without `Function()`, so the page's CSP needs no 'unsafe-eval'. If a new version
 * changes its import or export line this throws instead of producing a page that cannot draw.
 */
export function readVegaInterpreterScript(): string {
  const key = "vega-interpreter (classic script)";
  let script = cache.get(key);
  if (script === undefined) {
    const require = createRequire(import.meta.url);
    const source = readFileSync(require.resolve("vega-interpreter"), "utf8");
    if (
      source.split(INTERPRETER_IMPORT).length !== 2 ||
      source.split(INTERPRETER_EXPORT).length !== 2
    )
      throw new Error(
        "readVegaInterpreterScript: vega-interpreter's build no longer has the expected import/export lines; update src/report/report-files.ts",
      );
    const body = source.replace(INTERPRETER_IMPORT, "").replace(INTERPRETER_EXPORT, "");
    script = [
      "(function (vega) {",
      '"use strict";',
      "const { ascending, isString, DisallowedObjectProperties } = vega;",
      body.trim(),
      "globalThis.vegaInterpreter = { expressionInterpreter: expression };",
      "})(vega);",
    ].join("\n");
    cache.set(key, script);
  }
  return script;
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
