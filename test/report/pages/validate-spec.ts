import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv } from "ajv";
import { fillSpec, loadChartSpec, type ReportDocument } from "../../../src/report/index.js";

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve("vega-lite/vega-lite-schema.json"), "utf8"));
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const validate = ajv.compile(schema);

/** Schema errors of every chart of a document once filled with its data ("chart: error"). */
export function chartSchemaErrors(doc: ReportDocument): string[] {
  const errors: string[] = [];
  for (const section of doc.sections)
    for (const block of section.blocks) {
      if (block.kind !== "chart") continue;
      const filled = fillSpec(loadChartSpec(block.chart), block.data);
      if (!validate(filled))
        for (const e of validate.errors ?? [])
          errors.push(`${block.chart} (${block.title}): ${e.instancePath} ${e.message}`);
    }
  return errors;
}
