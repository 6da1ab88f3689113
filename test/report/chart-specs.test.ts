import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import {
  chartTheme,
  compileChart,
  dataDeclarationOf,
  fillSpec,
  loadChartSpec,
  REPORTS_DIR,
  renderChartSvg,
} from "../../src/report/index.js";
import { COMMON_CHARTS, PAGE_CHARTS, PAGE_SAMPLE_DATA, SAMPLE_DATA } from "./demo-document.js";

/**
 * Every chart spec under reports/, checked as data: valid Vega-Lite (against the JSON schema
 * vega-lite ships) once filled with sample rows, compiled without a single warning, documented
 * in its description and in docs/reports.md, and drawn to SVG in Node.
 */
const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve("vega-lite/vega-lite-schema.json"), "utf8"));
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema(schema, "vega-lite");
const validateSpec = ajv.getSchema("vega-lite");
const validateConfig = ajv.compile({ $ref: "vega-lite#/definitions/Config" });

const specFiles = readdirSync(REPORTS_DIR, { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".vl.json"))
  .map((file) => file.replaceAll("\\", "/").replace(/\.vl\.json$/, ""))
  .sort();
const docs = readFileSync(join(REPORTS_DIR, "..", "docs", "reports.md"), "utf8");
const samples = { ...SAMPLE_DATA, ...PAGE_SAMPLE_DATA } as Record<
  string,
  Record<string, Record<string, unknown>[]>
>;

function schemaErrors(validate: typeof validateSpec, value: unknown): string[] {
  if (validate === undefined) throw new Error("the Vega-Lite schema did not load");
  return validate(value)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).slice(0, 5);
}

describe("reports/**/*.vl.json chart specs", () => {
  it("are all in the catalogue (starter and page charts), with sample rows", () => {
    expect(specFiles).toEqual([...COMMON_CHARTS, ...PAGE_CHARTS].sort());
  });

  it("share a theme that is a valid Vega-Lite config", () => {
    expect(schemaErrors(validateConfig, chartTheme("USD"))).toEqual([]);
  });

  describe.each(specFiles)("%s", (name) => {
    const spec = loadChartSpec(name);
    const declared = dataDeclarationOf(spec);
    const sample = samples[name] ?? {};

    it("is valid Vega-Lite once filled with sample rows", () => {
      expect(schemaErrors(validateSpec, fillSpec(spec, sample))).toEqual([]);
    });

    it("compiles with the theme without a single warning", () => {
      expect(compileChart(fillSpec(spec, sample)).warnings).toEqual([]);
    });

    it("documents every named data set and field in its description and in docs/reports.md", () => {
      const description = (spec as { description?: string }).description ?? "";
      expect(docs).toContain(`\`${name}\``);
      for (const [data, fields] of Object.entries(declared)) {
        expect(description, `data ${data}`).toContain(`\`${data}\``);
        for (const field of Object.keys(fields)) {
          expect(description, `field ${field}`).toContain(`\`${field}\``);
          expect(docs, `docs: ${name} field ${field}`).toContain(`\`${field}\``);
        }
      }
    });

    it("draws to SVG in Node with its sample rows, the same bytes each time", async () => {
      const svg = await renderChartSvg(fillSpec(spec, sample));
      expect(await renderChartSvg(fillSpec(spec, sample))).toBe(svg);
      expect(svg.startsWith("<svg")).toBe(true);
      expect(svg).toMatch(/viewBox="0 0 \d+(\.\d+)? \d+(\.\d+)?"/);
      expect((svg.match(/<path|<line|<rect/g) ?? []).length).toBeGreaterThan(10);
    });

    it("draws with every data set empty (a stage with nothing to show) without throwing", async () => {
      const empty = Object.fromEntries(Object.keys(declared).map((data) => [data, []]));
      expect(await renderChartSvg(fillSpec(spec, empty))).toMatch(/^<svg/);
    });
  });
});
